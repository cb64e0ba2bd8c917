import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, runCli, scratchProject } from '../helpers/cli.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';

const SLUG = 'complete-statement';
const PASSWORD = 'pw-Zq81-secret';
let server: TestSmtpServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

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

  it('survives SIGKILL mid-send: the rerun sends only to those not yet sent, at most one message repeats', async () => {
    server = await startSmtpServer();
    const { dir, addresses } = await projectWithList(60);
    // Build first so the kill lands in the sending, not the building.
    expect((await runCli(['build', SLUG], { cwd: dir })).code).toBe(0);
    const child = spawn(process.execPath, [CLI, 'send', SLUG, '--to', 'list.csv', '--smtp', server.url, '--rate', '40'], { cwd: dir, stdio: 'ignore' });
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
});
