import { execFileSync } from 'node:child_process';
import { writeSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, readFile, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiagnosticsError, formatDiagnostic } from '../../src/model/diagnostic.js';
import { Journal, type JournalIo } from '../../src/send/journal.js';

async function journalFile(): Promise<string> {
  return path.join(await mkdtemp(path.join(tmpdir(), 'statements-journal-')), 'send', 'list.jsonl');
}

/** What Journal.open refuses with, formatted as the CLI prints it. */
function openErrors(file: string): string[] {
  try {
    Journal.open(file).close();
  } catch (error) {
    if (error instanceof DiagnosticsError) return error.diagnostics.map(formatDiagnostic);
    throw error;
  }
  return [];
}

const SENT = { type: 'sent', at: '', email: 'a@example.net', messageId: '<1@x>', response: '250 OK' };

describe('Journal', () => {
  it('replays the last state of each address, and drops a line cut off by a crash', async () => {
    const file = await journalFile();
    const journal = Journal.open(file);
    journal.append({ type: 'sending', at: '', email: 'a@example.net', messageId: '<1@x>' });
    journal.append({ type: 'sent', at: '', email: 'a@example.net', messageId: '<1@x>', response: '250 OK' });
    journal.append({ type: 'sending', at: '', email: 'b@example.net', messageId: '<2@x>' });
    journal.append({ type: 'unconfirmed', at: '', email: 'c@example.net', messageId: '<3@x>', reason: 'ETIMEDOUT' });
    journal.close();
    await appendFile(file, '{"type":"sent","email":"b@exa');
    const replayed = Journal.open(file);
    expect(replayed.state('A@example.net')).toBe('sent');
    expect(replayed.state('b@example.net')).toBe('sending');
    expect(replayed.records.get('c@example.net')).toEqual({ state: 'unconfirmed', reason: 'ETIMEDOUT', messageId: '<3@x>' });
    replayed.append({ type: 'failed', at: '', email: 'b@example.net', permanent: true, reason: '550' });
    replayed.close();
    const again = Journal.open(file);
    expect(again.state('b@example.net')).toBe('failed-permanent');
    again.close();
    const lines = (await readFile(file, 'utf8')).split('\n');
    expect(lines.filter(Boolean)).toHaveLength(5);
    expect(lines.join('\n')).not.toContain('b@exa"');
    expect(lines.at(-1)).toBe('');
  });

  it.each([
    ['a `null` line', 'null', 'it is null, not a record'],
    ['a record without an email', '{"type":"sent","at":"","messageId":"<1@x>","response":"250"}', 'it has no `email`'],
    ['an email that is a number', '{"type":"sent","at":"","email":42,"messageId":"<1@x>","response":"250"}', '`email` must be text (the address)'],
    ['an unknown type', '{"type":"delivered","email":"a@example.net"}', '`type` must be begin, sending, sent, failed or unconfirmed'],
    ['a line that is not JSON', 'sent a@example.net', 'it is not JSON'],
    ['a list', '["a@example.net"]', 'it is ["a@example.net"], not a record'],
  ])('refuses %s with journal:line and what to do, before anything is sent', async (_, line, detail) => {
    const file = await journalFile();
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(SENT)}\n${line}\n${JSON.stringify(SENT)}\n`);
    const errors = openErrors(file);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`list.jsonl:2:1: error: this line is not a send journal record (${detail}), so the journal cannot say who was sent; nothing was sent. Fix or delete the line`);
    // Refused, so the lock was given back.
    expect(openErrors(file)).toHaveLength(1);
  });

  it('refuses a journal path or a lock path that is a folder, or a FIFO, without hanging', async () => {
    const file = await journalFile();
    await mkdir(file, { recursive: true });
    expect(openErrors(file)[0]).toMatch(/list\.jsonl: error: cannot open the send journal \(EISDIR: .*\): a folder has its name/);

    const other = await journalFile();
    await mkdir(`${other}.lock`, { recursive: true });
    expect(openErrors(other)[0]).toMatch(/list\.jsonl: error: the journal's lock file .*list\.jsonl\.lock is a folder: move it away/);

    const fifo = await journalFile();
    await mkdir(path.dirname(fifo), { recursive: true });
    execFileSync('mkfifo', [fifo]);
    expect(openErrors(fifo)[0]).toMatch(/list\.jsonl: error: the send journal is not a regular file/);
  });

  it('says which process holds it, and takes over the lock of one that is gone', async () => {
    const file = await journalFile();
    const journal = Journal.open(file);
    expect(openErrors(file)[0]).toMatch(new RegExp(`error: another send \\(process ${process.pid}\\) is using this journal: wait for it to finish; if no such process is running any more, remove .*list\\.jsonl\\.lock`));
    journal.close();
    await writeFile(`${file}.lock`, '999999999');
    expect(openErrors(file)).toEqual([]);
  });

  it('reports a lock that was removed or replaced while it was open', async () => {
    const file = await journalFile();
    const journal = Journal.open(file);
    expect(journal.lockLost()).toBeUndefined();
    await writeFile(`${file}.lock`, JSON.stringify({ pid: process.pid, nonce: 'another' }));
    expect(journal.lockLost()).toMatch(/was taken by another process while this send was running/);
    await unlink(`${file}.lock`);
    expect(journal.lockLost()).toMatch(/was removed while this send was running, so another send could start on the same list: this one stopped before its next message/);
    journal.close();
  });

  it('flushes once for outcomes written together, and again for one written while a flush runs', async () => {
    const file = await journalFile();
    let syncs = 0;
    let release = () => {};
    const io: JournalIo = {
      write: (fd, text) => void writeSync(fd, text),
      sync: () => {
        syncs += 1;
        return new Promise<void>((resolve) => (release = resolve));
      },
    };
    const journal = Journal.open(file, { io });
    let durable = 0;
    for (const email of ['a@example.net', 'b@example.net', 'c@example.net']) {
      journal.append({ ...SENT, type: 'sent', email });
      void journal.durable().then(() => (durable += 1));
    }
    const turn = () => new Promise((resolve) => setTimeout(resolve, 5));
    await turn();
    expect(syncs).toBe(1);
    // Written while that flush runs: it is not covered by it, so it waits for the next.
    journal.append({ ...SENT, type: 'sent', email: 'd@example.net' });
    const late = journal.durable();
    release();
    await turn();
    expect(durable).toBe(3);
    expect(syncs).toBe(2);
    release();
    await late;
    expect(syncs).toBe(2);
    journal.close();
  });

  it('says so when the disk cannot flush, naming the journal', async () => {
    const io: JournalIo = { write: (fd, text) => void writeSync(fd, text), sync: () => Promise.reject(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' })) };
    const journal = Journal.open(await journalFile(), { io });
    journal.append(SENT as never);
    await expect(journal.durable()).rejects.toThrow(/list\.jsonl: error: cannot flush the send journal to the disk \(EIO: i\/o error\), so it may not hold the last outcomes\. The send stopped/);
    journal.close();
  });

  it('after a flush failed, never says a later flush made the journal durable (the failed one may have lost lines)', async () => {
    let failures = 1;
    const io: JournalIo = {
      write: (fd, text) => void writeSync(fd, text),
      sync: () => (failures-- > 0 ? Promise.reject(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' })) : Promise.resolve()),
    };
    const journal = Journal.open(await journalFile(), { io });
    journal.append(SENT as never);
    await expect(journal.durable()).rejects.toThrow(/cannot flush the send journal/);
    // A message in flight finishes and is written: its flush would succeed, but the earlier lines may be gone.
    journal.append(SENT as never);
    await expect(journal.durable()).rejects.toThrow(/cannot flush the send journal/);
    journal.close();
  });

  it('starts a new round at a `begin` marked resend: earlier outcomes no longer count, and the round names the Message-IDs', async () => {
    const file = await journalFile();
    const journal = Journal.open(file);
    const begin = { type: 'begin', slug: 's', recipients: 'list.csv', digests: {} } as const;
    journal.append({ ...begin, at: 'first' });
    journal.append(SENT as never);
    journal.append({ ...begin, at: 'again', resend: true });
    expect(journal.state('a@example.net')).toBeUndefined();
    journal.close();
    const replayed = Journal.open(file);
    expect(replayed.state('a@example.net')).toBeUndefined();
    expect(replayed.round()?.at).toBe('again');
    replayed.close();
  });

  it('keeps the journal intact when the disk fills up mid-line, and says what to do', async () => {
    const file = await journalFile();
    const journal = Journal.open(file);
    journal.append(SENT as never);
    journal.close();
    const before = await readFile(file, 'utf8');
    // A write that gets half the line onto the disk, then runs out of space.
    const full: JournalIo = {
      write(fd, text) {
        writeSync(fd, text.slice(0, 20));
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      },
      sync() {},
    };
    const failing = Journal.open(file, { io: full });
    expect(() => failing.append({ type: 'sent', at: '', email: 'b@example.net', messageId: '<2@x>', response: '250' })).toThrow(
      /list\.jsonl: error: cannot write to the send journal \(ENOSPC: no space left on device\); it is kept as it was before this line\. The send stopped: free some disk space/,
    );
    expect(failing.state('b@example.net')).toBeUndefined();
    failing.close();
    expect(await readFile(file, 'utf8')).toBe(before);
  });
});
