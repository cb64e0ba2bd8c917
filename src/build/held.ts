import { existsSync } from 'node:fs';
import path from 'node:path';
import { formatEmbargo } from '../i18n/dates.js';
import { displayPath } from '../load/read.js';
import { languageSettings } from '../model/config.js';
import { diagnostic, isError, type Diagnostic } from '../model/diagnostic.js';
import { sourceLanguage } from '../model/languages.js';
import type { RenderContext } from '../render/context.js';
import type { BuildOptions } from './build.js';
import { forgetEntry, type CacheEntry } from './cache.js';
import { workDir } from './context.js';
import { caughtDiagnostic } from './errors.js';
import { readyFolder } from './out-folder.js';
import { remember, type Plan, type StatementOutcome } from './plan.js';
import type { Produced, ProducedFile } from './produced.js';
import { builtFiles, switchInFiles, withdraw, type Destination } from './publish.js';
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
    const problems = await readyFolder(dir, options.statementsDir, builtFiles(ctx), fs, { name: `the ${role} folder`, flag: `--${role}`, defaultName: role, work, apartFrom: options.outDir });
    return problems.some(isError) ? { problems } : { destination: { dir, work }, problems };
  };
  return { dir, prepare: () => (ready ??= prepare()) };
}

/** The site's listings (the archive): written again without a statement, before its folder leaves out/. */
export interface Listings {
  /** Leave `slug` out of every listing from now on; the problems met writing them again. */
  withhold(slug: string): Promise<Diagnostic[]>;
}

/**
 * Take a statement under embargo out of out/: first out of the listings, so
 * no moment (and no killed build) leaves its title listed, then its folder
 * and its cache entry. Whether there was a folder; undefined when it could
 * not be taken out (an error says so, and not to deploy out/).
 */
export async function takeOut(slug: string, options: BuildOptions, listings: Listings, fs: WriteFs, diagnostics: Diagnostic[]): Promise<boolean | undefined> {
  const published = displayPath(path.join(options.outDir, slug));
  const dontDeploy = `do not deploy ${displayPath(options.outDir)}/ until you have`;
  try {
    if (existsSync(path.join(options.outDir, slug))) {
      const problems = await listings.withhold(slug);
      if (problems.some(isError)) {
        const reason = `${slug} is under embargo but the archive may still list it: ${problems.find(isError)!.reason}. Build again, and ${dontDeploy}`;
        diagnostics.push(...problems, diagnostic('error', 'write', reason, { file: published }));
        return undefined;
      }
    }
    const withdrawn = await withdraw(options.outDir, slug, fs);
    await forgetEntry(options.outDir, slug, fs);
    return withdrawn;
  } catch (error) {
    const consequence = `${slug} is under embargo but may still be in ${published}/: remove that folder, and ${dontDeploy}`;
    diagnostics.push(caughtDiagnostic(error, { place: { file: published }, doing: `taking ${published}/ out of the output folder`, action: 'write', consequence }));
    return undefined;
  }
}

/** Whether the cache entry of a statement published before says it is under embargo at `now` (its embargo was moved later, or `--now` is earlier). */
export function embargoedByRecord(entry: CacheEntry | undefined, now: Date): boolean {
  return entry?.embargo != null && Date.parse(entry.embargo) > now.getTime();
}

/**
 * A statement under embargo: taken out of out/ (its folder and its cache
 * entry) whatever else happens, then its press copies switched into the
 * embargoed folder and, with --preview, its pages into the preview folder.
 */
export async function holdBack(plan: Plan, produced: Produced, options: BuildOptions, folders: HeldFolders, listings: Listings, ctx: RenderContext, fs: WriteFs, diagnostics: Diagnostic[]): Promise<StatementOutcome> {
  const { slug } = plan;
  const withdrawn = await takeOut(slug, options, listings, fs, diagnostics);
  if (withdrawn === undefined) return { kind: 'failed' };
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
    // The embargoed copies are cached like out/ (a preview's pages are always made): only when every copy was made now.
    if (folder === folders.embargoed && outputs.every((output) => output.made && output.bytes)) await remember(plan, produced, folder.dir, outputs, fs, diagnostics);
    else await forgetEntry(folder.dir, slug, fs);
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
      await forgetEntry(destination.dir, slug, fs);
      await withdraw(destination.dir, slug, fs, destination.work);
    } catch (error) {
      const shown = displayPath(path.join(destination.dir, slug));
      diagnostics.push(caughtDiagnostic(error, { place: { file: shown }, doing: `removing ${shown}/, whose embargo has lifted`, action: 'write', severity: 'warning', consequence: `${slug} is published; remove ${shown}/ by hand` }));
    }
  }
}
