import path from 'node:path';
import { checkContextOf } from '../check/context.js';
import { checkProject, checkStatement, forced, withheld } from '../check/index.js';
import type { CheckContext, Withholds } from '../check/rule.js';
import { displayPath } from '../load/read.js';
import { listStatements, loadStatement } from '../load/statement.js';
import { languageSettings } from '../model/config.js';
import { diagnostic, isError, withoutRepeats, type Diagnostic } from '../model/diagnostic.js';
import type { Statement } from '../model/statement.js';
import type { RenderContext } from '../render/context.js';
import { archiveEntry, logoOutputPath, renderArchive } from '../render/html/page.js';
import { outputFileNames, statementOutputs, type Format, type StatementOutput } from '../render/index.js';
import type { RenderResult } from '../render/result.js';
import { MANIFEST, manifestText, readArchiveEntries } from './archive.js';
import { caughtDiagnostic } from './errors.js';
import { prepareOutFolder } from './out-folder.js';
import { buildWorkDir, carryOver, repairInterruptedBuilds, retire, stageFolder, switchIn } from './publish.js';
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
  /** Build only these kinds of output (default all); a statement's files of the other kinds in out/ stay as they were. */
  formats?: ReadonlySet<Format>;
}

export type BuildProgress =
  | { kind: 'start'; slug: string; index: number; total: number }
  | { kind: 'done'; slug: string; files: string[] }
  | { kind: 'incomplete'; slug: string; files: string[]; missing: string[] }
  | { kind: 'failed'; slug: string };

export interface BuildResult {
  /** Statements whose every file was built. */
  built: string[];
  /** Statements published with errors: some outputs could not be built (`missing`, removed from out/), the rest are new. */
  incomplete: { slug: string; missing: string[] }[];
  /** Statements of which nothing was written (all of them when the output folder is unusable): their earlier files are as they were. */
  failed: string[];
  diagnostics: Diagnostic[];
}

/** The files a statement's folder may get from the build; anything else found there is kept. */
function builtFiles(ctx: RenderContext): (name: string) => boolean {
  const names = new Set([...outputFileNames(languageSettings(ctx.config)), MANIFEST]);
  return (name) => names.has(name);
}

type StatementOutcome = { kind: 'failed' } | { kind: 'published'; files: string[]; missing: string[] };

/** A statement loaded and checked, and what its check errors hold back. */
interface Checked {
  statement: Statement;
  withholds?: Withholds;
}

/**
 * Load and check; an exception here (a bug, or a file that cannot be read) is
 * this statement's error only. Check errors hold back the statement (or only
 * its PDFs) unless `force`, when they are shown as warnings.
 */
async function loadChecked(options: BuildOptions, slug: string, checks: CheckContext, diagnostics: Diagnostic[]): Promise<Checked | undefined> {
  try {
    const loaded = await loadStatement(options.statementsDir, slug, checks.settings);
    diagnostics.push(...loaded.diagnostics);
    if (!loaded.value || loaded.diagnostics.some(isError)) return undefined;
    const findings = await checkStatement(loaded.value, checks);
    if (options.force) {
      diagnostics.push(...findings.map(forced));
      return { statement: loaded.value };
    }
    diagnostics.push(...findings);
    const withholds = withheld(findings);
    return withholds === 'statement' ? undefined : { statement: loaded.value, withholds };
  } catch (error) {
    diagnostics.push(caughtDiagnostic(error, { place: { file: displayPath(path.join(options.statementsDir, slug)) }, doing: `loading and checking ${slug}` }));
    return undefined;
  }
}

async function renderOutput(output: StatementOutput, statement: Statement, ctx: RenderContext): Promise<RenderResult> {
  try {
    return await output.render(statement, ctx);
  } catch (error) {
    const consequence = `${output.file} was not built; the statement's other files were`;
    return { diagnostics: [caughtDiagnostic(error, { place: { file: statement.dir }, doing: `building ${output.file} of ${statement.slug}`, consequence })] };
  }
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}

/**
 * One statement: load, check, render each output into a staged folder, then
 * switch it into out/, with its files of the kinds not built as they were.
 * Load or check errors write nothing; an output that cannot be built is left
 * out (and its earlier version with it) while the others are published; a
 * write error publishes nothing.
 */
async function buildStatement(slug: string, options: BuildOptions, ctx: RenderContext, checks: CheckContext, fs: WriteFs, diagnostics: Diagnostic[]): Promise<StatementOutcome> {
  const checked = await loadChecked(options, slug, checks, diagnostics);
  if (!checked) return { kind: 'failed' };
  const { statement } = checked;
  const shown = (file: string) => displayPath(path.join(options.outDir, slug, file));
  let writing = shown('');
  let staged: string | undefined;
  let old: string | undefined;
  let files: string[] = [];
  const missing: string[] = [];
  try {
    staged = await stageFolder(options.outDir, slug, fs);
    const [outputs, kept] = partition(statementOutputs(statement, checks.settings), (output) => options.formats?.has(output.format) ?? true);
    for (const output of outputs) {
      if (checked.withholds === output.format) {
        missing.push(output.file);
        continue;
      }
      const rendered = await renderOutput(output, statement, ctx);
      diagnostics.push(...rendered.diagnostics);
      if (rendered.output === undefined) {
        missing.push(output.file);
        continue;
      }
      writing = shown(output.file);
      await fs.writeFile(path.join(staged, output.file), rendered.output);
      files.push(output.file);
    }
    if (files.length === 0) {
      await fs.remove(staged);
      return { kind: 'failed' };
    }
    writing = shown('');
    await carryOver(options.outDir, slug, staged, kept.map((output) => output.file), fs);
    writing = shown(MANIFEST);
    await fs.writeFile(path.join(staged, MANIFEST), manifestText(archiveEntry(statement)));
    files = [...files, MANIFEST];
    writing = shown('');
    old = await switchIn(options.outDir, slug, staged, fs);
  } catch (error) {
    if (staged) await fs.remove(staged).catch(() => {});
    const consequence = `Nothing of ${slug} was written: its earlier files in ${shown('')}/ are as they were`;
    diagnostics.push(caughtDiagnostic(error, { place: { file: writing }, doing: `writing ${writing}`, action: 'write', consequence }));
    return { kind: 'failed' };
  }
  if (old) {
    try {
      await retire(old, path.join(options.outDir, slug), builtFiles(ctx), fs);
    } catch (error) {
      const consequence = `The new files of ${slug} are published; the next build finishes clearing ${displayPath(old)}`;
      diagnostics.push(caughtDiagnostic(error, { place: { file: displayPath(old) }, doing: `clearing ${displayPath(old)}`, action: 'write', severity: 'warning', consequence }));
    }
  }
  return { kind: 'published', files, missing };
}

/** The logo and the archive, each written atomically; a failure is an error naming the file. */
async function writeSiteFiles(options: BuildOptions, ctx: RenderContext, slugs: readonly string[], fs: WriteFs, diagnostics: Diagnostic[]): Promise<void> {
  const tempDir = buildWorkDir(options.outDir);
  const write = async (name: string, data: () => Promise<string | Uint8Array>) => {
    const file = path.join(options.outDir, name);
    try {
      await writeFileAtomic(file, await data(), { fs, tempDir });
    } catch (error) {
      diagnostics.push(caughtDiagnostic(error, { place: { file: displayPath(file) }, doing: `writing ${displayPath(file)}`, action: 'write', consequence: 'The earlier version of that file was left as it was' }));
    }
  };
  const logo = logoOutputPath(ctx);
  const logoBytes = ctx.config.logoBytes;
  if (logo && logoBytes) await write(logo, async () => logoBytes);
  await write('index.html', async () => {
    const archive = await readArchiveEntries(options.outDir, slugs);
    diagnostics.push(...archive.diagnostics);
    return renderArchive(archive.entries, ctx);
  });
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

async function buildAll(options: BuildOptions, ctx: RenderContext): Promise<BuildResult> {
  const fs = options.fs ?? nodeWriteFs;
  const result: BuildResult = { built: [], incomplete: [], failed: [], diagnostics: [] };
  const { diagnostics } = result;
  const listed = await listStatements(options.statementsDir);
  diagnostics.push(...listed.diagnostics);
  const available = listed.value ?? [];
  const selected = options.slugs?.length ? options.slugs : available;
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
  const checks = checkContextOf(ctx, options.now ?? new Date());
  const projectFindings = await checkProject(checks);
  diagnostics.push(...(options.force ? projectFindings.map(forced) : projectFindings));
  const projectErrors = !options.force && projectFindings.some(isError);
  for (const [index, slug] of selected.entries()) {
    options.onProgress?.({ kind: 'start', slug, index, total: selected.length });
    if (!available.includes(slug)) {
      diagnostics.push(diagnostic('error', 'statement-folder', `no statement "${slug}": expected a folder ${displayPath(path.join(options.statementsDir, slug))} with en.md and es.md`, { file: displayPath(options.statementsDir) }));
      result.failed.push(slug);
      options.onProgress?.({ kind: 'failed', slug });
      continue;
    }
    const errorsBefore = diagnostics.filter(isError).length;
    const outcome = projectErrors ? ({ kind: 'failed' } as const) : await buildStatement(slug, options, ctx, checks, fs, diagnostics);
    if (outcome.kind === 'failed') {
      result.failed.push(slug);
      options.onProgress?.({ kind: 'failed', slug });
    } else if (outcome.missing.length > 0 || diagnostics.filter(isError).length > errorsBefore) {
      result.incomplete.push({ slug, missing: outcome.missing });
      options.onProgress?.({ kind: 'incomplete', slug, files: outcome.files, missing: outcome.missing });
    } else {
      result.built.push(slug);
      options.onProgress?.({ kind: 'done', slug, files: outcome.files });
    }
  }
  await writeSiteFiles(options, ctx, available, fs, diagnostics);
  return result;
}
