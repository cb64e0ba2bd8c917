import { closeSync, existsSync, fdatasyncSync, fsyncSync, mkdirSync, openSync, readFileSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { displayPath } from '../load/read.js';
import { diagnostic, DiagnosticsError } from '../model/diagnostic.js';
import { addressKey } from './recipients.js';

/** One line of the journal. Each is flushed to disk before the send goes on. */
export type JournalEvent =
  | { type: 'begin'; at: string; slug: string; recipients: string; digests: Record<string, string> }
  | { type: 'sending'; at: string; email: string; messageId: string }
  | { type: 'sent'; at: string; email: string; messageId: string; response: string }
  | { type: 'failed'; at: string; email: string; permanent: boolean; reason: string };

export type RecipientState = 'sending' | 'sent' | 'failed-permanent' | 'failed-temporary';

export interface JournalRecord {
  state: RecipientState;
  reason?: string;
}

/**
 * Append-only record of a send, one JSON object a line, each line flushed
 * (fdatasync) before the caller goes on. A crash can cut only the last line,
 * which reading ignores; the recipient it was about is then sent again,
 * which is the one repeat the design allows.
 */
export class Journal {
  private constructor(
    readonly file: string | undefined,
    private fd: number | undefined,
    readonly records: Map<string, JournalRecord>,
    readonly begins: Extract<JournalEvent, { type: 'begin' }>[],
  ) {}

  /** A journal kept in memory only, for a dry run. */
  static inMemory(): Journal {
    return new Journal(undefined, undefined, new Map(), []);
  }

  /** Open (or create) the journal at `file`, replaying what it holds. */
  static open(file: string): Journal {
    mkdirSync(path.dirname(file), { recursive: true });
    const isNew = !existsSync(file);
    const records = new Map<string, JournalRecord>();
    const begins: Extract<JournalEvent, { type: 'begin' }>[] = [];
    const text = isNew ? '' : readFileSync(file, 'utf8');
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      let event: JournalEvent;
      try {
        event = JSON.parse(line) as JournalEvent;
      } catch {
        continue; // the half-written last line of a killed run
      }
      if (event.type === 'begin') begins.push(event);
      else applyEvent(records, event);
    }
    const fd = openSync(file, 'a');
    if (isNew) syncDirectory(path.dirname(file));
    else if (text.length > 0 && !text.endsWith('\n')) {
      // End the cut-off line, or the next event would be glued onto it and lost.
      writeSync(fd, '\n');
      fdatasyncSync(fd);
    }
    return new Journal(file, fd, records, begins);
  }

  state(email: string): RecipientState | undefined {
    return this.records.get(addressKey(email))?.state;
  }

  append(event: JournalEvent): void {
    if (event.type === 'begin') this.begins.push(event);
    else applyEvent(this.records, event);
    if (this.fd === undefined) return;
    writeSync(this.fd, `${JSON.stringify(event)}\n`);
    fdatasyncSync(this.fd);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

function applyEvent(records: Map<string, JournalRecord>, event: Exclude<JournalEvent, { type: 'begin' }>): void {
  const key = addressKey(event.email);
  if (event.type === 'sending') records.set(key, { state: 'sending' });
  else if (event.type === 'sent') records.set(key, { state: 'sent' });
  else records.set(key, { state: event.permanent ? 'failed-permanent' : 'failed-temporary', reason: event.reason });
}

/** Make a new file's directory entry durable too. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems cannot fsync a directory; the file's own data is still flushed.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * An exclusive lock next to the journal, so two runs of the same send cannot
 * both mail the same list. A lock left by a killed process is taken over.
 */
export function lockJournal(file: string): () => void {
  const lock = `${file}.lock`;
  mkdirSync(path.dirname(lock), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return () => unlinkSync(lock);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(lock, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
        const reason = `another send (process ${pid}) is using this journal: wait for it to finish, or remove ${displayPath(lock)} if that process is gone`;
        throw new DiagnosticsError([diagnostic('error', 'send-lock', reason, { file: displayPath(file) })]);
      }
      unlinkSync(lock);
    }
  }
  throw new DiagnosticsError([diagnostic('error', 'send-lock', `could not lock the journal: remove ${displayPath(lock)} and run the command again`, { file: displayPath(file) })]);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
