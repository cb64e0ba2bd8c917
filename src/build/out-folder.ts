import { constants } from 'node:fs';
import { access, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { displayPath } from '../load/read.js';
import { diagnostic, isError, type Diagnostic } from '../model/diagnostic.js';
import { isFileSystemError } from '../load/file-errors.js';
import { caughtDiagnostic, describeFileSystemError } from './errors.js';
import { buildWorkDir, repairInterruptedBuilds } from './publish.js';
import type { WriteFs } from './write.js';

/** The path with symbolic links resolved as far as it exists (the rest may not exist yet). */
async function resolvedPath(file: string): Promise<string> {
  const rest: string[] = [];
  let existing = path.resolve(file);
  for (;;) {
    try {
      return path.join(await realpath(existing), ...rest);
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return path.resolve(file);
      rest.unshift(path.basename(existing));
      existing = parent;
    }
  }
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The folder itself when it exists, else the nearest folder above it: where it would be created. */
async function nearestExisting(dir: string): Promise<string> {
  let current = path.resolve(dir);
  for (;;) {
    try {
      await stat(current);
      return current;
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return current;
      current = parent;
    }
  }
}

/** Why a folder cannot be created or written, or undefined when it can. */
async function writeProblem(dir: string): Promise<string | undefined> {
  const existing = await nearestExisting(dir);
  const what = existing === path.resolve(dir) ? displayPath(dir) : `${displayPath(existing)} (where ${displayPath(dir)} would be created)`;
  if (!(await stat(existing)).isDirectory()) return `${what} is a file, not a folder: move it away`;
  try {
    await access(existing, constants.W_OK);
    return undefined;
  } catch (error) {
    if (!isFileSystemError(error)) throw error;
    return describeFileSystemError(error, 'write', what);
  }
}

/** Which folder is being prepared: the output folder, or one kept apart from it (the embargoed press copies, the previews). */
/** The output folder's role: the default. */
const OUTPUT_FOLDER = (outDir: string): FolderRole => ({ name: 'the output folder', flag: '--out', defaultName: 'out', work: buildWorkDir(outDir) });

export interface FolderRole {
  /** "the output folder", "the embargoed folder". */
  name: string;
  /** The option that chooses it, and its default folder's name (`out`). */
  flag: string;
  defaultName: string;
  /** Its working folder (staged statements), on the same disk. */
  work: string;
  /** The output folder, which it must be neither inside nor hold: what is in it is published. */
  apartFrom?: string;
}

/**
 * Before anything is written: the output folder must be a folder this user
 * can write, apart from the statements (neither inside them nor holding
 * them), with its working folder on the same disk so a statement's staged
 * files can be renamed into place. Creates both folders when all is well.
 * The embargoed and preview folders are held to the same, and kept apart
 * from the output folder.
 */
export async function prepareOutFolder(outDir: string, statementsDir: string, fs: WriteFs, role: FolderRole = OUTPUT_FOLDER(outDir)): Promise<Diagnostic[]> {
  const { name, flag, work } = role;
  const refuse = (reason: string) => [diagnostic('error', 'out-folder', reason, { file: displayPath(outDir) })];
  const [out, statements] = await Promise.all([resolvedPath(outDir), resolvedPath(statementsDir)]);
  const example = `e.g. ${flag} ${displayPath(path.join(path.dirname(statements), role.defaultName))}`;
  if (out === statements) return refuse(`${name} is the statements folder: choose a folder outside it with ${flag} (${example})`);
  if (isInside(out, statements)) return refuse(`${name} is inside the statements folder ${displayPath(statementsDir)}, where the build would write among the statements: choose a folder outside it with ${flag} (${example})`);
  if (isInside(statements, out)) return refuse(`${name} holds the statements folder ${displayPath(statementsDir)}, so the build would write among them: choose a folder beside it with ${flag} (${example})`);
  if (role.apartFrom) {
    const published = await resolvedPath(role.apartFrom);
    if (isInside(out, published) || isInside(published, out)) return refuse(`${name} must be apart from the output folder ${displayPath(role.apartFrom)}, which is published: choose a folder beside it with ${flag} (${example})`);
  }
  if (path.dirname(out) === out) return refuse(`${name} cannot be the root of the file system (the build keeps a working folder beside it): choose a folder with ${flag} (${example})`);
  const otherwise = `; or choose another folder with ${flag} DIR`;
  const outProblem = await writeProblem(outDir);
  if (outProblem) return refuse(`cannot use ${name === 'the output folder' ? 'this output folder' : name}: ${outProblem}${otherwise}`);
  const workProblem = await writeProblem(work);
  if (workProblem) return refuse(`cannot create the build's working folder beside ${name}: ${workProblem}${otherwise}`);
  await fs.mkdir(outDir);
  await fs.mkdir(work);
  const [outFolder, workFolder] = await Promise.all([stat(outDir), stat(work)]);
  if (outFolder.dev !== workFolder.dev) {
    return refuse(
      `${name} and the build's working folder ${displayPath(work)} are on different disks (is ${name} a mount point?), so a statement's files cannot be switched into place at once: use a folder inside that disk as ${flag}`,
    );
  }
  return [];
}


/**
 * A folder statements are switched into, made ready before anything is
 * written: checked and created ({@link prepareOutFolder}), then what an
 * interrupted build left in its working folder repaired. Errors mean nothing
 * may be written into it.
 */
export async function readyFolder(dir: string, statementsDir: string, isOutput: (name: string) => boolean, fs: WriteFs, role = OUTPUT_FOLDER(dir)): Promise<Diagnostic[]> {
  const problems = await prepareOutFolder(dir, statementsDir, fs, role);
  if (problems.some(isError)) return problems;
  try {
    await repairInterruptedBuilds(dir, isOutput, fs, role.work);
  } catch (error) {
    const consequence = `An earlier build was interrupted and could not be cleared up, so nothing was written into ${displayPath(dir)}`;
    return [...problems, caughtDiagnostic(error, { place: { file: displayPath(role.work) }, doing: 'clearing up an interrupted build', action: 'write', consequence })];
  }
  return problems;
}
