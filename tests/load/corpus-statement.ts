import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A small valid statement for corpus cases about loading, whose setup then breaks one of its files. */
export const STATEMENT_FILES = {
  'en.md': `---
title: "Mountain communities demand a say over their glaciers"
date: 2026-04-22
dateline: "Huaraz, Peru"
---

The undersigned organisations ask the regional government to consult the
communities of the Cordillera Blanca before any permit touches a glacier.
`,
  'es.md': `---
title: "Las comunidades de montaña exigen voz sobre sus glaciares"
dateline: "Huaraz, Perú"
---

Las organizaciones firmantes piden al gobierno regional consultar a las
comunidades de la Cordillera Blanca antes de otorgar permisos sobre un glaciar.
`,
  'signatories.csv': `name,type,city,country
Red de Comunidades Altoandinas,organization,Huaraz,Perú
Colectivo Agua y Hielo,organization,Caraz,Perú
`,
};

export type StatementFile = keyof typeof STATEMENT_FILES;

/** Write the statement as `statements/<slug>/` in a corpus project; returns its folder. */
export async function writeStatement(project: string, slug: string, files: Partial<Record<StatementFile, string | Uint8Array>> = {}): Promise<string> {
  const dir = path.join(project, 'statements', slug);
  await mkdir(dir, { recursive: true });
  for (const [name, data] of Object.entries({ ...STATEMENT_FILES, ...files })) await writeFile(path.join(dir, name), data);
  return dir;
}
