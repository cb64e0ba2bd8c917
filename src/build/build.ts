import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { checkContextOf } from '../check/context.js';
import { checkProject, forced } from '../check/index.js';
import { displayPath } from '../load/read.js';
import { listStatements } from '../load/statement.js';
import { languageSettings } from '../model/config.js';
import { sourceLanguage } from '../model/languages.js';
import { diagnostic, fromData, isError, withoutRepeats, type Diagnostic } from '../model/diagnostic.js';
import type { RenderContext } from '../render/context.js';
import { logoOutputPath, renderArchive, type ArchiveEntry } from '../render/html/page.js';
import type { Format } from '../render/index.js';
import { renderFeed } from '../render/site/feed.js';
import { renderRobots, renderSitemap } from '../render/site/sitemap.js';
import { readArchiveEntries } from './archive.js';
import { readEntry } from './cache.js';
import { siblingFolder, type ProjectPaths } from './context.js';
import { caughtDiagnostic } from './errors.js';
import { clearHeldCopies, embargoedByRecord, heldFolder, holdBack, takeOut, type HeldFolders, type Listings } from './held.js';
import { readyFolder } from './out-folder.js';
import { planStatement, remember, replay, replayHeld, type Done, type Plan, type StatementOutcome } from './plan.js';
import { inThisThread, workerPool, type Producer } from './pool.js';
import type { Produced } from './produced.js';
import { buildWorkDir, builtFiles, switchInFiles } from './publish.js';
import type { ProjectDigests } from './snapshot.js';
import { nodeWriteFs, writeFileAtomic, type WriteFs } from './write.js';

export interface BuildOptions {
  statementsDir: string;
  outDir: string;
  /** Build only these statements (the archive still lists every one built before). */
  slugs?: string[];
  onProgress?: (event: BuildProgress) => void;
  /** Where writes go; tests inject failures here. */
  fs?: WriteFs;
  /** Publish statements whose checks found errors (shown as warnings that say so). */
  force?: boolean;
  /** "Now" for the checks about dates (default: the clock). */
  now?: Date;
  /** Where the press copies (PDFs, emails) of statements under embargo go (default: `embargoed/` beside the output folder); never published. */
  embargoedDir?: string;
  /** Also build the pages of statements under embargo, marked as previews, into this folder (`build --preview`). */
  previewDir?: string;
  /** Build only these kinds of output (default all); a statement's files of the other kinds in out/ stay as they were. */
  formats?: ReadonlySet<Format>;
  /** The digests of the project's inputs, for the cache (cache.ts); none: make everything, record nothing. `clean`: make everything, record it. */
  cache?: { project: ProjectDigests; clean?: boolean };
  /**
   * Make statements in `size` worker threads, each reading the project from
   * `paths` (pool.ts), when there are at least `from` to make (a worker takes
   * about a second to start and warm up); none: in this thread.
   */
  workers?: { paths: ProjectPaths; size: number; from: number };
}

export type BuildProgress =
  | { kind: 'start'; slug: string; index: number; total: number }
  | { kind: 'done'; slug: string; files: string[]; upToDate: boolean }
  | { kind: 'incomplete'; slug: string; files: string[]; missing: string[] }
  /** Under embargo: nothing of it in out/ (`withdrawn`: its earlier folder was taken out); `files`: its copies written, paths from the working directory. */
  | { kind: 'embargoed'; slug: string; until: string; files: string[]; withdrawn: boolean; upToDate: boolean }
  | { kind: 'failed'; slug: string };

export interface BuildResult {
  /** Statements whose every file was built, or was up to date. */
  built: string[];
  /** Of those, the ones the cache found up to date: nothing of them was made or written. */
  upToDate: string[];
  /** How many threads made statements (1: this one; more: a pool of worker threads). */
  threads: number;
  /** Statements published with errors: some outputs could not be built (`missing`, removed from out/), the rest are new. */
  incomplete: { slug: string; missing: string[] }[];
  /** Statements under embargo at "now": not in out/ (taken out if they were), their press copies in the embargoed folder; `until`: when, in words. */
  embargoed: { slug: string; until: string }[];
  /** Statements of which nothing was written (all of them when the output folder is unusable): their earlier files are as they were. */
  failed: string[];
  diagnostics: Diagnostic[];
}


/**
 * One statement: made (load, check, render) by the producer, then its new
 * files written into a staged folder and switched into out/ with its files
 * that were kept (up to date, or of a kind not built). Load or check errors
 * write nothing; an output that cannot be built is left out (and its earlier
 * version with it) while the others are published; a write error publishes
 * nothing. Then the cache records what each published file was made from.
 * A statement under embargo goes to the embargoed folder instead (holdBack).
 */
async function buildStatement(plan: Plan, options: BuildOptions, producer: Producer, folders: HeldFolders, listings: Listings, ctx: RenderContext, fs: WriteFs): Promise<Done> {
  const { slug } = plan;
  // A statement that cannot be made now but whose record says it is under embargo still leaves out/.
  const failed = async (diagnostics: Diagnostic[]): Promise<Done> => {
    if (embargoedByRecord(plan.entry, options.now ?? new Date())) await takeOut(slug, options, listings, fs, diagnostics);
    return { outcome: { kind: 'failed' }, diagnostics };
  };
  if (plan.upToDate && plan.entry) {
    const replayed = replay({ ...plan, entry: plan.entry }, options);
    await clearHeldCopies(slug, folders, fs, replayed.diagnostics);
    return replayed;
  }
  if (plan.held) return replayHeld(plan.held, options, sourceLanguage(languageSettings(ctx.config)));
  const now = (options.now ?? new Date()).getTime();
  let produced: Produced;
  try {
    produced = await producer.produce({ statementsDir: options.statementsDir, slug, force: options.force ?? false, now, formats: options.formats && [...options.formats], fresh: plan.fresh, preview: folders.preview !== undefined });
  } catch (error) {
    // A worker that died (out of memory) or a message that could not cross to it: this statement's error only.
    const place = { file: displayPath(path.join(options.statementsDir, slug)) };
    const tooLarge = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
    const reason = `${slug} needs more memory than a build worker may use: build it again with more memory for Node, e.g. \`NODE_OPTIONS=--max-old-space-size=4096 statements build ${slug}\`. Nothing of it was written`;
    return failed([tooLarge ? diagnostic('error', 'input-size', reason, place) : caughtDiagnostic(error, { place, doing: `making ${slug}` })]);
  }
  const diagnostics = [...produced.diagnostics];
  const done = (outcome: StatementOutcome): Done => ({ outcome, diagnostics });
  if (produced.embargoed) return done(await holdBack(plan, produced, options, folders, listings, ctx, fs, diagnostics));
  if (!produced.publish) return failed(diagnostics);
  const { files: outputs, manifest } = produced.publish;
  for (const output of outputs) {
    diagnostics.push(...(output.made ? output.diagnostics : plan.fresh.includes(output.file) ? (plan.entry?.files[output.file]?.diagnostics ?? []).map(fromData) : []));
  }
  const written = await switchInFiles({ dir: options.outDir, work: buildWorkDir(options.outDir) }, slug, outputs, plan.fresh, manifest, ctx, fs, diagnostics);
  if (!written) return done({ kind: 'failed' });
  await remember(plan, produced, options.outDir, outputs, fs, diagnostics);
  await clearHeldCopies(slug, folders, fs, diagnostics);
  return done({ kind: 'published', ...written });
}

/**
 * The site's files: the logo, then the archive, a feed per language, the
 * sitemap and robots.txt, made from the manifests of the statements in out/
 * (so never from one under embargo), each written atomically; a failure is an
 * error naming the file.
 */
async function writeSiteFiles(options: BuildOptions, ctx: RenderContext, slugs: readonly string[], fs: WriteFs, diagnostics: Diagnostic[]): Promise<void> {
  const tempDir = buildWorkDir(options.outDir);
  const write = async (name: string, data: () => Promise<string | Uint8Array>) => {
    const file = path.join(options.outDir, name);
    try {
      const bytes = await data();
      // Unchanged: left alone, so a build with nothing new writes nothing.
      const earlier = await readFile(file).catch(() => undefined);
      if (earlier?.equals(typeof bytes === 'string' ? Buffer.from(bytes) : bytes)) return;
      await writeFileAtomic(file, bytes, { fs, tempDir });
    } catch (error) {
      diagnostics.push(caughtDiagnostic(error, { place: { file: displayPath(file) }, doing: `writing ${displayPath(file)}`, action: 'write', consequence: 'The earlier version of that file was left as it was' }));
    }
  };
  const logo = logoOutputPath(ctx);
  const logoBytes = ctx.config.logoBytes;
  if (logo && logoBytes) await write(logo, async () => logoBytes);
  let archive: Promise<ArchiveEntry[]> | undefined;
  const entries = () =>
    (archive ??= readArchiveEntries(options.outDir, slugs).then((read) => {
      diagnostics.push(...read.diagnostics);
      return read.entries;
    }));
  await write('index.html', async () => renderArchive(await entries(), ctx));
  for (const lang of languageSettings(ctx.config).languages) await write(`feed.${lang}.xml`, async () => renderFeed(await entries(), lang, ctx));
  await write('sitemap.xml', async () => renderSitemap(await entries(), ctx));
  await write('robots.txt', async () => renderRobots(ctx));
}

/**
 * Load, render and write statements. Each statement's failure is its own:
 * the others still build, and a statement's files in out/ change together
 * (see publish.ts). Nothing is written when the output folder is unusable.
 * A diagnostic raised alike by several outputs or statements (a damaged font,
 * a signatory's name no font has, in every PDF) is reported once.
 */
export async function build(options: BuildOptions, ctx: RenderContext): Promise<BuildResult> {
  const result = await buildAll(options, ctx);
  return { ...result, diagnostics: withoutRepeats(result.diagnostics) };
}


const PLANNED_AT_ONCE = 32;

async function buildAll(options: BuildOptions, ctx: RenderContext): Promise<BuildResult> {
  const fs = options.fs ?? nodeWriteFs;
  const result: BuildResult = { built: [], upToDate: [], threads: 1, incomplete: [], embargoed: [], failed: [], diagnostics: [] };
  const { diagnostics } = result;
  const listed = await listStatements(options.statementsDir);
  diagnostics.push(...listed.diagnostics);
  const available = listed.value ?? [];
  const selected = options.slugs?.length ? [...new Set(options.slugs)] : available;
  const outFolder = await readyFolder(options.outDir, options.statementsDir, builtFiles(ctx), fs);
  diagnostics.push(...outFolder);
  if (outFolder.some(isError)) return { ...result, failed: [...selected] };
  const now = options.now ?? new Date();
  const checks = checkContextOf(ctx, now);
  const projectFindings = await checkProject(checks);
  diagnostics.push(...(options.force ? projectFindings.map(forced) : projectFindings));
  const projectErrors = !options.force && projectFindings.some(isError);
  const plans = new Map<string, Plan>();
  const embargoedDir = options.embargoedDir ?? siblingFolder(options.outDir, 'embargoed');
  // Many small reads and stats a statement: a few statements at a time, so the disk is never waited on idly.
  const toPlan = projectErrors ? [] : selected.filter((slug) => available.includes(slug));
  for (let first = 0; first < toPlan.length; first += PLANNED_AT_ONCE) {
    const batch = toPlan.slice(first, first + PLANNED_AT_ONCE);
    for (const plan of await Promise.all(batch.map((slug) => planStatement(slug, options, checks.settings, now, options.previewDir ? undefined : embargoedDir)))) plans.set(plan.slug, plan);
  }
  const toMake = [...plans.values()].filter((plan) => !plan.upToDate && !plan.held).length;
  const folders: HeldFolders = {
    embargoed: heldFolder(embargoedDir, 'embargoed', options, ctx, fs),
    ...(options.previewDir ? { preview: heldFolder(options.previewDir, 'preview', options, ctx, fs) } : {}),
  };
  // Statements taken out of out/ are left out of the listings at once, and at the end.
  const withheld = new Set<string>();
  let listing = Promise.resolve();
  const listings: Listings = {
    withhold(slug) {
      withheld.add(slug);
      const problems: Diagnostic[] = [];
      listing = listing.then(() => writeSiteFiles(options, ctx, available.filter((name) => !withheld.has(name)), fs, problems));
      return listing.then(() => problems);
    },
  };
  // A statement not built this time but published before, and now under embargo by its record, leaves out/ all the same.
  for (const slug of available.filter((name) => !plans.has(name))) {
    const entry = await readEntry(options.outDir, slug);
    if (!embargoedByRecord(entry, now)) continue;
    const found: Diagnostic[] = [];
    const withdrawn = await takeOut(slug, options, listings, fs, found);
    diagnostics.push(...found);
    if (withdrawn) {
      const reason = `${slug} is under embargo until ${entry!.embargo} (as last built): taken out of ${displayPath(options.outDir)}/; build it to make its embargoed copies`;
      diagnostics.push(diagnostic('warning', 'embargo', reason, { file: displayPath(path.join(options.statementsDir, slug)) }));
    }
  }
  const producer = options.workers && toMake >= Math.max(2, options.workers.from) ? await workerPool(options.workers.paths, Math.min(options.workers.size, toMake)) : inThisThread(ctx, (time) => checkContextOf(ctx, new Date(time)));
  result.threads = producer.parallel;
  try {
    // A few statements ahead of the one being reported, so every worker is busy and memory stays flat.
    const ahead = producer.parallel + 1;
    const started: (Promise<Done> | undefined)[] = [];
    const start = (index: number) => {
      const plan = plans.get(selected[index] ?? '');
      if (plan && !started[index]) started[index] = buildStatement(plan, options, producer, folders, listings, ctx, fs);
    };
    for (const [index, slug] of selected.entries()) {
      for (let next = index; next < index + ahead; next++) start(next);
      options.onProgress?.({ kind: 'start', slug, index, total: selected.length });
      if (!available.includes(slug)) {
        diagnostics.push(diagnostic('error', 'statement-folder', `no statement "${slug}": expected a folder ${displayPath(path.join(options.statementsDir, slug))} with en.md and es.md`, { file: displayPath(options.statementsDir) }));
        result.failed.push(slug);
        options.onProgress?.({ kind: 'failed', slug });
        continue;
      }
      const done: Done = started[index] ? await started[index] : { outcome: { kind: 'failed' }, diagnostics: [] };
      started[index] = undefined;
      diagnostics.push(...done.diagnostics);
      const { outcome } = done;
      if (outcome.kind === 'failed') {
        result.failed.push(slug);
        options.onProgress?.({ kind: 'failed', slug });
      } else if (outcome.kind === 'embargoed') {
        result.embargoed.push({ slug, until: outcome.until });
        if (outcome.missing.length > 0 || done.diagnostics.some(isError)) result.incomplete.push({ slug, missing: outcome.missing });
        options.onProgress?.({ kind: 'embargoed', slug, until: outcome.until, files: outcome.files, withdrawn: outcome.withdrawn, upToDate: outcome.upToDate ?? false });
      } else if (outcome.missing.length > 0 || done.diagnostics.some(isError)) {
        result.incomplete.push({ slug, missing: outcome.missing });
        options.onProgress?.({ kind: 'incomplete', slug, files: outcome.files, missing: outcome.missing });
      } else {
        result.built.push(slug);
        if (outcome.upToDate) result.upToDate.push(slug);
        options.onProgress?.({ kind: 'done', slug, files: outcome.files, upToDate: outcome.upToDate ?? false });
      }
    }
  } finally {
    await producer.close();
  }
  await listing;
  await writeSiteFiles(options, ctx, available.filter((slug) => !withheld.has(slug)), fs, diagnostics);
  return result;
}
