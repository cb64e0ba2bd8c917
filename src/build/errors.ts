import { FILE_SYSTEM_ERRORS, isFileSystemError } from '../load/file-errors.js';
import { displayPath } from '../load/read.js';
import { diagnostic, type Diagnostic, type Place, type Severity } from '../model/diagnostic.js';

export type FileAction = 'read' | 'write' | 'open';

const READING = new Set(['read', 'scandir', 'opendir', 'readlink', 'realpath', 'stat', 'lstat', 'access']);

/** What a system call was doing, for an error from a place that did both (`open` may be either). */
export function fileAction(syscall: string | undefined): FileAction {
  if (syscall === 'open' || syscall === undefined) return 'open';
  return READING.has(syscall) ? 'read' : 'write';
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
