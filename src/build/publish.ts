import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { displayPath } from '../load/read.js';
import { languageSettings } from '../model/config.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { RenderContext } from '../render/context.js';
import { outputFileNames } from '../render/index.js';
import { MANIFEST } from './archive.js';
import { workDir } from './context.js';
import { caughtDiagnostic } from './errors.js';
import type { ProducedFile } from './produced.js';
import { parseWorkingName, workingName, type WriteFs } from './write.js';

/**
 * How a statement's files change together. Its outputs are written into a
 * staged folder under the working folder (same disk as out/, never
 * published), then switched in with two renames:
 *
 *   1. out/<slug>            -> .statements/build/<slug>.<pid>-<id>.old
 *   2. <slug>.<pid>-<id>.staged -> out/<slug>
 *   3. files of the old folder that the build does not make (an older
 *      version's send journal, a file put there by hand) move into out/<slug>;
 *      then the old folder is removed.
 *
 * A process killed between the steps leaves its working entries behind; the
 * next build repairs them before it writes anything (`repairInterruptedBuilds`):
 * a staged folder, temporary file or withdrawn folder is discarded (never published half), an
 * old folder whose statement folder is missing goes back in place (killed
 * between 1 and 2), and one whose statement folder is there is finished (3).
 */

/** The build's part of the working folder. */
export function buildWorkDir(outDir: string): string {
  return path.join(workDir(outDir), 'build');
}

/** Temporary files the writer of earlier versions left in out/ when it was killed or the disk was full. */
const STALE_TEMPORARY = /\.tmp-\d+-[0-9a-f]{8}$/;

/** Whether the process that made a working entry may still be using it. */
function isRunning(pid: number): boolean {
  // Our own pid on an entry found before we made any: an earlier process that had it.
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function listEntries(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if (['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) return [];
    throw error;
  }
}

/** A new, empty staged folder for one statement's files (in `work`, the working folder of the folder it goes to). */
export async function stageFolder(outDir: string, slug: string, fs: WriteFs, work = buildWorkDir(outDir)): Promise<string> {
  const staged = path.join(work, workingName(slug, 'staged'));
  await fs.mkdir(staged);
  return staged;
}

/**
 * A build of only some kinds of output (`--formats`) puts the statement's
 * files of the other kinds into its staged folder as they are in out/
 * (linked, not copied), so the switch publishes them with the new files and a
 * failed build leaves every file as it was. A file not in out/ (never built,
 * or left out by a build that could not make it) stays absent.
 */
export async function carryOver(outDir: string, slug: string, staged: string, files: readonly string[], fs: WriteFs): Promise<void> {
  for (const file of files) {
    try {
      await fs.link(path.join(outDir, slug, file), path.join(staged, file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

/**
 * Step 3: keep what the build does not make (`isOutput` says what it makes),
 * except stale temporary files, then remove the old folder.
 */
export async function retire(old: string, target: string, isOutput: (name: string) => boolean, fs: WriteFs): Promise<void> {
  for (const name of await listEntries(old)) {
    if (isOutput(name) || STALE_TEMPORARY.test(name)) continue;
    await fs.rename(path.join(old, name), path.join(target, name));
  }
  await fs.remove(old);
}

/**
 * Steps 1 and 2: switch a statement's staged folder into out/. Returns the
 * old folder, for `retire`; when it throws, out/ is as it was.
 */
export async function switchIn(outDir: string, slug: string, staged: string, fs: WriteFs, work = buildWorkDir(outDir)): Promise<string | undefined> {
  const target = path.join(outDir, slug);
  let old: string | undefined = path.join(work, workingName(slug, 'old'));
  try {
    await fs.rename(target, old);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    old = undefined;
  }
  try {
    await fs.rename(staged, target);
  } catch (error) {
    // Put the earlier files back; if even that fails, the next build does it.
    if (old) await fs.rename(old, target).catch(() => {});
    throw error;
  }
  return old;
}

/**
 * Take a statement's folder out of `outDir` at once (one rename into `work`),
 * then remove it; a build killed in between leaves a working entry the next
 * build discards, never puts back. Nothing when the folder is not there.
 */
export async function withdraw(outDir: string, slug: string, fs: WriteFs, work = buildWorkDir(outDir)): Promise<boolean> {
  const gone = path.join(work, workingName(slug, 'withdrawn'));
  try {
    await fs.rename(path.join(outDir, slug), gone);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  await fs.remove(gone);
  return true;
}

/**
 * Repair what killed builds left (see above), and remove the `*.tmp-*` files
 * earlier versions wrote inside out/ itself. Entries of a build still running
 * (another process) are left alone.
 */
export async function repairInterruptedBuilds(outDir: string, isOutput: (name: string) => boolean, fs: WriteFs, dir = buildWorkDir(outDir)): Promise<void> {
  for (const name of await listEntries(dir)) {
    const entry = parseWorkingName(name);
    if (!entry || isRunning(entry.pid)) continue;
    const leftover = path.join(dir, name);
    if (entry.kind !== 'old') {
      await fs.remove(leftover);
      continue;
    }
    const target = path.join(outDir, entry.name);
    if ((await listEntries(outDir)).includes(entry.name)) await retire(leftover, target, isOutput, fs);
    else await fs.rename(leftover, target);
  }
  for (const name of await listEntries(outDir)) {
    const entry = path.join(outDir, name);
    if (STALE_TEMPORARY.test(name)) await fs.remove(entry);
    else for (const inner of await listEntries(entry)) if (STALE_TEMPORARY.test(inner)) await fs.remove(path.join(entry, inner));
  }
}

/** The files a statement's folder may get from the build; anything else found there is kept. */
export function builtFiles(ctx: RenderContext): (name: string) => boolean {
  const names = new Set([...outputFileNames(languageSettings(ctx.config)), MANIFEST]);
  return (name) => names.has(name);
}

/** A folder statements are switched into, and its working folder (same disk) where they are staged. */
export interface Destination {
  dir: string;
  work: string;
}

/**
 * Write a statement's new files into a staged folder and switch it into
 * `destination` with its files that were kept (`outputs` not made: up to
 * date, or of a kind not built), then its manifest when it has one. Undefined
 * when nothing was written: no file to publish, or a write error (in
 * `diagnostics`), and then its earlier files are as they were.
 */
export async function switchInFiles(
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
