import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostic, DiagnosticsError } from '../../src/model/diagnostic.js';
import type { PublisherConfig } from '../../src/model/config.js';
import type { RenderContext } from '../../src/render/context.js';
import type { EmailSettings } from '../../src/render/email/sender.js';
import { DKIM_KEY_VARIABLE, dkimRecord, loadDkimSigner, signingTransport, type DkimSigner } from '../../src/send/dkim.js';
import { checkPublishedKey, dnsRecords, type ResolveTxt } from '../../src/send/dns-records.js';
import { Journal } from '../../src/send/journal.js';
import type { Recipient } from '../../src/send/recipients.js';
import { sendAll } from '../../src/send/send.js';
import type { UnsubscribeKeys } from '../../src/send/message.js';
import { smtpTransport, type Transport } from '../../src/send/transport.js';
import { sendFixture } from '../helpers/email.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';

const pem = (bits = 2048) => generateKeyPairSync('rsa', { modulusLength: bits }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const KEY = pem();
const CONFIG_FILE = 'publisher.yaml';
const PLACE = { line: 40, column: 3 };
const KEY_PLACE = { line: 43, column: 17 };

let ctx: RenderContext;
let settings: EmailSettings;
let unsubscribe: UnsubscribeKeys;
let dir: string;
const emails: Record<string, Buffer> = {};
let server: TestSmtpServer | undefined;

beforeAll(async () => {
  let fixture: Record<string, Buffer>;
  ({ ctx, emails: fixture, settings, unsubscribe } = await sendFixture());
  Object.assign(emails, fixture);
  dir = await mkdtemp(path.join(tmpdir(), 'statements-dkim-'));
  await writeFile(path.join(dir, 'dkim.pem'), KEY);
});

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The project's config with `email.dkim` set, as loadConfig leaves it (the key file resolved, the places recorded). */
function dkimConfig(dkim: { domain?: string; selector?: string; privateKey?: string } = {}): PublisherConfig {
  const { config } = ctx;
  const settings = { domain: 'example.org', selector: 'press2026', privateKey: 'dkim.pem', ...dkim };
  const keyPath = settings.privateKey ? path.join(dir, settings.privateKey) : undefined;
  return { ...config, file: CONFIG_FILE, email: { ...config.email, dkim: settings }, dkimSource: { place: PLACE, keyPath, keyPlace: keyPath ? KEY_PLACE : undefined } };
}

/** A DNS that publishes `record` at its name and nothing else. */
function dnsWith(record: { name: string; value: string }): ResolveTxt {
  return async (name) => {
    if (name === record.name) return [[record.value.slice(0, 255), record.value.slice(255)]];
    throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  };
}

async function verify(raw: Buffer | string, signer: Pick<DkimSigner, 'domain' | 'selector' | 'publicKey'>) {
  const { results } = await dkimVerify(raw, { resolver: dnsWith(dkimRecord(signer)) as never });
  return results[0]!;
}

/** Why loading the signer failed, as the user reads it. */
async function loadError(config: PublisherConfig, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const error = await loadDkimSigner(config, env).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(DiagnosticsError);
  return (error as DiagnosticsError).diagnostics.map(formatDiagnostic).join('\n');
}

const recipients: Recipient[] = [
  { email: 'ana@example.net', name: 'Ana Pérez', variant: 'es', line: 2 },
  { email: 'bob@example.net', name: 'Bob', variant: 'en', line: 3 },
  { email: 'carol@example.net', variant: 'bilingual', line: 4 },
];

describe('DKIM signing', () => {
  it('signs every message sent over SMTP so a real verifier passes it, over the From, To, Subject, Date, Message-ID and List-* fields', async () => {
    const signer = (await loadDkimSigner(dkimConfig(), {}))!;
    server = await startSmtpServer();
    const transport = signingTransport(await smtpTransport(server.url), signer);
    const report = await sendAll({ emails, recipients, suppressed: new Set(), settings, unsubscribe, sendId: 'dkim', journal: Journal.inMemory(), transport });
    await transport.close();
    expect(report.sent).toBe(3);
    for (const message of server.received) {
      const result = await verify(message.raw, signer);
      expect(result.status.result).toBe('pass');
      expect(result.signingDomain).toBe('example.org');
      // mailauth reports the `h=` list, though its types leave it out.
      const { signingHeaders } = result as typeof result & { signingHeaders: { keys: string } };
      expect(signingHeaders.keys.toLowerCase().split(': ')).toEqual(['from', 'to', 'subject', 'date', 'message-id', 'list-id', 'list-unsubscribe', 'list-unsubscribe-post']);
    }
  });

  it('fails verification once a signed header is altered on the way', async () => {
    const signer = (await loadDkimSigner(dkimConfig(), {}))!;
    const sent: Buffer[] = [];
    const kept: Transport = { description: 'memory', open: async () => {}, close: async () => {}, deliver: async (message) => (sent.push(message.raw), { ok: true, response: 'kept' }) };
    const transport = signingTransport(kept, signer);
    await sendAll({ emails, recipients: recipients.slice(1, 2), suppressed: new Set(), settings, unsubscribe, sendId: 'dkim', journal: Journal.inMemory(), transport });
    const raw = sent[0]!.toString('latin1');
    expect((await verify(raw, signer)).status.result).toBe('pass');
    expect((await verify(raw.replace(/^Subject: /m, 'Subject: Urgent: '), signer)).status.result).toBe('fail');
    expect((await verify(raw.replace('https://lists.example.org/unsubscribe?t=', 'https://evil.example/?u='), signer)).status.result).toBe('fail');
    // A key other than the published one fails too: the verifier really checks the signature.
    const other = (await loadDkimSigner(dkimConfig(), { [DKIM_KEY_VARIABLE]: pem() }))!;
    expect((await verify(raw, other)).status.result).toBe('fail');
  });

  it('takes the key from STATEMENTS_DKIM_PRIVATE_KEY, which wins over the file, and never prints it', async () => {
    const fromEnv = pem();
    const signer = (await loadDkimSigner(dkimConfig({ privateKey: 'absent.pem' }), { [DKIM_KEY_VARIABLE]: fromEnv }))!;
    expect(signer.source).toBe(`the environment variable ${DKIM_KEY_VARIABLE}`);
    const signed = await signer.sign(emails.en!);
    expect((await verify(signed, signer)).status.result).toBe('pass');
    const broken = fromEnv.slice(0, 400);
    const message = await loadError(dkimConfig(), { [DKIM_KEY_VARIABLE]: broken });
    expect(message).toContain(`${DKIM_KEY_VARIABLE} (set in the environment) cannot be read as a PEM private key`);
    expect(message).not.toContain(broken.split('\n')[1]!);
  });

  it('refuses a key that cannot sign, before any message, at the line of the setting', async () => {
    const write = async (name: string, text: string) => (await writeFile(path.join(dir, name), text), name);
    const at = `${CONFIG_FILE}:${KEY_PLACE.line}:${KEY_PLACE.column}: error:`;
    expect(await loadError(dkimConfig({ privateKey: 'missing.pem' }))).toMatch(new RegExp(`^${at} the DKIM private key .*missing\\.pem \\(\`email\\.dkim\\.privateKey\`\\) does not exist: fix the path .* \\[dkim\\]$`));
    const publicOnly = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(await loadError(dkimConfig({ privateKey: await write('public.pem', publicOnly) }))).toContain('is a public key: give the private key');
    const encrypted = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'x' }).toString();
    expect(await loadError(dkimConfig({ privateKey: await write('encrypted.pem', encrypted) }))).toContain('is protected by a passphrase');
    const ed25519 = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(await loadError(dkimConfig({ privateKey: await write('ed25519.pem', ed25519) }))).toContain('is an ed25519 key; DKIM signing here uses RSA keys');
    expect(await loadError(dkimConfig({ privateKey: await write('short.pem', pem(512)) }))).toContain('has 512 bits, and receivers ignore DKIM keys under 1024');
    expect(await loadError(dkimConfig({ privateKey: await write('notes.txt', 'my dkim key is in the vault') }))).toContain('is not a PEM private key');
    expect(await loadError(dkimConfig({ privateKey: undefined }))).toMatch(new RegExp(`^${CONFIG_FILE}:${PLACE.line}:${PLACE.column}: error: \`email.dkim\` has no private key`));
  });

  it('refuses a signing domain the From address is not in, and a key in the environment with no `email.dkim`', async () => {
    expect(await loadError(dkimConfig({ domain: 'example.net' }))).toContain('`email.dkim.domain` is example.net, but the From address press@example.org is not in that domain');
    const { config } = ctx;
    expect(await loadError({ ...config, file: CONFIG_FILE }, { [DKIM_KEY_VARIABLE]: KEY })).toContain(`${DKIM_KEY_VARIABLE} is set, but the config has no \`email.dkim\``);
    expect(await loadDkimSigner({ ...config, file: CONFIG_FILE }, {})).toBeUndefined();
  });

  it('compares the published record with the key: another key is an error, none a warning', async () => {
    const config = dkimConfig();
    const signer = (await loadDkimSigner(config, {}))!;
    expect(await checkPublishedKey(signer, config, dnsWith(dkimRecord(signer)))).toEqual({});
    const stale = { ...dkimRecord(signer), value: dkimRecord({ ...signer, publicKey: 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAstale' }).value };
    const differs = await checkPublishedKey(signer, config, dnsWith(stale));
    expect(differs.error && formatDiagnostic(differs.error)).toMatch(/^publisher\.yaml:40:3: error: the DKIM record published at press2026\._domainkey\.example\.org holds another public key/);
    expect((await checkPublishedKey(signer, config, dnsWith({ name: 'elsewhere', value: '' }))).warning).toContain('no DKIM record is published at press2026._domainkey.example.org yet');
  });
});

describe('the DNS records to publish', () => {
  it('suggests SPF for the envelope sender: the domain of email.returnPath when set, else of From', () => {
    const spf = (config: PublisherConfig) => dnsRecords(config, undefined).find((record) => record.kind === 'SPF')!;
    expect(spf(ctx.config).name).toBe('example.org');
    const bounced = { ...ctx.config, email: { ...ctx.config.email, returnPath: 'bounces+{token}@mail.example.net' } };
    expect(spf(bounced)).toMatchObject({ name: 'mail.example.net', value: 'v=spf1 mx ~all' });
    expect(dnsRecords(bounced, undefined).find((record) => record.kind === 'DMARC')!.name).toBe('_dmarc.example.org');
  });
});
