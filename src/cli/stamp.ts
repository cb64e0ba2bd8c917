import path from 'node:path';
import { projectPaths } from '../build/context.js';
import { stampStatement } from '../build/stamp.js';
import { loadConfig } from '../load/config.js';
import { languageSettings } from '../model/config.js';
import { countErrors, printDiagnostics } from './report.js';
import { COMMON_OPTIONS, parseCommandArgs, UsageError } from './usage.js';

/** `statements stamp <slug> [<lang>…]`: record the original each translation now follows, for the `stale` check. */
export async function stampCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { statements: COMMON_OPTIONS.statements, config: COMMON_OPTIONS.config });
  const [slug, ...langs] = positionals;
  if (!slug) throw new UsageError('`stamp` takes a statement name and, optionally, the translations to stamp, e.g. statements stamp water-rights-2026 es');
  const cwd = process.cwd();
  const config = await loadConfig(projectPaths(cwd, values.config).configFile, { drawLogo: false });
  if (!config.value) {
    printDiagnostics(config.diagnostics);
    return 1;
  }
  const settings = languageSettings(config.value);
  const [source, ...translations] = settings.languages;
  for (const lang of langs) {
    if (lang === source) throw new UsageError(`${lang} is the original: stamp its translations (${translations.join(', ')})`);
    if (!translations.includes(lang)) throw new UsageError(`unknown language "${lang}": the configured translations are ${translations.join(', ')}`);
  }
  // The one place a clock is read: the day shown in the stamp; checks never compare it with today.
  const today = new Date().toISOString().slice(0, 10);
  const result = await stampStatement({ statementsDir: path.resolve(cwd, values.statements), slug, langs, settings, today });
  const diagnostics = [...config.diagnostics, ...result.diagnostics];
  printDiagnostics(diagnostics);
  for (const { file, parts, stamped, unchanged } of result.stamped) {
    process.stdout.write(unchanged ? `${file}: already stamped (${stamped}); the original has not changed since\n` : `Stamped ${file}: ${parts} parts of the original, as of ${stamped}\n`);
  }
  return countErrors(diagnostics) > 0 ? 1 : 0;
}
