import path from 'node:path';
import { build, type BuildProgress, type BuildResult } from '../build/build.js';
import { createRenderContext, projectPaths } from '../build/context.js';
import { displayPath } from '../load/read.js';
import { countErrors, plural, printDiagnostics } from './report.js';
import { COMMON_OPTIONS, parseCommandArgs, parseNow } from './usage.js';

function progressPrinter(outDir: string) {
  return (event: BuildProgress) => {
    const folder = `${displayPath(path.join(outDir, event.slug))}/`;
    if (event.kind === 'start') process.stderr.write(`[${event.index + 1}/${event.total}] ${event.slug} … `);
    else if (event.kind === 'done') process.stderr.write(`ok (${folder}: ${plural(event.files.length, 'file')})\n`);
    else if (event.kind === 'incomplete') {
      const missing = event.missing.length ? `; not built: ${event.missing.join(', ')}` : '';
      process.stderr.write(`FAILED (${folder}: ${plural(event.files.length, 'file')} written${missing})\n`);
    } else process.stderr.write('FAILED (nothing written)\n');
  };
}

function summary(result: BuildResult, outDir: string): string {
  const parts = [`Built ${plural(result.built.length, 'statement')} into ${displayPath(outDir)}/`];
  if (result.incomplete.length) {
    const which = result.incomplete.map(({ slug, missing }) => (missing.length ? `${slug}: no ${missing.join(', ')}` : slug)).join('; ');
    parts.push(`${result.incomplete.length} written with errors (${which}): fix the errors above and build again`);
  }
  if (result.failed.length) parts.push(`${result.failed.length} failed (${result.failed.join(', ')}): their earlier outputs were left as they were`);
  return `${parts.join('; ')}\n`;
}

/** `statements build [slug…]`: exit 0 when everything built, 1 when anything failed. */
export async function buildCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...COMMON_OPTIONS, force: { type: 'boolean', default: false }, now: { type: 'string' } });
  const cwd = process.cwd();
  const context = await createRenderContext(projectPaths(cwd, values.config));
  if (!context.value) {
    printDiagnostics(context.diagnostics);
    return 1;
  }
  const outDir = path.resolve(cwd, values.out);
  const result = await build(
    { statementsDir: path.resolve(cwd, values.statements), outDir, slugs: positionals, force: values.force, now: parseNow(values.now), onProgress: progressPrinter(outDir) },
    context.value,
  );
  const diagnostics = [...context.diagnostics, ...result.diagnostics];
  printDiagnostics(diagnostics);
  process.stderr.write(summary(result, outDir));
  return countErrors(diagnostics) > 0 || result.failed.length > 0 || result.incomplete.length > 0 ? 1 : 0;
}
