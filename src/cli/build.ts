import path from 'node:path';
import { build, type BuildProgress } from '../build/build.js';
import { createRenderContext, projectPaths } from '../build/context.js';
import { displayPath } from '../load/read.js';
import { countErrors, printDiagnostics } from './report.js';
import { COMMON_OPTIONS, parseCommandArgs } from './usage.js';

function progressPrinter(outDir: string) {
  return (event: BuildProgress) => {
    if (event.kind === 'start') process.stderr.write(`[${event.index + 1}/${event.total}] ${event.slug} … `);
    else if (event.kind === 'done') process.stderr.write(`ok (${displayPath(path.join(outDir, event.slug))}/: ${event.files.length} files)\n`);
    else process.stderr.write('FAILED\n');
  };
}

/** `statements build [slug…]`: exit 0 when everything built, 1 when anything failed. */
export async function buildCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, COMMON_OPTIONS);
  const cwd = process.cwd();
  const context = await createRenderContext(projectPaths(cwd, values.config));
  if (!context.value) {
    printDiagnostics(context.diagnostics);
    return 1;
  }
  const outDir = path.resolve(cwd, values.out);
  const result = await build(
    { statementsDir: path.resolve(cwd, values.statements), outDir, slugs: positionals, onProgress: progressPrinter(outDir) },
    context.value,
  );
  const diagnostics = [...context.diagnostics, ...result.diagnostics];
  printDiagnostics(diagnostics);
  const errors = countErrors(diagnostics);
  process.stderr.write(
    `Built ${result.built.length} statement${result.built.length === 1 ? '' : 's'} into ${displayPath(outDir)}/` +
      (result.failed.length ? `; ${result.failed.length} failed (${result.failed.join(', ')}): their earlier outputs were left as they were` : '') +
      '\n',
  );
  return errors > 0 || result.failed.length > 0 ? 1 : 0;
}
