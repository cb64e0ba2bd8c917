import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { checkContextOf } from '../check/context.js';
import { checkProject, forced } from '../check/index.js';
import { displayPath } from '../load/read.js';
import { listStatements } from '../load/statement.js';
import { formatEmbargo } from '../i18n/dates.js';
import { languageSettings } from '../model/config.js';
import { diagnostic, fromData, isError, toData, withoutRepeats, type Diagnostic } from '../model/diagnostic.js';
import { sourceLanguage, type LanguageSettings } from '../model/languages.js';
import type { RenderContext } from '../render/context.js';
import { logoOutputPath, renderArchive, type ArchiveEntry } from '../render/html/page.js';
import { outputFileNames, type Format } from '../render/index.js';
import { renderFeed } from '../render/site/feed.js';
import { renderRobots, renderSitemap } from '../render/site/sitemap.js';
import { MANIFEST, readArchiveEntries } from './archive.js';
import { cacheDir, fileStamp, forgetEntry, freshFiles, readEntry, writeEntry, type CacheEntry } from './cache.js';
import { siblingFolder, workDir, type ProjectPaths } from './context.js';
import { caughtDiagnostic } from './errors.js';
import { prepareOutFolder } from './out-folder.js';
import { inThisThread, workerPool, type Producer } from './pool.js';
import type { Produced, ProducedFile } from './produced.js';
import { buildWorkDir, carryOver, repairInterruptedBuilds, retire, stageFolder, switchIn, withdraw } from './publish.js';
import { digestOf, outputKey, statementDigest, type ProjectDigests } from './snapshot.js';
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
  | { kind: 'embargoed'; slug: string; until: string; files: string[]; withdrawn: boolean }
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

/** The files a statement's folder may get from the build; anything else found there is kept. */
function builtFiles(ctx: RenderContext): (name: string) => boolean {
  const names = new Set([...outputFileNames(languageSettings(ctx.config)), MANIFEST]);
  return (name) => names.has(name);
}

type StatementOutcome =
  | { kind: 'failed' }
  | { kind: 'published'; files: string[]; missing: string[]; upToDate?: boolean }
  | { kind: 'embargoed'; until: string; files: string[]; missing: string[]; withdrawn: boolean };

/** What one statement came to, with its own diagnostics (statements are made in parallel, reported in order). */
interface Done {
  outcome: StatementOutcome;
  diagnostics: Diagnostic[];
}

/** What the cache knows of a statement before anything is made. */
interface Plan {
  slug: string;
  entry?: CacheEntry;
  checkKey?: string;
  keyOf?: (format: Format) => string;
  /** Files in out/ the cache says are up to date. */
  fresh: string[];
  /** Every output wanted is up to date and the checks' findings still hold: nothing to do. */
  upToDate: boolean;
}

const wantedBy = (options: BuildOptions) => (output: { format: Format }) => options.formats?.has(output.format) ?? true;

async function planStatement(slug: string, options: BuildOptions, settings: LanguageSettings, now: Date): Promise<Plan> {
  const cache = options.cache;
  if (!cache) return { slug, fresh: [], upToDate: false };
  const statement = await statementDigest(options.statementsDir, slug, settings.languages);
  if (!statement) return { slug, fresh: [], upToDate: false };
  const { project } = cache;
  // The checks read the statement, the config, the UI strings and the fonts; `dates` compares with today.
  const day = now.toISOString().slice(0, 10);
  const checkKey = digestOf(['check', statement, project.config, project.logo, project.locales, project.fonts, project.tool, day, options.force ? 'force' : '']);
  const keyOf = (format: Format) => outputKey(format, statement, project);
  const entry = cache.clean ? undefined : await readEntry(options.outDir, slug);
  if (!entry) return { slug, checkKey, keyOf, fresh: [], upToDate: false };
  const fresh = await freshFiles(options.outDir, slug, entry, keyOf);
  // A statement published before and now under a later embargo (an earlier --now) is made again, to be taken out.
  const embargoed = entry.embargo !== null && Date.parse(entry.embargo) > now.getTime();
  const upToDate = !embargoed && entry.checkKey === checkKey && entry.outputs.filter(wantedBy(options)).every((output) => fresh.includes(output.file));
  return { slug, entry, checkKey, keyOf, fresh, upToDate };
}

/** A statement the cache says is up to date: its diagnostics as they were, nothing written. */
function replay(plan: Plan & { entry: CacheEntry }, options: BuildOptions): Done {
  const wanted = plan.entry.outputs.filter(wantedBy(options));
  const diagnostics = [...plan.entry.diagnostics, ...wanted.flatMap((output) => plan.entry.files[output.file]!.diagnostics)].map(fromData);
  return { outcome: { kind: 'published', files: wanted.map((output) => output.file), missing: [], upToDate: true }, diagnostics };
}

/** A folder statements are switched into, and its working folder (same disk) where they are staged. */
interface Destination {
  dir: string;
  work: string;
}

/** The embargoed and preview folders: prepared (checked, created, repaired) the first time a statement needs one. */
interface HeldFolders {
  embargoed: HeldFolder;
  preview?: HeldFolder;
}

interface HeldFolder {
  dir: string;
  /** The folder ready to write, or none (`problems` say why); the same answer every time. */
  prepare(): Promise<{ destination?: Destination; problems: Diagnostic[] }>;
}

function heldFolder(dir: string, role: 'embargoed' | 'preview', options: BuildOptions, ctx: RenderContext, fs: WriteFs): HeldFolder {
  let ready: ReturnType<HeldFolder['prepare']> | undefined;
  const prepare = async () => {
    // A working folder of its own: a repair puts an interrupted switch back where it came from, never into out/.
    const work = path.join(workDir(dir), role);
    const problems = await prepareOutFolder(dir, options.statementsDir, fs, { name: `the ${role} folder`, flag: `--${role}`, defaultName: role, work, apartFrom: options.outDir });
    if (problems.some(isError)) return { problems };
    try {
      await repairInterruptedBuilds(dir, builtFiles(ctx), fs, work);
    } catch (error) {
      const consequence = `An earlier build was interrupted and could not be cleared up, so nothing was written into ${displayPath(dir)}`;
      return { problems: [caughtDiagnostic(error, { place: { file: displayPath(work) }, doing: 'clearing up an interrupted build', action: 'write', consequence })] };
    }
    return { destination: { dir, work }, problems };
  };
  return { dir, prepare: () => (ready ??= prepare()) };
}

/**
 * Write a statement's new files into a staged folder and switch it into
 * `destination` with its files that were kept (`outputs` not made: up to
 * date, or of a kind not built), then its manifest when it has one. Undefined
 * when nothing was written: no file to publish, or a write error (in
 * `diagnostics`), and then its earlier files are as they were.
 */
async function switchInFiles(
  destination: Destination,
  slug: string,
  outputs: readonly ProducedFile[],
  kept: readonly string[],
  manifest: string | undefined,
  ctx: RenderContext,
  fs: WriteFs,
  diagnostics: Diagnostic[],
): Promise<{ files: string[]; missing: string[] } | undefined> {
  const shown = (file: string) => displayPath(path.join(destination.dir, slug, file));
  let writing = shown('');
  let staged: string | undefined;
  let old: string | undefined;
  const files: string[] = [];
  const missing: string[] = [];
  try {
    staged = await stageFolder(destination.dir, slug, fs, destination.work);
    for (const output of outputs) {
      if (!output.made) continue;
      if (output.bytes === undefined) {
        missing.push(output.file);
        continue;
      }
      writing = shown(output.file);
      await fs.writeFile(path.join(staged, output.file), output.bytes, { flush: false });
      files.push(output.file);
    }
    if (files.length === 0 && !outputs.some((output) => kept.includes(output.file))) {
      await fs.remove(staged);
      return undefined;
    }
    writing = shown('');
    await carryOver(destination.dir, slug, staged, outputs.filter((output) => !output.made).map((output) => output.file), fs);
    if (manifest !== undefined) {
      writing = shown(MANIFEST);
      await fs.writeFile(path.join(staged, MANIFEST), manifest, { flush: false });
      files.push(MANIFEST);
    }
    // One flush for the statement, before it is switched in: a crash never publishes a file the disk has not got.
    await fs.flush(files.map((file) => path.join(staged!, file)), staged);
    writing = shown('');
    old = await switchIn(destination.dir, slug, staged, fs, destination.work);
  } catch (error) {
    if (staged) await fs.remove(staged).catch(() => {});
    const consequence = `Nothing of ${slug} was written: its earlier files in ${shown('')}/ are as they were`;
    diagnostics.push(caughtDiagnostic(error, { place: { file: writing }, doing: `writing ${writing}`, action: 'write', consequence }));
    return undefined;
  }
  if (old) {
    try {
      await retire(old, path.join(destination.dir, slug), builtFiles(ctx), fs);
    } catch (error) {
      const consequence = `The new files of ${slug} are published; the next build finishes clearing ${displayPath(old)}`;
      diagnostics.push(caughtDiagnostic(error, { place: { file: displayPath(old) }, doing: `clearing ${displayPath(old)}`, action: 'write', severity: 'warning', consequence }));
    }
  }
  return { files, missing };
}

/**
 * A statement under embargo: taken out of out/ (its folder and its cache
 * entry) whatever else happens, then its press copies switched into the
 * embargoed folder and, with --preview, its pages into the preview folder.
 */
async function holdBack(plan: Plan, produced: Produced, options: BuildOptions, folders: HeldFolders, ctx: RenderContext, fs: WriteFs, diagnostics: Diagnostic[]): Promise<StatementOutcome> {
  const { slug } = plan;
  const published = displayPath(path.join(options.outDir, slug));
  let withdrawn: boolean;
  try {
    withdrawn = await withdraw(options.outDir, slug, fs);
    await forgetEntry(options.outDir, slug, fs);
  } catch (error) {
    const consequence = `${slug} is under embargo but may still be in ${published}/: remove that folder, and do not deploy ${displayPath(options.outDir)}/ until you have`;
    diagnostics.push(caughtDiagnostic(error, { place: { file: published }, doing: `taking ${published}/ out of the output folder`, action: 'write', consequence }));
    return { kind: 'failed' };
  }
  const { embargoed } = produced;
  if (!embargoed?.files || !produced.embargo) return { kind: 'failed' };
  const files: string[] = [];
  const missing: string[] = [];
  const copies: [HeldFolder | undefined, ProducedFile[] | undefined][] = [[folders.embargoed, embargoed.files], [folders.preview, embargoed.preview]];
  for (const [folder, outputs] of copies) {
    if (!folder || !outputs) continue;
    for (const output of outputs) diagnostics.push(...output.diagnostics);
    // A build of other kinds only (--formats html): nothing to write there.
    if (!outputs.some((output) => output.made)) continue;
    const { destination, problems } = await folder.prepare();
    diagnostics.push(...problems);
    const written = destination && (await switchInFiles(destination, slug, outputs, [], undefined, ctx, fs, diagnostics));
    if (!written) return { kind: 'failed' };
    files.push(...written.files.map((file) => displayPath(path.join(folder.dir, slug, file))));
    missing.push(...written.missing);
  }
  const until = formatEmbargo(produced.embargo.until, sourceLanguage(languageSettings(ctx.config)), produced.embargo.timezone);
  return { kind: 'embargoed', until, files, missing, withdrawn };
}

/** Once a statement is published, its embargoed copies and preview (from before its embargo lifted) go. */
async function clearHeldCopies(slug: string, folders: HeldFolders, fs: WriteFs, diagnostics: Diagnostic[]): Promise<void> {
  for (const folder of [folders.embargoed, folders.preview]) {
    if (!folder || !existsSync(path.join(folder.dir, slug))) continue;
    const { destination, problems } = await folder.prepare();
    diagnostics.push(...problems);
    if (!destination) continue;
    try {
      await withdraw(destination.dir, slug, fs, destination.work);
    } catch (error) {
      const shown = displayPath(path.join(destination.dir, slug));
      diagnostics.push(caughtDiagnostic(error, { place: { file: shown }, doing: `removing ${shown}/, whose embargo has lifted`, action: 'write', severity: 'warning', consequence: `${slug} is published; remove ${shown}/ by hand` }));
    }
  }
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
async function buildStatement(plan: Plan, options: BuildOptions, producer: Producer, folders: HeldFolders, ctx: RenderContext, fs: WriteFs): Promise<Done> {
  const { slug } = plan;
  if (plan.upToDate && plan.entry) {
    const replayed = replay({ ...plan, entry: plan.entry }, options);
    await clearHeldCopies(slug, folders, fs, replayed.diagnostics);
    return replayed;
  }
  const now = (options.now ?? new Date()).getTime();
  let produced: Produced;
  try {
    produced = await producer.produce({ statementsDir: options.statementsDir, slug, force: options.force ?? false, now, formats: options.formats && [...options.formats], fresh: plan.fresh, preview: folders.preview !== undefined });
  } catch (error) {
    // A worker that died (out of memory) or a message that could not cross to it: this statement's error only.
    const place = { file: displayPath(path.join(options.statementsDir, slug)) };
    const tooLarge = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
    const reason = `${slug} needs more memory than a build worker may use: build it on its own with \`statements build ${slug} --workers 1\`. Nothing of it was written`;
    return { outcome: { kind: 'failed' }, diagnostics: [tooLarge ? diagnostic('error', 'input-size', reason, place) : caughtDiagnostic(error, { place, doing: `making ${slug}` })] };
  }
  const diagnostics = [...produced.diagnostics];
  const done = (outcome: StatementOutcome): Done => ({ outcome, diagnostics });
  if (produced.embargoed) return done(await holdBack(plan, produced, options, folders, ctx, fs, diagnostics));
  if (!produced.publish) return done({ kind: 'failed' });
  const { files: outputs, manifest } = produced.publish;
  for (const output of outputs) {
    diagnostics.push(...(output.made ? output.diagnostics : plan.fresh.includes(output.file) ? (plan.entry?.files[output.file]?.diagnostics ?? []).map(fromData) : []));
  }
  const written = await switchInFiles({ dir: options.outDir, work: buildWorkDir(options.outDir) }, slug, outputs, plan.fresh, manifest, ctx, fs, diagnostics);
  if (!written) return done({ kind: 'failed' });
  await remember(plan, produced, options, fs, diagnostics);
  await clearHeldCopies(slug, folders, fs, diagnostics);
  return done({ kind: 'published', ...written });
}

/** Record in the cache what each published file of the statement was made from (see cache.ts). */
async function remember(plan: Plan, produced: Produced, options: BuildOptions, fs: WriteFs, diagnostics: Diagnostic[]): Promise<void> {
  if (!plan.checkKey || !plan.keyOf || !produced.publish) return;
  const files: CacheEntry['files'] = {};
  for (const output of produced.publish.files) {
    if (!output.made) {
      const earlier = plan.entry?.files[output.file];
      if (earlier) files[output.file] = earlier;
      continue;
    }
    const stamp = output.bytes && (await fileStamp(path.join(options.outDir, plan.slug, output.file)));
    if (stamp) files[output.file] = { key: plan.keyOf(output.format), ...stamp, diagnostics: output.diagnostics.map(toData) };
  }
  const outputs = produced.publish.files.map(({ file, format }) => ({ file, format }));
  try {
    await writeEntry(options.outDir, plan.slug, { checkKey: plan.checkKey, embargo: produced.embargo?.until ?? null, diagnostics: produced.diagnostics.map(toData), outputs, files }, fs);
  } catch (error) {
    const consequence = `${plan.slug} is published; the next build makes it again`;
    diagnostics.push(caughtDiagnostic(error, { place: { file: displayPath(cacheDir(options.outDir)) }, doing: 'writing the build cache', action: 'write', severity: 'warning', consequence }));
  }
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
  const outFolder = await prepareOutFolder(options.outDir, options.statementsDir, fs);
  diagnostics.push(...outFolder);
  if (outFolder.some(isError)) return { ...result, failed: [...selected] };
  try {
    await repairInterruptedBuilds(options.outDir, builtFiles(ctx), fs);
  } catch (error) {
    const consequence = 'An earlier build was interrupted and could not be cleared up, so nothing was built';
    diagnostics.push(caughtDiagnostic(error, { place: { file: displayPath(buildWorkDir(options.outDir)) }, doing: 'clearing up an interrupted build', action: 'write', consequence }));
    return { ...result, failed: [...selected] };
  }
  const now = options.now ?? new Date();
  const checks = checkContextOf(ctx, now);
  const projectFindings = await checkProject(checks);
  diagnostics.push(...(options.force ? projectFindings.map(forced) : projectFindings));
  const projectErrors = !options.force && projectFindings.some(isError);
  const plans = new Map<string, Plan>();
  // Many small reads and stats a statement: a few statements at a time, so the disk is never waited on idly.
  const toPlan = projectErrors ? [] : selected.filter((slug) => available.includes(slug));
  for (let first = 0; first < toPlan.length; first += PLANNED_AT_ONCE) {
    const batch = toPlan.slice(first, first + PLANNED_AT_ONCE);
    for (const plan of await Promise.all(batch.map((slug) => planStatement(slug, options, checks.settings, now)))) plans.set(plan.slug, plan);
  }
  const toMake = [...plans.values()].filter((plan) => !plan.upToDate).length;
  const folders: HeldFolders = {
    embargoed: heldFolder(options.embargoedDir ?? siblingFolder(options.outDir, 'embargoed'), 'embargoed', options, ctx, fs),
    ...(options.previewDir ? { preview: heldFolder(options.previewDir, 'preview', options, ctx, fs) } : {}),
  };
  const producer = options.workers && toMake >= Math.max(2, options.workers.from) ? await workerPool(options.workers.paths, Math.min(options.workers.size, toMake)) : inThisThread(ctx, (time) => checkContextOf(ctx, new Date(time)));
  result.threads = producer.parallel;
  try {
    // A few statements ahead of the one being reported, so every worker is busy and memory stays flat.
    const ahead = producer.parallel + 1;
    const started: (Promise<Done> | undefined)[] = [];
    const start = (index: number) => {
      const plan = plans.get(selected[index] ?? '');
      if (plan && !started[index]) started[index] = buildStatement(plan, options, producer, folders, ctx, fs);
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
        options.onProgress?.({ kind: 'embargoed', slug, until: outcome.until, files: outcome.files, withdrawn: outcome.withdrawn });
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
  await writeSiteFiles(options, ctx, available, fs, diagnostics);
  return result;
}
