import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, scratchProject } from '../helpers/cli.js';
import { rawHeaders } from '../helpers/email.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';

const SLUG = 'complete-statement';
/** Delivery status notifications as Postfix writes them, `{{token}}` and `{{address}}` filled in by each test. */
const BOUNCES = path.join(import.meta.dirname, 'fixtures', 'bounces');
const ENV = { STATEMENTS_UNSUBSCRIBE_SECRET: 'a secret for the end-to-end test' };
let server: TestSmtpServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('unsubscribe links and bounces, end to end', () => {
  it('a hard bounce, an unsubscribe link and a refused address are suppressed, and the next send skips them', async () => {
    const dir = await scratchProject([SLUG]);
    const config = path.join(dir, 'publisher.yaml');
    await writeFile(config, (await readFile(config, 'utf8')).replace('  replyTo: press@example.org\n', '  replyTo: press@example.org\n  unsubscribeUrl: https://lists.example.org/unsubscribe?t={token}\n  returnPath: bounces+{token}@example.org\n'));
    const addresses = ['reader0@example.net', 'reader1@example.net', 'reader2@example.net', 'reader3@example.net'];
    await writeFile(path.join(dir, 'list.csv'), `email,name,language\n${addresses.map((address) => `${address},,en`).join('\n')}\n`);
    await writeFile(path.join(dir, 'unsubscribed.txt'), '# people who asked to leave\n');
    server = await startSmtpServer({ refuse: (address) => (address === 'reader2@example.net' ? { code: 550, text: '5.1.1 <reader2@example.net>: Recipient address rejected: User unknown' } : undefined) });
    const send = (extra: string[], env: NodeJS.ProcessEnv = ENV) => runCli(['send', SLUG, '--to', 'list.csv', '--smtp', server!.url, '--suppress', 'unsubscribed.txt', ...extra], { cwd: dir, env });

    const withoutSecret = await send([], {});
    expect(withoutSecret.code).toBe(1);
    expect(withoutSecret.stderr).toMatch(/publisher\.yaml: error: .*STATEMENTS_UNSUBSCRIBE_SECRET is not set.*\[unsubscribe-secret\]/);
    expect(withoutSecret.stderr).toContain('Nothing was sent');
    expect(server.received).toEqual([]);

    const first = await send([]);
    expect(first.stderr).toContain('Sent 3 now, 1 failed');
    // 550 5.1.1: the address is bad for good.
    expect(first.stderr).toContain('Added 1 address the server refused for good to unsubscribed.txt: reader2@example.net');
    const tokenOf = (address: string) => {
      const received = server!.received.find((message) => message.to[0] === address)!;
      const token = /^bounces\+([A-Za-z0-9_-]+)@example\.org$/.exec(received.from)?.[1];
      expect(rawHeaders(received.raw).find((line) => line.startsWith('List-Unsubscribe: '))).toContain(`?t=${token}>`);
      return token!;
    };

    const maildir = path.join(dir, 'bounces');
    for (const folder of ['new', 'cur', 'tmp']) await mkdir(path.join(maildir, folder), { recursive: true });
    const fixture = async (name: string, address: string) => (await readFile(path.join(BOUNCES, `${name}.eml`), 'utf8')).replaceAll('{{token}}', tokenOf(address)).replaceAll('{{address}}', address);
    await writeFile(path.join(maildir, 'new', '1.hard'), await fixture('hard', 'reader0@example.net'));
    await writeFile(path.join(maildir, 'new', '2.soft'), await fixture('soft', 'reader3@example.net'));
    await writeFile(path.join(maildir, 'new', '3.autoreply'), await fixture('autoreply', 'reader3@example.net'));
    const bounces = await runCli(['bounces', '--maildir', 'bounces', '--suppress', 'unsubscribed.txt'], { cwd: dir, env: ENV });
    expect(bounces.stdout).toBe('Read 3 messages: 1 hard bounce, 1 soft (left alone), 1 not a bounce, 0 unmatched; added 1 address to unsubscribed.txt: reader0@example.net\n');
    expect(bounces.code).toBe(0);

    const token = tokenOf('reader1@example.net');
    const tampered = `${token.slice(0, 5)}${token[5] === 'x' ? 'y' : 'x'}${token.slice(6)}`;
    const refused = await runCli(['unsubscribe', tampered, '--suppress', 'unsubscribed.txt'], { cwd: dir, env: ENV });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^unsubscribed\.txt: error: no send recorded in .* was to the address of the token .*Nothing was added to unsubscribed\.txt \[unsubscribe-token\]\n$/);
    const unsubscribed = await runCli(['unsubscribe', token, '--suppress', 'unsubscribed.txt'], { cwd: dir, env: ENV });
    expect([unsubscribed.code, unsubscribed.stdout]).toEqual([0, 'Added reader1@example.net to unsubscribed.txt\n']);
    expect(await readFile(path.join(dir, 'unsubscribed.txt'), 'utf8')).toBe('# people who asked to leave\nreader2@example.net\nreader0@example.net\nreader1@example.net\n');

    // A new send of the same list (its own journal, as another statement's would be) reaches only reader3.
    server.received.length = 0;
    const next = await send(['--journal', 'next.jsonl']);
    expect(next.stderr).toContain('Sent 1 now, 3 skipped (unsubscribed), 0 failed');
    expect(server.received.map((message) => message.to)).toEqual([['reader3@example.net']]);
    // Six runs of the CLI, the first building the statement: about 12 s alone, more on a busy machine.
  }, 120_000);
});
