import { generateKeyPairSync } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { describe, expect, it } from 'vitest';
import { DKIM_KEY_VARIABLE } from '../../src/send/dkim.js';
import { runCli, scratchProject } from '../helpers/cli.js';

const SLUG = 'complete-statement';

/** A scratch project whose config signs with `dkim-private.pem` for example.org, selector `press2026`. */
async function signingProject(key: string): Promise<string> {
  const dir = await scratchProject([SLUG]);
  const config = path.join(dir, 'publisher.yaml');
  const text = await readFile(config, 'utf8');
  await writeFile(config, text.replace(/^ {2}replyTo: .*$/m, '$&\n  dkim:\n    domain: example.org\n    selector: press2026\n    privateKey: dkim-private.pem'));
  await writeFile(path.join(dir, 'dkim-private.pem'), key);
  await writeFile(path.join(dir, 'list.csv'), 'email,name,language\nana@example.net,Ana,es\nbob@example.net,Bob,en\n');
  return dir;
}

describe('statements send and DKIM', () => {
  it('--check-dns prints the record whose key verifies what a dry run writes to the outbox, signed', async () => {
    const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const dir = await signingProject(key);
    const env = { [DKIM_KEY_VARIABLE]: '' };
    const dns = await runCli(['send', '--check-dns'], { cwd: dir, env });
    expect(dns.code).toBe(0);
    const record = /DKIM: .*\n {2}Name: {2}(\S+)\n {2}Type: {2}TXT\n {2}Value: (v=DKIM1; k=rsa; p=\S+)\n/.exec(dns.stdout);
    expect(record?.[1]).toBe('press2026._domainkey.example.org');
    expect(dns.stdout).toMatch(/SPF: .*\n {2}Name: {2}example\.org\n {2}Type: {2}TXT\n {2}Value: v=spf1 /);
    expect(dns.stdout).toMatch(/DMARC: .*\n {2}Name: {2}_dmarc\.example\.org\n {2}Type: {2}TXT\n {2}Value: v=DMARC1; p=none; /);
    expect(dns.stdout + dns.stderr).not.toContain(key.split('\n')[1]);

    const dry = await runCli(['send', SLUG, '--to', 'list.csv', '--dry-run'], { cwd: dir, env });
    expect(dry.stderr).toContain('Signing every message with DKIM for example.org (selector press2026, key from dkim-private.pem).');
    expect(dry.code).toBe(0);
    const outbox = path.join(dir, '.statements/outbox', SLUG);
    const files = await readdir(outbox);
    expect(files).toHaveLength(2);
    const resolver = async (name: string) => (name === record![1] ? [[record![2]!]] : []);
    for (const file of files) {
      const { results } = await dkimVerify(await readFile(path.join(outbox, file)), { resolver: resolver as never });
      expect(results[0]?.status.result).toBe('pass');
    }
  });

  it('stops before building or sending when the key cannot sign, naming the setting and never the key', async () => {
    const dir = await signingProject('-----BEGIN PRIVATE KEY-----\nnot-really-a-key\n-----END PRIVATE KEY-----\n');
    const result = await runCli(['send', SLUG, '--to', 'list.csv', '--dry-run'], { cwd: dir, env: { [DKIM_KEY_VARIABLE]: '' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^publisher\.yaml:\d+:17: error: the DKIM private key dkim-private\.pem \(`email\.dkim\.privateKey`\) cannot be read as a PEM private key .* \[dkim\]\nNothing was sent/m);
    expect(result.stderr).not.toContain('not-really-a-key');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
