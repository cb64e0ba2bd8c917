import { constants } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { FILE_SYSTEM_ERRORS, isFileSystemError } from './file-errors.js';
import { decodeText } from './encoding.js';

const KiB = 1024;
const MiB = 1024 * KiB;

/** The largest input of each kind that is read at all (the README documents them). */
export const MAX_BYTES = {
  statement: 1 * MiB,
  signatories: 16 * MiB,
  config: 256 * KiB,
  logo: 1 * MiB,
  /** Recipients and suppression lists (`statements send`). */
  mailingList: 64 * MiB,
} as const;

/** How a path is shown in diagnostics: relative to where the user ran the command. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

export interface InputOptions {
  /** What the file holds, for messages: "the Spanish translation", "the signatory list". */
  what: string;
  maxBytes: number;
}

export interface ReadBytes {
  bytes?: Uint8Array;
  diagnostics: Diagnostic[];
  /** Set when nothing is at the path (the caller knows whether that is an error). */
  missing?: boolean;
}

export interface ReadText {
  text?: string;
  diagnostics: Diagnostic[];
  missing?: boolean;
}

function formatBytes(bytes: number): string {
  return bytes >= MiB ? `${bytes / MiB} MiB` : `${bytes / KiB} KiB`;
}

function kindOf(stats: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Why a file could not be opened, and what to do, from the system's error code. */
function openFailure(code: string | undefined, what: string): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `cannot read ${what}: permission denied; make it readable by the user running statements (chmod a+r; a folder also needs a+x)`;
    case 'ELOOP':
      return `cannot read ${what}: the path is a symbolic link that leads back to itself (a loop); replace the link with the file itself`;
    case 'ENOTDIR':
      return `cannot read ${what}: a part of the path is a file, not a folder; fix the path`;
    default:
      return `cannot read ${what}: ${(code && FILE_SYSTEM_ERRORS[code]) ?? 'check that the file exists and is readable'} (${code})`;
  }
}

/**
 * The bytes of a regular file of at most `maxBytes`. Opened without blocking
 * and checked with fstat before reading, so a FIFO, a device (a link to
 * /dev/zero) or a folder is reported instead of blocking or reading forever.
 */
export async function readBytes(file: string, { what, maxBytes }: InputOptions): Promise<ReadBytes> {
  const place = { file: displayPath(file) };
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    if (!isFileSystemError(error)) throw error;
    if (error.code === 'ENOENT') return { diagnostics: [], missing: true };
    return { diagnostics: [diagnostic('error', 'input', openFailure(error.code, what), place)] };
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) {
      const target = await realpath(file).then((real) => (real === path.resolve(file) ? '' : ` (it leads to ${real})`), () => '');
      return { diagnostics: [diagnostic('error', 'input', `${what} must be a regular file, but this is ${kindOf(stats)}${target}: put the file itself here`, place)] };
    }
    const size = Math.max(stats.size, maxBytes + 1).toLocaleString('en');
    const tooLarge = () => diagnostic('error', 'input-size', `${what} may be at most ${formatBytes(maxBytes)}, and this file is ${size} bytes${stats.size > maxBytes ? '' : ' or more'}: check that it is the right file, or make it smaller`, place);
    if (stats.size > maxBytes) return { diagnostics: [tooLarge()] };
    // Read to the end rather than trusting the size (a file may grow while it is read), never past the limit.
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(stats.size + 1 - length, 64 * KiB), maxBytes + 1 - length));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
      if (length > maxBytes) return { diagnostics: [tooLarge()] };
    }
    return { bytes: Buffer.concat(chunks, length), diagnostics: [] };
  } catch (error) {
    if (!isFileSystemError(error)) throw error;
    return { diagnostics: [diagnostic('error', 'input', openFailure(error.code, what), place)] };
  } finally {
    await handle.close();
  }
}

/** A text input file (Markdown, CSV, YAML) as a string: {@link readBytes}, then {@link decodeText}. */
export async function readInput(file: string, options: InputOptions): Promise<ReadText> {
  const read = await readBytes(file, options);
  if (!read.bytes) return read;
  const decoded = decodeText(displayPath(file), read.bytes, options.what);
  return { text: decoded.text, diagnostics: [...read.diagnostics, ...decoded.diagnostics] };
}

export interface FolderListing {
  /** Names of the sub-folders (a symbolic link to a folder counts), sorted. */
  folders?: string[];
  diagnostics: Diagnostic[];
  missing?: boolean;
}

/**
 * The sub-folders of `dir`. A folder that is a file or cannot be read, and a
 * symbolic link inside it that loops or leads nowhere, are diagnostics naming the path.
 */
export async function listFolders(dir: string, what: string): Promise<FolderListing> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (!isFileSystemError(error)) throw error;
    const { code } = error;
    if (code === 'ENOENT') return { diagnostics: [], missing: true };
    const reason = code === 'ENOTDIR' ? `${what} must be a folder, but this is a file: give the path of a folder` : openFailure(code, what);
    return { diagnostics: [diagnostic('error', 'input', reason, { file: displayPath(dir) })] };
  }
  const folders: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const entry of entries) {
    if (entry.isDirectory()) folders.push(entry.name);
    if (!entry.isSymbolicLink() || entry.name.startsWith('.')) continue;
    const link = path.join(dir, entry.name);
    try {
      if ((await stat(link)).isDirectory()) folders.push(entry.name);
    } catch (error) {
      if (!isFileSystemError(error)) throw error;
      const { code } = error;
      const reason = code === 'ELOOP'
        ? 'this symbolic link leads back to itself (a loop): remove it, or point it at a folder'
        : code === 'ENOENT' ? 'this symbolic link leads nowhere (its target does not exist): remove it, or point it at a folder' : openFailure(code, 'this link');
      diagnostics.push(diagnostic('error', 'input', reason, { file: displayPath(link) }));
    }
  }
  return { folders: folders.sort(), diagnostics };
}
