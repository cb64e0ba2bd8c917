import { existsSync } from 'node:fs';
import path from 'node:path';
import { formatEmbargo } from '../i18n/dates.js';
import { displayPath } from '../load/read.js';
import { languageSettings } from '../model/config.js';
import { isError, type Diagnostic } from '../model/diagnostic.js';
import { sourceLanguage } from '../model/languages.js';
import type { RenderContext } from '../render/context.js';
import type { BuildOptions } from './build.js';
import { forgetEntry } from './cache.js';
import { workDir } from './context.js';
import { caughtDiagnostic } from './errors.js';
import { prepareOutFolder } from './out-folder.js';
import type { Plan, StatementOutcome } from './plan.js';
import type { Produced, ProducedFile } from './produced.js';
import { builtFiles, repairInterruptedBuilds, switchInFiles, withdraw, type Destination } from './publish.js';
import type { WriteFs } from './write.js';

// Statements under embargo: held out of out/, their copies in the embargoed and preview folders (README, "Embargoes").

/** The embargoed and preview folders: prepared (checked, created, repaired) the first time a statement needs one. */
export interface HeldFolders {
  embargoed: HeldFolder;
  preview?: HeldFolder;
}

export interface HeldFolder {
  dir: string;
  /** The folder ready to write, or none (`problems` say why); the same answer every time. */
  prepare(): Promise<{ destination?: Destination; problems: Diagnostic[] }>;
}

export function heldFolder(dir: string, role: 'embargoed' | 'preview', options: BuildOptions, ctx: RenderContext, fs: WriteFs): HeldFolder {
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
 * A statement under embargo: taken out of out/ (its folder and its cache
 * entry) whatever else happens, then its press copies switched into the
 * embargoed folder and, with --preview, its pages into the preview folder.
 */
export async function holdBack(plan: Plan, produced: Produced, options: BuildOptions, folders: HeldFolders, ctx: RenderContext, fs: WriteFs, diagnostics: Diagnostic[]): Promise<StatementOutcome> {
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
export async function clearHeldCopies(slug: string, folders: HeldFolders, fs: WriteFs, diagnostics: Diagnostic[]): Promise<void> {
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
