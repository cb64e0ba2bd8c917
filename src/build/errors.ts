import { displayPath } from '../load/read.js';
import { diagnostic, type Diagnostic, type Place, type Severity } from '../model/diagnostic.js';

/** What a file-system error means to the user and what to do about it, by its code. */
const FILE_SYSTEM_ERRORS: Record<string, string> = {
  ENOSPC: 'the disk is full: free some space, then run the command again',
  EDQUOT: 'the disk quota is used up: free some space, then run the command again',
  EROFS: 'the file system is read-only: use a folder on a writable disk',
  EACCES: 'permission denied: give the user running statements access to it and its folders',
  EPERM: 'operation not permitted: give the user running statements access to it and its folders',
  EISDIR: 'it is a folder where a file belongs: move the folder away',
  ENOTDIR: 'part of its path is a file where a folder belongs',
  ENOENT: 'it does not exist (or one of its folders does not)',
  ELOOP: 'its path is a loop of symbolic links: replace the link with the file or folder it should point to',
  ENAMETOOLONG: 'its path is too long: use a shorter folder',
  EMFILE: 'too many files are open: close other programs, then run the command again',
  ENFILE: 'too many files are open: close other programs, then run the command again',
  EIO: 'the disk reported an input/output error: check the disk',
  EXDEV: 'it is on a different file system from the folder it was moved to',
  EEXIST: 'something else is already there',
  ENOTEMPTY: 'something else is already there',
  EBUSY: 'it is in use by another program: close it, then run the command again',
};

export type FileAction = 'read' | 'write' | 'open';

const READING = new Set(['read', 'scandir', 'opendir', 'readlink', 'realpath', 'stat', 'lstat', 'access']);

/** What a system call was doing, for an error from a place that did both (`open` may be either). */
export function fileAction(syscall: string | undefined): FileAction {
  if (syscall === 'open' || syscall === undefined) return 'open';
  return READING.has(syscall) ? 'read' : 'write';
}

/** An error from the file system (it has an errno code), as opposed to a bug. */
export function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

/** `could not write out/x/en.pdf: the disk is full (ENOSPC): free some space…`; `file` is the path as shown. */
export function describeFileSystemError(error: NodeJS.ErrnoException, action: FileAction, file: string): string {
  const code = error.code ?? 'unknown';
  return `could not ${action} ${file}: ${FILE_SYSTEM_ERRORS[code] ?? error.message} (${code})`;
}

/** STATEMENTS_DEBUG=1 prints the stack of an internal error; by default the user sees one short message. */
export const DEBUG_VARIABLE = 'STATEMENTS_DEBUG';

export function internalErrorReason(error: unknown, doing: string): string {
  const message = error instanceof Error ? error.message : String(error);
  return `internal error while ${doing}: ${message}. This is a bug in statements: run the command again with ${DEBUG_VARIABLE}=1 to see where it happened, and report it`;
}

export interface Caught {
  /** Where it happened: the file being written, or the statement's folder. */
  place: Place;
  /** What was being done, for an internal error ("building en.pdf of water-2026"). */
  doing: string;
  /** Reading the inputs (the file the error names is shown) or writing outputs (`place` is shown). */
  action?: 'read' | 'write';
  severity?: Severity;
  /** What it means for the output, appended to the message. */
  consequence?: string;
}

/**
 * An exception caught around one statement or one file, as a diagnostic: a
 * file-system error names its file and what to do (rule `read` or `write`);
 * anything else is a bug, said so, with the exception kept as the cause for
 * STATEMENTS_DEBUG (rule `internal`).
 */
export function caughtDiagnostic(error: unknown, { place, doing, action = 'read', severity = 'error', consequence }: Caught): Diagnostic {
  const then = consequence ? `. ${consequence}` : '';
  if (isFileSystemError(error)) {
    // A write names the file being published (not its staged copy); a read names the file that failed.
    const file = action === 'read' && error.path ? displayPath(error.path) : place.file;
    return diagnostic(severity, action, `${describeFileSystemError(error, action, file)}${then}`, { file });
  }
  return diagnostic(severity, 'internal', `${internalErrorReason(error, doing)}${then}`, place, error instanceof Error ? error : undefined);
}
