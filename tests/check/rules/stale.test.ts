import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stampStatement } from '../../../src/build/stamp.js';
import { changedRuns, stale } from '../../../src/check/rules/stale.js';
import { loadStatement } from '../../../src/load/statement.js';
import { DEFAULT_LANGUAGE_SETTINGS } from '../../../src/model/languages.js';
import { formatDiagnostic } from '../../../src/model/diagnostic.js';
import { projectCheckContext } from '../../helpers/context.js';

const ctx = await projectCheckContext();
const SLUG = 'valley-wells';

const EN = `---
title: "Valley groups ask for a public register of wells"
date: 2026-11-02
---

The Riverside Farmers' Union and twelve community groups asked the regional water board today to publish a register of every well in the valley.

In 2025 the board licensed 41 new wells, while 9 village springs ran dry.

## What the groups ask

- a public register of all wells, updated every month;
- a moratorium on new industrial wells until the register is complete.

"Our springs are drying up while new wells go in," said Irene Solís of the Riverside Farmers' Union.
`;

const ES = `---
title: "Grupos del valle piden un registro público de pozos"
---

El Sindicato de Agricultores de la Ribera y doce grupos comunitarios pidieron hoy a la junta regional del agua publicar un registro de todos los pozos del valle.

En 2025 la junta autorizó 41 pozos nuevos, mientras que 9 manantiales de los pueblos se secaron.

## Lo que piden los grupos

- un registro público de todos los pozos, actualizado cada mes;
- una moratoria de nuevos pozos industriales hasta que el registro esté completo.

«Nuestros manantiales se secan mientras se abren pozos nuevos», dijo Irene Solís, del Sindicato de Agricultores de la Ribera.
`;

/** A project with the statement written out, so the real loader reads it (and the real `stamp` writes into it). */
async function project(en = EN, es = ES): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'statements-stale-'));
  await mkdir(path.join(root, SLUG));
  await writeFile(path.join(root, SLUG, 'en.md'), en);
  await writeFile(path.join(root, SLUG, 'es.md'), es);
  return root;
}

async function stamp(root: string): Promise<void> {
  const { diagnostics } = await stampStatement({ statementsDir: root, slug: SLUG, langs: [], settings: DEFAULT_LANGUAGE_SETTINGS, today: '2026-11-20' });
  expect(diagnostics.map(formatDiagnostic)).toEqual([]);
}

async function editOriginal(root: string, edit: (text: string) => string): Promise<void> {
  const file = path.join(root, SLUG, 'en.md');
  const before = await readFile(file, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before);
  await writeFile(file, after);
}

async function findings(root: string) {
  const { value, diagnostics } = await loadStatement(root, SLUG);
  if (!value) throw new Error(diagnostics.map(formatDiagnostic).join('\n'));
  return stale.check(value, ctx);
}

const lineIn = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('stale', () => {
  it('warns once, at the top of the file, about a translation without a stamp', async () => {
    const root = await project();
    const found = await findings(root);
    expect(found.map((finding) => [finding.fatal, finding.ruleId, path.basename(String(finding.file)), finding.line])).toEqual([[false, 'stale', 'es.md', 1]]);
    expect(found[0]!.reason).toContain(`run \`statements stamp ${SLUG} es\``);
  });

  it('finds nothing in a translation stamped against the original as it is', async () => {
    const root = await project();
    await stamp(root);
    expect(await findings(root)).toEqual([]);
  });

  it('names an edited paragraph of the original, at its line, with its translation as the second place', async () => {
    const root = await project();
    await stamp(root);
    await editOriginal(root, (text) => text.replace('41 new wells', '44 new wells'));
    const found = await findings(root);
    expect(found).toHaveLength(1);
    const [finding] = found;
    expect(finding!.fatal).toBe(true);
    expect(finding!.file).toBe(path.join(root, SLUG, 'en.md'));
    expect(finding!.line).toBe(lineIn(EN, 'In 2025'));
    expect(finding!.reason).toMatch(new RegExp(`en\\.md:${lineIn(EN, 'In 2025')} \\(a paragraph\\) changed since .*es\\.md was stamped \\(2026-11-20\\)`));
    const note = finding!.cause as typeof finding;
    expect([note!.file, note!.line]).toEqual([path.join(root, SLUG, 'es.md'), lineIn(ES, 'En 2025') + 1]);
  });

  it('names only an inserted paragraph, not the ones after it', async () => {
    const root = await project();
    await stamp(root);
    const added = 'The groups will present 3,200 signatures to the board on 4 December.';
    await editOriginal(root, (text) => text.replace('## What the groups ask', `${added}\n\n## What the groups ask`));
    const found = await findings(root);
    const line = lineIn(EN, '## What');
    // The stamp is the translation's third line: after `---` and the title.
    expect(found.map(formatDiagnostic)).toEqual([
      `${path.join(root, SLUG, 'en.md')}:${line}:1: error: ${path.join(root, SLUG, 'en.md')}:${line} (a paragraph) was added since ${path.join(root, SLUG, 'es.md')} was stamped (2026-11-20): translate it into ${path.join(root, SLUG, 'es.md')}, then run \`statements stamp ${SLUG} es\` [stale]\n` +
        `  ${path.join(root, SLUG, 'es.md')}:3:1: note: the stamp of 2026-11-20 [stale]`,
    ]);
  });

  it('names an inserted paragraph and a later edit apart, not the paragraphs between them', async () => {
    const root = await project();
    await stamp(root);
    const added = 'The board has not answered the groups since their first letter in March.';
    await editOriginal(root, (text) => text.replace('In 2025', `${added}\n\nIn 2025`).replace('Irene Solís of', 'Irene Solís, chair of'));
    const edited = await readFile(path.join(root, SLUG, 'en.md'), 'utf8');
    const found = await findings(root);
    expect(found.map((finding) => [finding.line, finding.reason.match(/\) (was added|changed) since/)?.[1]])).toEqual([
      [lineIn(edited, added), 'was added'],
      [lineIn(edited, '"Our springs'), 'changed'],
    ]);
  });

  it('names a removed list item at the part that now follows it', async () => {
    const root = await project();
    await stamp(root);
    await editOriginal(root, (text) => text.replace('- a public register of all wells, updated every month;\n', ''));
    const found = await findings(root);
    expect(found).toHaveLength(1);
    // The next item moved up into the removed one's line.
    const line = lineIn(EN, '- a public register');
    expect(found[0]!.reason).toMatch(new RegExp(`^a part of .*en\\.md before line ${line} was removed since`));
    expect(found[0]!.line).toBe(line);
  });

  it('names a changed title', async () => {
    const root = await project();
    await stamp(root);
    await editOriginal(root, (text) => text.replace('public register of wells"', 'public register of all wells"'));
    const found = await findings(root);
    expect(found.map((finding) => [finding.line, finding.reason.match(/\((the title)\) changed/)?.[1]])).toEqual([[2, 'the title']]);
  });

  it('leaves out a field the translation inherits: a new dateline in the original reaches it anyway', async () => {
    const root = await project(EN.replace('date: 2026-11-02', 'date: 2026-11-02\ndateline: "Riverside"'));
    await stamp(root);
    await editOriginal(root, (text) => text.replace('dateline: "Riverside"', 'dateline: "Riverside Valley"'));
    expect(await findings(root)).toEqual([]);
  });

  it('finds nothing when the original is only reflowed, respaced or given curly quotes', async () => {
    const root = await project();
    await stamp(root);
    await editOriginal(root, (text) =>
      text
        .replace('asked the regional water board today', 'asked the regional water board\ntoday')
        .replace('41 new wells, while', '41 new  wells , while')
        .replace('"Our springs are drying up while new wells go in," said', '“Our springs are drying up while new wells go in,” said'),
    );
    expect(await findings(root)).toEqual([]);
  });

  it('finds nothing after `check --fix` gives the original its spaces: before °C and %, inside « »', async () => {
    const root = await project(EN.replace('9 village springs ran dry.', '9 village springs ran dry at 41°C, a 30% loss, «a crisis».'));
    await stamp(root);
    await editOriginal(root, (text) => text.replace('41°C, a 30% loss, «a crisis»', '41\u00a0°C, a 30\u00a0% loss, «\u202fa crisis\u202f»'));
    expect(await findings(root)).toEqual([]);
  });

  it('reports a change of emphasis or of a link, which the translation must mirror', async () => {
    const root = await project();
    await stamp(root);
    await editOriginal(root, (text) => text.replace('a public register of all wells', 'a **public** register of all wells'));
    expect((await findings(root)).map((finding) => finding.line)).toEqual([lineIn(EN, '- a public')]);
  });
});

describe('changedRuns', () => {
  it('is empty for equal sequences', () => {
    expect(changedRuns(['a', 'b'], ['a', 'b'])).toEqual([]);
  });

  it('sees an insertion as one run, whatever follows it', () => {
    expect(changedRuns(['a', 'b', 'c', 'd'], ['a', 'x', 'b', 'c', 'd'])).toEqual([{ removed: 0, added: [1, 2] }]);
  });

  it('sees a change as a removal and an addition in one run', () => {
    expect(changedRuns(['a', 'b', 'c'], ['a', 'x', 'c'])).toEqual([{ removed: 1, added: [1, 2] }]);
  });

  it('keeps separate runs apart', () => {
    expect(changedRuns(['a', 'b', 'c', 'd', 'e'], ['x', 'b', 'c', 'e', 'y'])).toEqual([
      { removed: 1, added: [0, 1] },
      { removed: 1, added: [3, 3] },
      { removed: 0, added: [4, 5] },
    ]);
  });
});
