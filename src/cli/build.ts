import path from 'node:path';
import { build, type BuildProgress, type BuildResult } from '../build/build.js';
import { createRenderContext, projectPaths, siblingFolder } from '../build/context.js';
import { defaultWorkers } from '../build/pool.js';
import { projectDigests } from '../build/snapshot.js';
import { displayPath } from '../load/read.js';
import type { Format } from '../render/index.js';
import { countErrors, plural, printDiagnostics } from './report.js';
import { COMMON_OPTIONS, parseCommandArgs, parseNow, UsageError } from './usage.js';

/** What `--formats` calls each kind of output. */
const FORMAT_NAMES: Record<string, Format> = { html: 'page', pdf: 'pdf', email: 'email', image: 'image' };

/** `--formats html,pdf,email,image`: any of them, comma-separated; all when the option is not given. */
function parseFormats(value: string | undefined): ReadonlySet<Format> | undefined {
  if (value === undefined) return undefined;
  const names = value.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !Object.hasOwn(FORMAT_NAMES, name));
  if (unknown.length) {
    const valid = Object.keys(FORMAT_NAMES);
    throw new UsageError(`--formats takes ${valid.join(', ')} (any of them, comma-separated, e.g. --formats ${valid.slice(0, 2).join(',')}), not "${unknown.join(',')}"`);
  }
  return new Set(names.map((name) => FORMAT_NAMES[name]!));
}

function progressPrinter(outDir: string) {
  return (event: BuildProgress) => {
    const folder = `${displayPath(path.join(outDir, event.slug))}/`;
    if (event.kind === 'start') process.stderr.write(`[${event.index + 1}/${event.total}] ${event.slug} … `);
    else if (event.kind === 'done' && event.upToDate) process.stderr.write(`up to date (${folder})\n`);
    else if (event.kind === 'done') process.stderr.write(`ok (${folder}: ${plural(event.files.length, 'file')})\n`);
    else if (event.kind === 'embargoed') {
      const copies = event.upToDate ? '; its embargoed copies up to date'
        : event.files.length ? `; ${plural(event.files.length, 'file')} into ${[...new Set(event.files.map((file) => `${path.dirname(file)}/`))].join(', ')}` : '';
      process.stderr.write(`under embargo (${event.withdrawn ? `taken out of ${folder}` : `nothing in ${folder}`}${copies})\n`);
    }
    else if (event.kind === 'incomplete') {
      const missing = event.missing.length ? `; not built: ${event.missing.join(', ')}` : '';
      process.stderr.write(`FAILED (${folder}: ${plural(event.files.length, 'file')} written${missing})\n`);
    } else process.stderr.write('FAILED (nothing written)\n');
  };
}

function summary(result: BuildResult, outDir: string): string {
  const threads = result.threads > 1 ? ` with ${result.threads} worker threads` : '';
  const upToDate = result.upToDate.length ? ` (${result.upToDate.length} up to date: nothing of them made again)` : '';
  const parts = [`Built ${plural(result.built.length, 'statement')} into ${displayPath(outDir)}/${threads}${upToDate}`];
  if (result.incomplete.length) {
    const which = result.incomplete.map(({ slug, missing }) => (missing.length ? `${slug}: no ${missing.join(', ')}` : slug)).join('; ');
    parts.push(`${result.incomplete.length} written with errors (${which}): fix the errors above and build again`);
  }
  if (result.embargoed.length) parts.push(`${result.embargoed.length} under embargo, not in ${displayPath(outDir)}/ (${result.embargoed.map(({ slug }) => slug).join(', ')}): never deploy the embargoed or preview folder`);
  if (result.failed.length) parts.push(`${result.failed.length} failed (${result.failed.join(', ')}): their earlier outputs were left as they were`);
  return `${parts.join('; ')}\n`;
}

/** By default a pool starts only for this many statements to make: below it, one thread is as fast (workers start cold). */
const POOL_FROM = 16;

/** `--workers N`: a whole number from 1 (this thread only) to 64; by default one per core, for builds large enough to gain. */
function parseWorkers(value: string | undefined): { size: number; from: number } {
  if (value === undefined) return { size: defaultWorkers(), from: POOL_FROM };
  const size = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(size >= 1 && size <= 64)) throw new UsageError(`--workers takes a whole number from 1 (build in one thread) to 64, not "${value}"`);
  return { size, from: 2 };
}

/**
 * `--preview` (into `preview/` beside the output folder) or `--preview=DIR`:
 * a word after a bare `--preview` is a statement to build, not a folder.
 */
function takePreview(args: string[]): { rest: string[]; preview?: string } {
  let preview: string | undefined;
  const rest = args.filter((arg) => {
    const match = /^--preview(?:=(.*))?$/s.exec(arg);
    if (match?.[1] === '') throw new UsageError('--preview=DIR needs a folder after the =, or write --preview alone for preview/ beside the output folder');
    if (match) preview = match[1];
    return !match;
  });
  return { rest, preview: preview ?? (rest.length < args.length ? '' : undefined) };
}

/** `statements build [slug…] [--formats html,pdf,email,image] [--clean] [--workers N] [--embargoed DIR] [--preview[=DIR]]`: exit 0 when everything built, 1 when anything failed. */
export async function buildCommand(args: string[]): Promise<number> {
  const options = {
    ...COMMON_OPTIONS,
    force: { type: 'boolean', default: false },
    now: { type: 'string' },
    formats: { type: 'string' },
    clean: { type: 'boolean', default: false },
    workers: { type: 'string' },
    embargoed: { type: 'string' },
  } as const;
  const { rest, preview } = takePreview(args);
  const { values, positionals } = parseCommandArgs(rest, options);
  const formats = parseFormats(values.formats);
  const workers = parseWorkers(values.workers);
  const now = parseNow(values.now);
  const cwd = process.cwd();
  const paths = projectPaths(cwd, values.config);
  const context = await createRenderContext(paths);
  if (!context.value) {
    printDiagnostics(context.diagnostics);
    return 1;
  }
  const outDir = path.resolve(cwd, values.out);
  const cache = { project: await projectDigests(paths, context.value.config), clean: values.clean };
  const result = await build(
    {
      statementsDir: path.resolve(cwd, values.statements),
      outDir,
      slugs: positionals,
      force: values.force,
      now,
      formats,
      cache,
      workers: workers.size > 1 ? { paths, ...workers } : undefined,
      embargoedDir: path.resolve(cwd, values.embargoed ?? siblingFolder(outDir, 'embargoed')),
      previewDir: preview === undefined ? undefined : path.resolve(cwd, preview || siblingFolder(outDir, 'preview')),
      onProgress: progressPrinter(outDir),
    },
    context.value,
  );
  const diagnostics = [...context.diagnostics, ...result.diagnostics];
  printDiagnostics(diagnostics);
  for (const { slug, until } of result.embargoed) process.stderr.write(`${slug}: under embargo until ${until}; rebuild after that to publish it\n`);
  process.stderr.write(summary(result, outDir));
  return countErrors(diagnostics) > 0 || result.failed.length > 0 || result.incomplete.length > 0 ? 1 : 0;
}
