import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { projectPaths } from '../build/context.js';
import { writeFileAtomic } from '../build/write.js';
import { displayPath } from '../load/read.js';
import { suggestSlug } from '../load/statement.js';
import { SLUG_PATTERN } from '../model/statement.js';
import { COMMON_OPTIONS, parseCommandArgs, UsageError } from './usage.js';

const SCAFFOLD_FILES = ['en.md', 'es.md', 'signatories.csv'];

/** `statements new <slug>`: a statement folder with commented front matter to fill in. */
export async function newCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { statements: COMMON_OPTIONS.statements });
  const [slug, ...extra] = positionals;
  if (!slug || extra.length > 0) throw new UsageError('`new` takes exactly one statement name, e.g. statements new water-rights-2026');
  if (!SLUG_PATTERN.test(slug)) {
    throw new UsageError(`invalid statement name "${slug}": use lowercase letters, digits and hyphens, e.g. ${suggestSlug(slug)}`);
  }
  const dir = path.resolve(values.statements, slug);
  if (existsSync(dir)) {
    process.stderr.write(`statements: ${displayPath(dir)} already exists: pick another name, or edit the files there\n`);
    return 1;
  }
  const scaffoldDir = path.join(projectPaths(process.cwd()).templatesDir, 'new');
  // Today's date is the one place a clock is read: it only fills in the scaffold.
  const today = new Date().toISOString().slice(0, 10);
  for (const name of SCAFFOLD_FILES) {
    const text = await readFile(path.join(scaffoldDir, name), 'utf8');
    await writeFileAtomic(path.join(dir, name), text.replaceAll('{{date}}', today));
  }
  process.stdout.write(`Created ${displayPath(dir)}/ with ${SCAFFOLD_FILES.join(', ')}.\nEdit them, then run: npx statements build ${slug}\n`);
  return 0;
}
