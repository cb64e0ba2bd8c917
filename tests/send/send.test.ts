import { VARIANTS, type Variant } from '../../src/model/statement.js';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RenderContext } from '../../src/render/context.js';
import { renderEmail } from '../../src/render/email/index.js';
import { outputOf } from '../helpers/render.js';
import { emailSettings, type EmailSettings } from '../../src/render/email/sender.js';
import { Journal } from '../../src/send/journal.js';
import type { Recipient } from '../../src/send/recipients.js';
import { sendAll, type SendOptions } from '../../src/send/send.js';
import { outboxTransport, smtpTransport, type Transport } from '../../src/send/transport.js';
import { fixtureStatement, parseEml, projectContext } from '../helpers/email.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';

let ctx: RenderContext;
let settings: EmailSettings;
const emails = {} as Record<Variant, Buffer>;
let server: TestSmtpServer | undefined;
let transport: Transport | undefined;

beforeAll(async () => {
  ctx = await projectContext();
  const statement = await fixtureStatement();
  for (const variant of VARIANTS) emails[variant] = outputOf(await renderEmail(statement, variant, ctx));
  settings = { ...emailSettings(ctx.config, 'en'), unsubscribeUrl: 'https://lists.example.org/unsubscribe?email={email}' };
});

afterEach(async () => {
  await transport?.close();
  await server?.close();
  transport = undefined;
  server = undefined;
});

const recipients: Recipient[] = [
  { email: 'ana@example.net', name: 'Ana Pérez', variant: 'es', line: 2 },
  { email: 'bob@example.net', name: 'Bob', variant: 'en', line: 3 },
  { email: 'carol@example.net', variant: 'bilingual', line: 4 },
];

async function tempJournal(): Promise<Journal> {
  return Journal.open(path.join(await mkdtemp(path.join(tmpdir(), 'statements-journal-')), 'send.jsonl'));
}

async function send(overrides: Partial<SendOptions> & { transport: Transport }) {
  return sendAll({ emails, recipients, suppressed: new Set(), settings, journal: await tempJournal(), sendId: 'test', retryDelays: [5, 5], ...overrides });
}

describe('sending over SMTP', () => {
  it('gives each recipient one message in their language, addressed to them alone', async () => {
    server = await startSmtpServer();
    transport = await smtpTransport(server.url);
    const report = await send({ transport });
    expect(report).toMatchObject({ sent: 3, failed: [] });
    expect(server.received.map((m) => m.to)).toEqual([['ana@example.net'], ['bob@example.net'], ['carol@example.net']]);
    const [ana, bob, carol] = await Promise.all(server.received.map((m) => parseEml(m.raw)));
    expect(ana?.subject).toBe('Coalición de prueba exige aire limpio cerca de las escuelas');
    expect(ana?.headers.get('content-language')).toBe('es');
    expect(bob?.subject).toBe('Fixture coalition demands clean air near schools');
    expect(carol?.subject).toContain(' / ');
    expect(ana?.to).toMatchObject({ value: [{ name: 'Ana Pérez', address: 'ana@example.net' }] });
    expect(carol?.to).toMatchObject({ value: [{ address: 'carol@example.net' }] });
    expect(ana?.text).toContain('Primer párrafo');
    expect(ana?.html).toContain('Primer párrafo');
  });

  it('writes a unique Message-ID, List-Id, List-Unsubscribe (https and mailto in one field) and List-Unsubscribe-Post', async () => {
    server = await startSmtpServer();
    transport = await smtpTransport(server.url);
    await send({ transport });
    const parsed = await Promise.all(server.received.map((m) => parseEml(m.raw)));
    expect(new Set(parsed.map((m) => m.messageId)).size).toBe(3);
    for (const [index, mail] of parsed.entries()) {
      const raw = server.received[index]!.raw.toString().replace(/\r\n[ \t]+/g, ' ');
      expect(raw.match(/^List-Unsubscribe: /gm)).toHaveLength(1);
      const address = encodeURIComponent(recipients[index]!.email);
      expect(raw).toContain(`List-Unsubscribe: <https://lists.example.org/unsubscribe?email=${address}>, <mailto:press@example.org?subject=unsubscribe>`);
      expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
      expect(raw).toMatch(/^List-Id: <press\.statements\.example\.org>\r$/m);
      expect(raw.match(/^(To|Message-ID|Date): /gim)).toHaveLength(3);
      expect(mail.from?.value[0]?.address).toBe('press@example.org');
    }
  });

  it('retries a 451 with backoff and then delivers', async () => {
    server = await startSmtpServer({ refuse: (address, attempt) => (address === 'bob@example.net' && attempt === 1 ? 451 : undefined) });
    transport = await smtpTransport(server.url);
    const waits: number[] = [];
    const report = await send({ transport, sleep: async (ms) => void waits.push(ms) });
    expect(report).toMatchObject({ sent: 3, failed: [] });
    expect(waits).toEqual([5]);
    expect(server.countsByAddress().get('bob@example.net')).toBe(1);
  });

  it('records a 550 as permanent, does not retry it, reports the address, and a second run leaves it alone', async () => {
    server = await startSmtpServer({ refuse: (address) => (address === 'ana@example.net' ? 550 : undefined) });
    transport = await smtpTransport(server.url);
    const journal = await tempJournal();
    const report = await send({ transport, journal });
    expect(report.sent).toBe(2);
    expect(report.failed).toHaveLength(1);
    expect(report.failed[0]).toMatchObject({ recipient: { email: 'ana@example.net' }, permanent: true });
    expect(report.failed[0]?.reason).toMatch(/No such user/);
    expect(journal.state('ana@example.net')).toBe('failed-permanent');
    const again = await send({ transport, journal: Journal.open(journal.file!) });
    expect(again).toMatchObject({ sent: 0, alreadySent: 2 });
    expect(again.failed.map((f) => f.recipient.email)).toEqual(['ana@example.net']);
    expect(server.received).toHaveLength(2);
  });

  it('gives up on a temporary failure after the retries, so a later run tries again', async () => {
    server = await startSmtpServer({ refuse: (address) => (address === 'bob@example.net' ? 421 : undefined) });
    transport = await smtpTransport(server.url);
    const journal = await tempJournal();
    const report = await send({ transport, journal, sleep: async () => {} });
    expect(report.failed).toMatchObject([{ recipient: { email: 'bob@example.net' }, permanent: false }]);
    expect(journal.state('bob@example.net')).toBe('failed-temporary');
  });

  it('reports a dropped connection as temporary', async () => {
    server = await startSmtpServer();
    const port = server.port;
    await server.close();
    server = undefined;
    transport = await smtpTransport(`smtp://127.0.0.1:${port}`);
    const report = await send({ transport, recipients: recipients.slice(0, 1), retryDelays: [1], sleep: async () => {} });
    expect(report.failed[0]).toMatchObject({ permanent: false });
    expect(report.failed[0]?.reason).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
  });

  it('resumes from the journal: only recipients not yet sent get a message', async () => {
    server = await startSmtpServer();
    transport = await smtpTransport(server.url);
    const journal = await tempJournal();
    journal.append({ type: 'sending', at: '', email: 'ana@example.net', messageId: '<x@y>' });
    journal.append({ type: 'sent', at: '', email: 'ana@example.net', messageId: '<x@y>', response: '250' });
    journal.append({ type: 'sending', at: '', email: 'bob@example.net', messageId: '<x@y>' });
    const report = await send({ transport, journal: Journal.open(journal.file!) });
    expect(report).toMatchObject({ sent: 2, alreadySent: 1 });
    expect([...server.countsByAddress().keys()]).toEqual(['bob@example.net', 'carol@example.net']);
  });

  it('skips unsubscribed addresses, whatever their case', async () => {
    server = await startSmtpServer();
    transport = await smtpTransport(server.url);
    const report = await send({ transport, suppressed: new Set(['bob@example.net']), recipients: [...recipients.slice(0, 1), { ...recipients[1]!, email: 'BOB@example.net' }] });
    expect(report.suppressed.map((r) => r.email)).toEqual(['BOB@example.net']);
    expect(server.received.map((m) => m.to[0])).toEqual(['ana@example.net']);
  });

  it('caps the rate', async () => {
    server = await startSmtpServer();
    transport = await smtpTransport(server.url);
    const started = Date.now();
    await send({ transport, rate: 10 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });
});

describe('dry run', () => {
  it('writes every message into the outbox and connects to nothing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'statements-outbox-'));
    const report = await send({ transport: outboxTransport(dir), journal: Journal.inMemory() });
    expect(report.sent).toBe(3);
    const files = (await readdir(dir)).sort();
    expect(files).toEqual(['00001-ana@example.net.eml', '00002-bob@example.net.eml', '00003-carol@example.net.eml']);
    const ana = await parseEml(await readFile(path.join(dir, files[0]!)));
    expect(ana.to).toMatchObject({ value: [{ address: 'ana@example.net' }] });
    expect(ana.headers.get('content-language')).toBe('es');
  });
});
