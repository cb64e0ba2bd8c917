import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { projectPaths } from '../build/context.js';
import { writeFileAtomic } from '../build/write.js';
import { loadConfig } from '../load/config.js';
import { displayPath } from '../load/read.js';
import { languageSettings } from '../model/config.js';
import { DEFAULT_LANGUAGE_SETTINGS, type LanguageSettings } from '../model/languages.js';
import { printDiagnostics } from './report.js';
import { suggestSlug } from '../load/statement.js';
import { SLUG_PATTERN } from '../model/statement.js';
import { COMMON_OPTIONS, parseCommandArgs, UsageError } from './usage.js';

/**
 * What each file of a new statement is made from, in templates/new/: the
 * original from `original.md`, each translation from `<lang>.md` (or the
 * generic `translation.md` for a language without one).
 */
function scaffoldSources(scaffoldDir: string, settings: LanguageSettings): [target: string, source: string][] {
  const [source, ...translations] = settings.languages;
  return [
    [`${source}.md`, 'original.md'],
    ...translations.map((lang): [string, string] => [`${lang}.md`, existsSync(path.join(scaffoldDir, `${lang}.md`)) ? `${lang}.md` : 'translation.md']),
    ['signatories.csv', 'signatories.csv'],
  ];
}

/** `statements new <slug>`: a statement folder with commented front matter to fill in. */
export async function newCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { statements: COMMON_OPTIONS.statements, config: COMMON_OPTIONS.config });
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
  const paths = projectPaths(process.cwd(), values.config);
  // The configured languages decide the files; a project without a config yet gets the defaults.
  const config = existsSync(paths.configFile) ? await loadConfig(paths.configFile, { drawLogo: false }) : undefined;
  if (config) printDiagnostics(config.diagnostics);
  if (config && !config.value) return 1;
  const settings = config?.value ? languageSettings(config.value) : DEFAULT_LANGUAGE_SETTINGS;
  const scaffoldDir = path.join(paths.templatesDir, 'new');
  // Today's date is the one place a clock is read: it only fills in the scaffold.
  const today = new Date().toISOString().slice(0, 10);
  const files = scaffoldSources(scaffoldDir, settings);
  for (const [target, source] of files) {
    const text = await readFile(path.join(scaffoldDir, source), 'utf8');
    await writeFileAtomic(path.join(dir, target), text.replaceAll('{{date}}', today));
  }
  process.stdout.write(`Created ${displayPath(dir)}/ with ${files.map(([target]) => target).join(', ')}.\nEdit them, then run: npx statements build ${slug}\n`);
  return 0;
}
