import { closeSync, constants, fdatasync, fdatasyncSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { displayPath } from '../load/read.js';
import { diagnostic, DiagnosticsError, type Diagnostic } from '../model/diagnostic.js';
import { acquireLock, LockPathError, type HeldLock } from './lock.js';
import { addressKey } from './recipients.js';

const text = z.string({ error: 'must be text' });
const email = z.string({ error: 'must be text (the address)' }).min(1, 'must not be empty');

/** The lines a journal may hold; anything else means it was edited or damaged. */
const eventSchema = z.discriminatedUnion(
  'type',
  [
    // `resend`: a round of `--resend` starts here, and what the lines before it say no longer counts.
    z.object({ type: z.literal('begin'), at: text, slug: text, recipients: text, digests: z.record(z.string(), z.string()), resend: z.boolean({ error: 'must be true or false' }).optional() }),
    z.object({ type: z.literal('sending'), at: text, email, messageId: text }),
    z.object({ type: z.literal('sent'), at: text, email, messageId: text, response: text }),
    z.object({ type: z.literal('failed'), at: text, email, permanent: z.boolean({ error: 'must be true or false' }), reason: text }),
    z.object({ type: z.literal('unconfirmed'), at: text, email, messageId: text, reason: text }),
  ],
  { error: 'must be begin, sending, sent, failed or unconfirmed' },
);

/** One line of the journal. */
export type JournalEvent = z.infer<typeof eventSchema>;

/**
 * `unconfirmed`: the whole message went to the server, which then gave no
 * answer (a timeout, a dropped connection); it may have been delivered.
 */
export type RecipientState = 'sending' | 'sent' | 'failed-permanent' | 'failed-temporary' | 'unconfirmed';

export interface JournalRecord {
  state: RecipientState;
  reason?: string;
  messageId?: string;
}

/** Writing the journal, replaceable so a test can make the disk fill up. */
export interface JournalIo {
  write(fd: number, text: string): void;
  sync(fd: number): void | Promise<void>;
}

const fileIo: JournalIo = {
  write(fd, text) {
    const bytes = Buffer.from(text);
    for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
  },
  // In the thread pool, so the other connections go on sending while the disk flushes.
  sync: (fd) => new Promise<void>((resolve, reject) => fdatasync(fd, (error) => (error ? reject(error) : resolve()))),
};

const RULE = 'send-journal';

/**
 * Append-only record of a statement's sends, one JSON object a line, with an
 * exclusive lock beside it (`<journal>.lock`) for as long as it is open.
 * Lines are written as they come and made durable together (group commit):
 * `durable()` resolves once one fdatasync has covered every line written
 * before it was called, so many outcomes share one flush. A kill can cut only
 * the last line, which reading ignores.
 */
export class Journal {
  private constructor(
    readonly file: string | undefined,
    private fd: number | undefined,
    private size: number,
    private readonly lock: HeldLock | undefined,
    private readonly io: JournalIo,
    readonly records: Map<string, JournalRecord>,
    readonly begins: Extract<JournalEvent, { type: 'begin' }>[],
  ) {}

  /** Every address any round recorded, normalised (`records` holds the current round's only); filled by `read`. */
  addresses: ReadonlySet<string> = new Set();

  /** Lines written, and how many of them a finished fdatasync covers. */
  private written = 0;
  private synced = 0;
  private syncing: Promise<void> | undefined;
  /** The first flush that failed: every later wait for durability fails with it. */
  private flushFailed: DiagnosticsError | undefined;

  /** A journal kept in memory only, for a dry run. */
  static inMemory(): Journal {
    return new Journal(undefined, undefined, 0, undefined, fileIo, new Map(), []);
  }

  /**
   * Lock the journal at `file` and replay what it holds. Throws a
   * DiagnosticsError naming the journal (and line) when another send holds
   * it, when it or its lock path is not a file, or when a line is not a
   * journal record: nothing may be sent on a journal that cannot be trusted.
   */
  static open(file: string, options: { io?: JournalIo } = {}): Journal {
    const shown = displayPath(file);
    const fail = (reason: string, line?: number): never => {
      throw new DiagnosticsError([diagnostic('error', RULE, reason, { file: shown, line, column: line === undefined ? undefined : 1 })]);
    };
    try {
      mkdirSync(path.dirname(file), { recursive: true });
    } catch (error) {
      fail(`cannot create the folder for the send journal (${errorText(error)}): choose another place with --journal`);
    }
    const lock = takeLock(file);
    let fd: number | undefined;
    try {
      try {
        // O_NONBLOCK: a FIFO in its place must not hang the send; it is refused below.
        fd = openSync(file, constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | constants.O_NONBLOCK, 0o600);
      } catch (error) {
        fail(`cannot open the send journal (${errorText(error)}): ${(error as NodeJS.ErrnoException).code === 'EISDIR' ? 'a folder has its name; move the folder away or choose another --journal' : 'check its permissions, or choose another --journal'}`);
      }
      const stats = fstatSync(fd!);
      if (!stats.isFile()) fail('the send journal is not a regular file: move it away or choose another --journal');
      const isNew = stats.size === 0;
      const content = readFileSync(fd!, 'utf8');
      const { records, begins, problems, kept } = replay(shown, content);
      if (problems.length > 0) throw new DiagnosticsError(problems);
      // Drop a cut-off last line: it recorded nothing, and the next line must not be glued onto it.
      if (kept.length < content.length) {
        ftruncateSync(fd!, Buffer.byteLength(kept));
        fdatasyncSync(fd!);
      }
      const journal = new Journal(file, fd, Buffer.byteLength(kept), lock, options.io ?? fileIo, records, begins);
      // A last record whose line break did not make it to the disk.
      if (kept.length > 0 && !kept.endsWith('\n')) {
        journal.write('\n');
        fdatasyncSync(fd!);
      }
      if (isNew) syncDirectory(path.dirname(file));
      return journal;
    } catch (error) {
      if (fd !== undefined) closeSync(fd);
      lock.release();
      throw error;
    }
  }

  /**
   * What the journal at `file` records, read without its lock (a send may be
   * writing it): a cut-off last line is ignored. Nothing can be appended.
   * Throws a DiagnosticsError naming the file and line when it cannot be read.
   */
  static read(file: string): Journal {
    const shown = displayPath(file);
    let content: string;
    let fd: number | undefined;
    try {
      // O_NONBLOCK and a regular file only: a FIFO given as --journal must not hang `unsubscribe` or `bounces`.
      fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
      if (!fstatSync(fd).isFile()) throw new DiagnosticsError([diagnostic('error', RULE, 'the send journal is not a regular file: name the journal file a send wrote', { file: shown })]);
      content = readFileSync(fd, 'utf8');
    } catch (error) {
      if (error instanceof DiagnosticsError) throw error;
      throw new DiagnosticsError([diagnostic('error', RULE, `cannot read the send journal (${errorText(error)}): check its permissions`, { file: shown })]);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    const { records, begins, problems, addresses } = replay(shown, content);
    if (problems.length > 0) throw new DiagnosticsError(problems);
    return Object.assign(new Journal(undefined, undefined, 0, undefined, fileIo, records, begins), { addresses });
  }

  /** The `begin` of the current round (the last `--resend`, else the first send): it names the round's Message-IDs. */
  round(): Extract<JournalEvent, { type: 'begin' }> | undefined {
    return this.begins.findLast((begin) => begin.resend) ?? this.begins[0];
  }

  state(email: string): RecipientState | undefined {
    return this.records.get(addressKey(email))?.state;
  }

  /**
   * Undefined while this run still holds the journal's lock; otherwise what
   * to tell the user (someone removed the lock file, or another send took it).
   */
  lockLost(): string | undefined {
    const lost = this.lock?.lost();
    if (!lost) return undefined;
    const lockFile = displayPath(this.lock!.file);
    return lost === 'removed'
      ? `the journal's lock ${lockFile} was removed while this send was running, so another send could start on the same list: this one stopped before its next message. Make sure no other send of this list is running, then run the same command again`
      : `the journal's lock ${lockFile} was taken by another process while this send was running: this one stopped before its next message. Let the other send finish; run the same command again afterwards to send what is left`;
  }

  /**
   * Write an event (not yet durable: see `durable`); throws a
   * DiagnosticsError (journal intact) when it cannot be written.
   */
  append(event: JournalEvent): void {
    if (this.fd !== undefined) this.write(`${JSON.stringify(event)}\n`);
    if (event.type === 'begin') startRound(this.begins, this.records, event);
    else applyEvent(this.records, event);
  }

  /**
   * Take in what another journal says of the addresses this one has no line
   * for (an older version kept one journal per list), as lines of this one.
   * Returns how many were taken; the caller waits for `durable`.
   */
  adopt(records: ReadonlyMap<string, JournalRecord>, at: string, source: string): number {
    let taken = 0;
    for (const [email, record] of records) {
      if (this.records.has(email)) continue;
      const { reason = '', messageId = '' } = record;
      if (record.state === 'sent') this.append({ type: 'sent', at, email, messageId, response: `recorded in ${source}` });
      else if (record.state === 'sending') this.append({ type: 'sending', at, email, messageId });
      else if (record.state === 'unconfirmed') this.append({ type: 'unconfirmed', at, email, messageId, reason });
      else this.append({ type: 'failed', at, email, permanent: record.state === 'failed-permanent', reason });
      taken += 1;
    }
    return taken;
  }

  /**
   * Resolves once every line written so far is on the disk. Callers waiting
   * together share one fdatasync; one that comes while a flush runs waits for
   * the next. Rejects with a DiagnosticsError when the disk cannot flush.
   */
  async durable(): Promise<void> {
    const target = this.written;
    while (this.synced < target) {
      // A flush that failed may have dropped lines (Linux forgets the error), so no later one can vouch for them.
      if (this.flushFailed) throw this.flushFailed;
      this.syncing ??= this.flush().finally(() => (this.syncing = undefined));
      await this.syncing;
    }
  }

  private async flush(): Promise<void> {
    // Outcomes that arrive in this turn of the event loop join this flush.
    await new Promise((resolve) => setImmediate(resolve));
    const upTo = this.written;
    try {
      await this.io.sync(this.fd!);
    } catch (error) {
      const reason = `cannot flush the send journal to the disk (${errorText(error)}), so it may not hold the last outcomes. The send stopped: fix what the error says, then run the same command again`;
      this.flushFailed = new DiagnosticsError([diagnostic('error', RULE, reason, { file: displayPath(this.file!) })]);
      throw this.flushFailed;
    }
    this.synced = upTo;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.lock?.release();
  }

  private write(text: string): void {
    try {
      this.io.write(this.fd!, text);
    } catch (error) {
      // Take back a partly written line, so the journal stays as it was.
      try {
        ftruncateSync(this.fd!, this.size);
      } catch {
        // Then the partial line is the last one, which reading ignores.
      }
      const reason = `cannot write to the send journal (${errorText(error)}); it is kept as it was before this line. The send stopped: free some disk space (or fix what the error says), then run the same command again`;
      throw new DiagnosticsError([diagnostic('error', RULE, reason, { file: displayPath(this.file!) })]);
    }
    this.size += Buffer.byteLength(text);
    this.written += 1;
  }
}

function takeLock(file: string): HeldLock {
  const lockFile = `${file}.lock`;
  const fail = (reason: string): never => {
    throw new DiagnosticsError([diagnostic('error', RULE, reason, { file: displayPath(file) })]);
  };
  try {
    const attempt = acquireLock(lockFile);
    if ('held' in attempt) return attempt.held;
    return fail(`another send (process ${attempt.holder.pid}) is using this journal: wait for it to finish; if no such process is running any more, remove ${displayPath(lockFile)} and run the command again`);
  } catch (error) {
    if (!(error instanceof LockPathError)) throw error;
    const what = error.code === 'EISDIR' ? 'is a folder' : `cannot be created or read (${error.code})`;
    return fail(`the journal's lock file ${displayPath(lockFile)} ${what}: move it away, or choose another --journal`);
  }
}

function replay(file: string, content: string) {
  const records = new Map<string, JournalRecord>();
  const begins: Extract<JournalEvent, { type: 'begin' }>[] = [];
  const problems: Diagnostic[] = [];
  const addresses = new Set<string>();
  const lines = content.split('\n');
  let kept = content;
  for (const [index, line] of lines.entries()) {
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      // The last line without its line break is what a kill leaves mid-write.
      if (index === lines.length - 1) {
        kept = content.slice(0, content.length - line.length);
        continue;
      }
      problems.push(badLine(file, index + 1, 'it is not JSON'));
      continue;
    }
    const event = eventSchema.safeParse(value);
    if (!event.success) {
      problems.push(badLine(file, index + 1, issueText(value, event.error.issues[0])));
      continue;
    }
    if (event.data.type === 'begin') startRound(begins, records, event.data);
    else {
      applyEvent(records, event.data);
      addresses.add(addressKey(event.data.email));
    }
  }
  return { records, begins, problems, kept, addresses };
}

function issueText(value: unknown, issue: z.core.$ZodIssue | undefined): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return `it is ${JSON.stringify(value)}, not a record`;
  const field = `\`${issue?.path.join('.') ?? ''}\``;
  const key = issue?.path[0];
  if (key !== undefined && (value as Record<PropertyKey, unknown>)[key] === undefined) return `it has no ${field}`;
  return `${field} ${issue?.message ?? 'is invalid'}`;
}

function badLine(file: string, line: number, detail: string): Diagnostic {
  const reason = `this line is not a send journal record (${detail}), so the journal cannot say who was sent; nothing was sent. Fix or delete the line, or move the journal away to start this send over (everyone on the list would be mailed again)`;
  return diagnostic('error', RULE, reason, { file, line, column: 1 });
}

function startRound(begins: Extract<JournalEvent, { type: 'begin' }>[], records: Map<string, JournalRecord>, begin: Extract<JournalEvent, { type: 'begin' }>): void {
  begins.push(begin);
  if (begin.resend) records.clear();
}

function applyEvent(records: Map<string, JournalRecord>, event: Exclude<JournalEvent, { type: 'begin' }>): void {
  const key = addressKey(event.email);
  if (event.type === 'sending') records.set(key, { state: 'sending', messageId: event.messageId });
  else if (event.type === 'sent') records.set(key, { state: 'sent', messageId: event.messageId });
  else if (event.type === 'unconfirmed') records.set(key, { state: 'unconfirmed', reason: event.reason, messageId: event.messageId });
  else records.set(key, { state: event.permanent ? 'failed-permanent' : 'failed-temporary', reason: event.reason });
}

function errorText(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  return code ? `${code}: ${message.replace(/^\w+: /, '').replace(/, \w+( '.*')?$/, '')}` : String(message ?? error);
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
