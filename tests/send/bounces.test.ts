import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_MBOX_BYTES, MAX_MESSAGE_BYTES, maildirMessages, mboxMessages, readBounce } from '../../src/send/bounces.js';

const BOUNCES = path.join(import.meta.dirname, 'fixtures', 'bounces');
const hard = async (address: string) => (await readFile(path.join(BOUNCES, 'hard.eml'), 'utf8')).replaceAll('{{token}}', 'AAAAAAAAAAAAAAAAAAAAAA').replaceAll('{{address}}', address);

/** Resolves with the value, or rejects after `ms`: a hang becomes a failure instead of a stuck test. */
function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms))]);
}

async function drain(messages: AsyncIterable<{ name: string; raw: Buffer }>): Promise<string[]> {
  const names: string[] = [];
  for await (const { name } of messages) names.push(name);
  return names;
}

describe('statements bounces on hostile mailboxes', () => {
  it('does not take a policy refusal (5.7.x: spam, DMARC, relay denied) for a bad address, as the send itself does not', async () => {
    // Gmail/Yahoo rejecting the coalition's mail for DMARC or as spam is about the sender, not the journalist's address.
    const dmarc = (await hard('ana@example.net')).replaceAll('5.1.1', '5.7.26').replace('User unknown in virtual', 'Unauthenticated email is not accepted');
    const bounce = await readBounce(Buffer.from(dmarc));
    expect(bounce.kind).not.toBe('hard');
  });

  it('refuses an --mbox that is a FIFO instead of waiting for a writer forever', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'statements-review-'));
    const fifo = path.join(dir, 'bounces.mbox');
    execFileSync('mkfifo', [fifo]);
    await expect(within(3_000, drain(mboxMessages(fifo)))).rejects.toMatchObject({ code: expect.any(String) });
  });

  it('skips a FIFO or a symlink to a device in a maildir instead of hanging or reading without end', async () => {
    const maildir = await mkdtemp(path.join(tmpdir(), 'statements-review-'));
    for (const folder of ['new', 'cur', 'tmp']) await mkdir(path.join(maildir, folder));
    await writeFile(path.join(maildir, 'new', '1.hard'), await hard('ana@example.net'));
    execFileSync('mkfifo', [path.join(maildir, 'new', '2.fifo')]);
    await symlink('/dev/zero', path.join(maildir, 'new', '3.zero'));
    const names = await within(3_000, drain(maildirMessages(maildir)));
    expect(names).toEqual([path.join(maildir, 'new', '1.hard')]);
  });

  it('refuses an --mbox that does not begin with a From line (one saved message) instead of reading no message in it', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'statements-review-')), 'bounce.eml');
    await writeFile(file, await hard('ana@example.net'));
    await expect(drain(mboxMessages(file))).rejects.toMatchObject({ code: 'ENOTMBOX' });
  });

  it('skips a message that was moved away (or a dangling link) between listing new/ and reading it', async () => {
    const maildir = await mkdtemp(path.join(tmpdir(), 'statements-review-'));
    for (const folder of ['new', 'cur', 'tmp']) await mkdir(path.join(maildir, folder));
    await symlink(path.join(maildir, 'cur', 'moved:2,S'), path.join(maildir, 'new', '1.moved'));
    await writeFile(path.join(maildir, 'new', '2.hard'), await hard('ana@example.net'));
    expect(await drain(maildirMessages(maildir))).toEqual([path.join(maildir, 'new', '2.hard')]);
  });

  it('refuses an mbox larger than it reads at once, and a maildir message too large to be a report, before reading either', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'statements-review-'));
    const sparse = async (file: string, bytes: number, start: string) => {
      await writeFile(file, start);
      // Sparse: no disk used, and nothing read unless the size check fails.
      execFileSync('truncate', ['-s', String(bytes), file]);
    };
    const mbox = path.join(dir, 'bounces.mbox');
    await sparse(mbox, MAX_MBOX_BYTES + 1, `From MAILER-DAEMON Tue Mar  3 09:00:05 2026\n${await hard('ana@example.net')}\n`);
    await expect(drain(mboxMessages(mbox))).rejects.toMatchObject({ code: 'ETOOBIG', message: /bounces\.mbox is 257 MiB, more than the 256 MiB this reads: split it/ });
    for (const folder of ['new', 'cur', 'tmp']) await mkdir(path.join(dir, folder));
    await sparse(path.join(dir, 'new', '1.huge'), MAX_MESSAGE_BYTES + 1, await hard('ana@example.net'));
    await expect(drain(maildirMessages(dir))).rejects.toMatchObject({ code: 'ETOOBIG', message: /1\.huge is 33 MiB, more than the 32 MiB this reads: it is not a delivery report/ });
  });
});
