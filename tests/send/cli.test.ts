import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, realpath, symlink, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, runCli, scratchProject } from '../helpers/cli.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';
import { defaultJournalFile, listJournalFolders } from '../../src/send/locations.js';

const SLUG = 'complete-statement';
const PASSWORD = 'pw-Zq81-secret';
let server: TestSmtpServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The journal `send complete-statement` keeps for a project, and where older versions kept one per list (in the work folder, and before that in out/). */
async function journalPaths(dir: string, list = 'list.csv') {
  const real = await realpath(dir);
  const listFile = path.join(real, list);
  const name = `${path.basename(list, '.csv')}-${createHash('sha256').update(listFile).digest('hex').slice(0, 8)}.jsonl`;
  const [workFolder, outFolder] = listJournalFolders(path.join(real, 'out'), SLUG);
  return { journal: defaultJournalFile(path.join(real, 'out'), SLUG), perList: path.join(workFolder!, name), inOut: path.join(outFolder!, name), outSendDir: outFolder!, outbox: path.join(real, 'out', SLUG, 'outbox') };
}

const line = (record: object) => `${JSON.stringify({ at: '2026-03-02T09:00:00.000Z', ...record })}\n`;

/** Wait until the server has this many messages. */
function receivedAtLeast(current: TestSmtpServer, count: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (current.received.length >= count) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
}

async function projectWithList(count: number): Promise<{ dir: string; addresses: string[] }> {
  const dir = await scratchProject([SLUG]);
  const languages = ['en', 'es', 'bilingual', ''];
  const addresses = Array.from({ length: count }, (_, index) => `reader${index}@example.net`);
  await writeFile(path.join(dir, 'list.csv'), `email,name,language\n${addresses.map((address, index) => `${address},Reader ${index},${languages[index % 4]}`).join('\n')}\n`);
  return { dir, addresses };
}

describe('statements send', () => {
  it('builds the emails when missing, sends with the password from SMTP_URL never shown, and a second run sends nothing', async () => {
    server = await startSmtpServer({ auth: { user: 'press', pass: PASSWORD } });
    const { dir, addresses } = await projectWithList(8);
    const first = await runCli(['send', SLUG, '--to', 'list.csv'], { cwd: dir, env: { SMTP_URL: server.url } });
    expect(first.stderr).toContain('Built complete-statement first');
    expect(first.stderr).toMatch(/Sending 8 messages of complete-statement to smtp:\/\/press:\*\*\*@127\.0\.0\.1:\d+/);
    expect(first.stderr).toContain('sent 8 · failed 0 · remaining 0');
    expect(first.code).toBe(0);
    expect([...server.countsByAddress().entries()].sort()).toEqual(addresses.map((a) => [a, 1]).sort());
    for (const file of ['en.eml', 'es.eml', 'bilingual.eml']) await expect(readFile(path.join(dir, 'out', SLUG, file))).resolves.toBeInstanceOf(Buffer);

    const second = await runCli(['send', SLUG, '--to', 'list.csv', '--smtp', server.url], { cwd: dir });
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/Nothing to send: all 8 recipients of list\.csv were already sent/);
    expect(second.stderr).not.toContain('Built');
    expect(server.received).toHaveLength(8);

    // Send state lives beside the output folder, never in it: deploying out/ must not publish addresses.
    expect(existsSync(path.join(dir, 'out', SLUG, 'send'))).toBe(false);
    const journalDir = path.join(dir, '.statements', 'send', SLUG);
    const journals = await Promise.all((await readdir(journalDir)).map((name) => readFile(path.join(journalDir, name), 'utf8')));
    for (const output of [first.stdout, first.stderr, second.stdout, second.stderr, ...journals]) expect(output).not.toContain(PASSWORD);
  });

  it('stops on a refused login with a clear message, exit 1 and the password hidden', async () => {
    server = await startSmtpServer({ auth: { user: 'press', pass: PASSWORD } });
    const { dir } = await projectWithList(2);
    const result = await runCli(['send', SLUG, '--to', 'list.csv', '--smtp', `smtp://press:wrong-${PASSWORD}@127.0.0.1:${server.port}`], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/statements: smtp:\/\/press:\*\*\*@127\.0\.0\.1:\d+: Invalid login: 535 .*: check the user name and password\. The send stopped/);
    expect(result.stderr).not.toContain(PASSWORD);
    expect(result.stderr).not.toContain('unexpected error');
    expect(server.received).toHaveLength(0);
  });

  it('explains an SMTP URL that does not parse, without a stack trace or the password', async () => {
    const { dir } = await projectWithList(1);
    const result = await runCli(['send', SLUG, '--to', 'list.csv'], { cwd: dir, env: { SMTP_URL: `not a url:${PASSWORD}` } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('statements: <invalid SMTP URL> is not an SMTP URL: write smtp://user:pass@host:port or smtps://…');
    expect(result.stderr).not.toContain('unexpected error');
    expect(result.stderr).not.toContain(PASSWORD);
  });

  it('reports invalid rows with their lines and sends nothing', async () => {
    server = await startSmtpServer();
    const dir = await scratchProject([SLUG]);
    await writeFile(path.join(dir, 'list.csv'), 'email,name,language\nok@example.net,,en\nbroken@,,en\nok@example.net,,es\n');
    const result = await runCli(['send', SLUG, '--to', 'list.csv', '--smtp', server.url], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('list.csv:3:1: error: recipient `email` ("broken@") must be one email address');
    expect(result.stderr).toContain('list.csv:4:1: error: ok@example.net is listed twice');
    expect(server.received).toHaveLength(0);
  });

  it('--dry-run writes the outbox and connects to nothing, even with SMTP_URL set', async () => {
    server = await startSmtpServer();
    const { dir } = await projectWithList(4);
    const result = await runCli(['send', SLUG, '--to', 'list.csv', '--dry-run'], { cwd: dir, env: { SMTP_URL: server.url } });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('nothing was sent');
    expect(result.stderr).toContain(`see ${path.join('.statements', 'outbox', SLUG)}/`);
    expect(await readdir(path.join(dir, '.statements', 'outbox', SLUG))).toHaveLength(4);
    expect(existsSync(path.join(dir, 'out', SLUG, 'outbox'))).toBe(false);
    expect(server.received).toHaveLength(0);
  });

  it('lists a permanently refused address at the end and exits 1; suppressed addresses are skipped', async () => {
    server = await startSmtpServer({ refuse: (address) => (address === 'reader1@example.net' ? 550 : undefined) });
    const { dir } = await projectWithList(4);
    await writeFile(path.join(dir, 'unsubscribed.txt'), 'READER2@example.net\n');
    const result = await runCli(['send', SLUG, '--to', 'list.csv', '--smtp', server.url, '--suppress', 'unsubscribed.txt'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/list\.csv:3:1: error: not delivered to reader1@example\.net: 550 No such user here \[send\]/);
    expect(result.stderr).toContain('Sent 2 now, 1 skipped (unsubscribed), 1 failed');
    expect([...server.countsByAddress().keys()].sort()).toEqual(['reader0@example.net', 'reader3@example.net']);
  });

  it('survives SIGKILL mid-send over one connection: the rerun sends only to those not yet sent, at most one message repeats', async () => {
    server = await startSmtpServer();
    const { dir, addresses } = await projectWithList(60);
    // Build first so the kill lands in the sending, not the building.
    expect((await runCli(['build', SLUG], { cwd: dir })).code).toBe(0);
    const child = spawn(process.execPath, [CLI, 'send', SLUG, '--to', 'list.csv', '--smtp', server.url, '--rate', '40', '--connections', '1'], { cwd: dir, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const current = server;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (current.received.length >= 15) {
          clearInterval(timer);
          resolve();
        }
      }, 5);
    });
    child.kill('SIGKILL');
    await exited;
    const beforeResume = server.received.length;
    expect(beforeResume).toBeGreaterThanOrEqual(15);
    expect(beforeResume).toBeLessThan(60);

    const resumed = await runCli(['send', SLUG, '--to', 'list.csv', '--smtp', server.url], { cwd: dir });
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/resuming: \d+ already done per the journal/);
    const counts = server.countsByAddress();
    for (const address of addresses) expect(counts.get(address) ?? 0).toBeGreaterThanOrEqual(1);
    const repeats = [...counts.values()].reduce((sum, count) => sum + count - 1, 0);
    expect(repeats).toBeLessThanOrEqual(1);
    expect(server.received.length).toBe(60 + repeats);
  });

  it('survives SIGKILL mid-send over 4 connections: nobody lost, and only the messages in flight (at most 4) repeat', { timeout: 60_000 }, async () => {
    // A server that takes a moment to accept each message, so that messages are in flight whenever the kill lands.
    server = await startSmtpServer({ dataReply: () => ({ delayMs: 20 }) });
    const { dir, addresses } = await projectWithList(300);
    expect((await runCli(['build', SLUG], { cwd: dir })).code).toBe(0);
    const child = spawn(process.execPath, [CLI, 'send', SLUG, '--to', 'list.csv', '--smtp', server.url, '--connections', '4'], { cwd: dir, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await receivedAtLeast(server, 100);
    child.kill('SIGKILL');
    await exited;
    expect(server.received.length).toBeLessThan(300);
    expect(server.peakConnections()).toBeGreaterThan(1);
    // In flight at the kill: a `sending` line and no outcome after it.
    const { journal } = await journalPaths(dir);
    const inFlight = new Set<string>();
    for (const record of (await readFile(journal, 'utf8')).split('\n').filter(Boolean).map((text) => JSON.parse(text) as { type: string; email: string })) {
      if (record.type === 'sending') inFlight.add(record.email);
      else inFlight.delete(record.email);
    }
    expect(inFlight.size).toBeLessThanOrEqual(4);

    const resumed = await runCli(['send', SLUG, '--to', 'list.csv', '--smtp', server.url], { cwd: dir });
    expect(resumed.code, resumed.stderr).toBe(0);
    const counts = server.countsByAddress();
    for (const address of addresses) expect(counts.get(address) ?? 0, address).toBeGreaterThanOrEqual(1);
    const repeated = [...counts.entries()].filter(([, count]) => count > 1);
    for (const [address, count] of repeated) {
      expect(count, address).toBe(2);
      expect(inFlight, address).toContain(address);
    }
  });

  it('folds the per-list journals of older versions (in out/ and beside it) into the statement\'s, removes the old outbox, and mails nobody twice', async () => {
    server = await startSmtpServer();
    const { dir, addresses } = await projectWithList(5);
    const paths = await journalPaths(dir);
    const other = await journalPaths(dir, 'other.csv');
    await mkdir(paths.outSendDir, { recursive: true });
    await writeFile(paths.inOut, line({ type: 'sent', email: addresses[0], messageId: '<1@example.org>', response: '250 OK' }) + line({ type: 'sending', email: addresses[1], messageId: '<in-flight@example.org>' }));
    // Left by an older version that was killed: its pid alone.
    await writeFile(`${paths.inOut}.lock`, '999999999');
    // Another list's journal: reader2 was sent there, reader1 too (which beats the other journal's `sending`).
    await mkdir(path.dirname(other.perList), { recursive: true });
    await writeFile(other.perList, line({ type: 'sent', email: addresses[2], messageId: '<2@example.org>', response: '250 OK' }) + line({ type: 'sent', email: addresses[1]!.toUpperCase(), messageId: '<3@example.org>', response: '250 OK' }));
    await mkdir(paths.outbox, { recursive: true });
    await writeFile(path.join(paths.outbox, '00001-reader0@example.net.eml'), 'To: reader0@example.net\r\n\r\nhello\r\n');
    const result = await runCli(['send', SLUG, '--to', 'list.csv', '--smtp', server.url], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^Folded the journals older versions kept per list \(.*other-[0-9a-f]{8}\.jsonl, out\/complete-statement\/send\/list-[0-9a-f]{8}\.jsonl\) into \.statements\/send\/complete-statement\/journal\.jsonl: 3 addresses taken over\./m);
    expect(result.stderr).toContain('Removed out/complete-statement/outbox/, where older versions wrote dry-run messages');
    expect(result.stderr).toContain('(resuming: 3 already done per the journal)');
    expect([...server.countsByAddress().keys()].sort()).toEqual(addresses.slice(3).sort());
    for (const gone of [paths.outSendDir, paths.outbox, other.perList]) expect(existsSync(gone), gone).toBe(false);
    expect((await readFile(paths.journal, 'utf8')).split('\n').filter(Boolean).length).toBeGreaterThan(5);
  });

  it('keeps an address in flight in an older per-list journal on its Message-ID when it is sent again', async () => {
    server = await startSmtpServer();
    const { dir, addresses } = await projectWithList(2);
    const paths = await journalPaths(dir);
    await mkdir(path.dirname(paths.perList), { recursive: true });
    await writeFile(paths.perList, line({ type: 'sent', email: addresses[0], messageId: '<1@example.org>', response: '250 OK' }) + line({ type: 'sending', email: addresses[1], messageId: '<in-flight@example.org>' }));
    const result = await runCli(['send', SLUG, '--to', 'list.csv', '--smtp', server.url], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(server.received.map((m) => m.to[0])).toEqual([addresses[1]]);
    expect(server.received[0]!.raw.toString()).toMatch(/^Message-ID: <in-flight@example\.org>\r$/m);
  });

  it('mails the same list saved under another name nothing new, and one person on two lists once; --resend mails everyone again', { timeout: 90_000 }, async () => {
    server = await startSmtpServer();
    const { dir, addresses } = await projectWithList(4);
    await writeFile(path.join(dir, 'copy.csv'), await readFile(path.join(dir, 'list.csv')));
    await writeFile(path.join(dir, 'other.csv'), `email,name,language\n${addresses[2]!.toUpperCase()},Reader Two,es\nnew@example.net,,en\n`);
    expect((await runCli(['send', SLUG, '--to', 'list.csv', '--smtp', server.url], { cwd: dir })).code).toBe(0);
    const copied = await runCli(['send', SLUG, '--to', 'copy.csv', '--smtp', server.url], { cwd: dir });
    expect(copied.code, copied.stderr).toBe(0);
    expect(copied.stderr).toMatch(/Nothing to send: all 4 recipients of copy\.csv were already sent/);
    const other = await runCli(['send', SLUG, '--to', 'other.csv', '--smtp', server.url], { cwd: dir });
    expect(other.code, other.stderr).toBe(0);
    expect(other.stderr).toContain('Sent 1 now, 1 earlier, 0 failed');
    expect([...server.countsByAddress().entries()].sort()).toEqual([...addresses, 'new@example.net'].map((a) => [a, 1]).sort());
    const firstIds = server.received.map((m) => /^Message-ID: (.*)\r$/m.exec(m.raw.toString())?.[1]);

    const resent = await runCli(['send', SLUG, '--to', 'copy.csv', '--smtp', server.url, '--resend'], { cwd: dir });
    expect(resent.code, resent.stderr).toBe(0);
    expect(resent.stderr).toContain('(--resend: again to everyone on the list)');
    expect(server.received).toHaveLength(9);
    // A new round: new Message-IDs, or receivers would drop the copies as duplicates.
    const resentIds = server.received.slice(5).map((m) => /^Message-ID: (.*)\r$/m.exec(m.raw.toString())?.[1]);
    for (const id of resentIds) expect(firstIds).not.toContain(id);
  });

  it('refuses a --journal inside statements/ or out/, on any input, or on a folder: exit 1, nothing sent, nothing written', async () => {
    server = await startSmtpServer();
    const { dir } = await projectWithList(2);
    await writeFile(path.join(dir, 'unsubscribed.txt'), 'nobody@example.net\n');
    await mkdir(path.join(dir, 'journals'));
    await symlink(path.join(dir, 'list.csv'), path.join(dir, 'journal-link.jsonl'));
    const refusals: [string, RegExp][] = [
      ['statements/complete-statement/en.md', /--journal is inside the statements folder, whose files are read and published \(statements\/\)/],
      ['out/send.jsonl', /--journal is inside the output folder, which is published as a whole \(out\/\)/],
      ['list.csv', /--journal names the recipients list, which the send reads: it would write every address into it/],
      ['journal-link.jsonl', /--journal names the recipients list/],
      ['unsubscribed.txt', /--journal names the suppression list/],
      ['publisher.yaml', /--journal names the publisher config/],
      ['journals', /--journal names a folder, not a file/],
    ];
    const before = await Promise.all(['list.csv', 'unsubscribed.txt', 'publisher.yaml', `statements/${SLUG}/en.md`].map((file) => readFile(path.join(dir, file), 'utf8')));
    for (const [journal, message] of refusals) {
      const result = await runCli(['send', SLUG, '--to', 'list.csv', '--suppress', 'unsubscribed.txt', '--smtp', server.url, '--journal', journal], { cwd: dir });
      expect(result.code, `${journal}\n${result.stderr}`).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`^${journal.replace(/[.*]/g, '\\$&')}: error: ${message.source}.*: nothing was sent\\. Leave out --journal`, 'm'));
      expect(result.stderr).not.toContain('unexpected error');
    }
    const after = await Promise.all(['list.csv', 'unsubscribed.txt', 'publisher.yaml', `statements/${SLUG}/en.md`].map((file) => readFile(path.join(dir, file), 'utf8')));
    expect(after).toEqual(before);
    expect(existsSync(path.join(dir, 'out', 'send.jsonl'))).toBe(false);
    expect(server.received).toHaveLength(0);
  });

  it('skips everyone on a suppression list however it was exported, and refuses one it cannot read', async () => {
    server = await startSmtpServer();
    const dir = await scratchProject([SLUG]);
    const everyone = ['ana@example.net', 'bob@example.net', 'carla@example.net', 'news#desk@example.org', 'dan@example.net', 'eva@example.net'];
    await writeFile(path.join(dir, 'list.csv'), `email,name,language\n${everyone.map((address) => `${address},,en`).join('\n')}\n`);
    // A plain list as people keep one: a name with the address, a date after it, an address with # in it.
    await writeFile(path.join(dir, 'plain.txt'), '# unsubscribed since the March release\nAna Pérez <ANA@example.net>\nbob@example.net;2026-01-15\ncarla@example.net\t2026-02-01\nnews#desk@example.org\n');
    // A CSV export whose email column is not the first.
    await writeFile(path.join(dir, 'export.csv'), 'name,email,unsubscribed\nDan,dan@example.net,2026-02-10\n');
    const plain = await runCli(['send', SLUG, '--to', 'list.csv', '--smtp', server.url, '--suppress', 'plain.txt'], { cwd: dir });
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).toContain('Sent 2 now, 4 skipped (unsubscribed), 0 failed');
    expect([...server.countsByAddress().keys()].sort()).toEqual(['dan@example.net', 'eva@example.net']);

    const other = await scratchProject([SLUG]);
    await writeFile(path.join(other, 'list.csv'), `email,name,language\n${everyone.map((address) => `${address},,en`).join('\n')}\n`);
    await writeFile(path.join(other, 'export.csv'), 'name,email,unsubscribed\nDan,dan@example.net,2026-02-10\n');
    await writeFile(path.join(other, 'broken.txt'), 'ana@example.net\nbob at example.net\n');
    const broken = await runCli(['send', SLUG, '--to', 'list.csv', '--smtp', server.url, '--suppress', 'broken.txt'], { cwd: other });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('broken.txt:2:1: error: cannot read this line ("bob at example.net"): it holds no email address; write one address a line, or use a CSV file with an `email` column [suppression]');
    expect(broken.stderr).toContain('Nothing was sent: fix broken.txt first.');
    expect(server.received).toHaveLength(2);
    const exported = await runCli(['send', SLUG, '--to', 'list.csv', '--smtp', server.url, '--suppress', 'export.csv'], { cwd: other });
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toContain('Sent 5 now, 1 skipped (unsubscribed), 0 failed');
    expect(server.countsByAddress().get('dan@example.net')).toBe(1);
  });

  it('stops cleanly when the journal lock is removed during a send; the rerun sends the rest, once each', async () => {
    server = await startSmtpServer();
    const { dir, addresses } = await projectWithList(30);
    expect((await runCli(['build', SLUG], { cwd: dir })).code).toBe(0);
    const { journal } = await journalPaths(dir);
    const child = spawn(process.execPath, [CLI, 'send', SLUG, '--to', 'list.csv', '--smtp', server.url, '--rate', '20'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await receivedAtLeast(server, 3);
    // What the old message advised for a stale lock, done while the send runs.
    await unlink(`${journal}.lock`);
    expect(await exited, stderr).toBe(1);
    expect(stderr).toMatch(/^\.statements\/send\/complete-statement\/journal\.jsonl: error: the journal's lock .*\.lock was removed while this send was running, so another send could start on the same list: this one stopped before its next message\. Make sure no other send of this list is running, then run the same command again \[send-lock\]$/m);
    expect(stderr).toMatch(/; stopped early, see above$/m);
    expect(stderr).not.toMatch(/unexpected error|^\s+at /m);
    expect(server.received.length).toBeLessThan(30);

    const rerun = await runCli(['send', SLUG, '--to', 'list.csv', '--smtp', server.url], { cwd: dir });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect([...server.countsByAddress().entries()].sort()).toEqual(addresses.map((address) => [address, 1]).sort());
  });

  it('reports a message an earlier run left unconfirmed with its line and Message-ID, and sends it again only when asked', async () => {
    server = await startSmtpServer();
    const { dir, addresses } = await projectWithList(3);
    const { journal } = await journalPaths(dir);
    await mkdir(path.dirname(journal), { recursive: true });
    await writeFile(
      journal,
      line({ type: 'sent', email: addresses[0], messageId: '<1@example.org>', response: '250 OK' }) +
        line({ type: 'sending', email: addresses[1], messageId: '<2@example.org>' }) +
        line({ type: 'unconfirmed', email: addresses[1], messageId: '<2@example.org>', reason: 'ETIMEDOUT: Timeout' }),
    );
    const first = await runCli(['send', SLUG, '--to', 'list.csv', '--smtp', server.url], { cwd: dir });
    expect(first.code).toBe(1);
    expect(first.stderr).toContain(
      'list.csv:3:1: error: delivery to reader1@example.net is unconfirmed: the whole message was sent but the server gave no answer (ETIMEDOUT: Timeout), so it may have arrived and is not sent again. Look for Message-ID <2@example.org> in the mail server\'s log; to send it again anyway, run the command with --resend-unconfirmed [send-unconfirmed]',
    );
    expect(first.stderr).toContain('Sent 1 now, 1 earlier, 0 failed, 1 unconfirmed');
    expect([...server.countsByAddress().keys()]).toEqual([addresses[2]]);

    const again = await runCli(['send', SLUG, '--to', 'list.csv', '--smtp', server.url, '--resend-unconfirmed'], { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect([...server.countsByAddress().keys()].sort()).toEqual([addresses[1], addresses[2]].sort());
    const done = await runCli(['send', SLUG, '--to', 'list.csv', '--smtp', server.url], { cwd: dir });
    expect(done.code).toBe(0);
    expect(done.stderr).toContain('Nothing to send');
    expect(server.received).toHaveLength(2);
  });
});

