import { unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/model/diagnostic.js';
import type { EmailSettings } from '../../src/render/email/sender.js';
import { Journal, type JournalIo } from '../../src/send/journal.js';
import { checkDeliveryHeaders, type UnsubscribeKeys } from '../../src/send/message.js';
import { unsubscribeToken } from '../../src/send/unsubscribe.js';
import type { Recipient } from '../../src/send/recipients.js';
import { sendAll, type SendOptions } from '../../src/send/send.js';
import { outboxTransport, SMTP_TIMEOUTS, smtpTransport, TransportSetupError, type SmtpTimeouts, type Transport } from '../../src/send/transport.js';
import { parseEml, sendFixture } from '../helpers/email.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';

let settings: EmailSettings;
let unsubscribe: UnsubscribeKeys;
const emails: Record<string, Buffer> = {};
let server: TestSmtpServer | undefined;
let transport: Transport | undefined;
const journals: Journal[] = [];

beforeAll(async () => {
  let fixture: Record<string, Buffer>;
  ({ emails: fixture, settings, unsubscribe } = await sendFixture());
  Object.assign(emails, fixture);
});

afterEach(async () => {
  await transport?.close();
  await server?.close();
  for (const journal of journals.splice(0)) journal.close();
  transport = undefined;
  server = undefined;
});

const recipients: Recipient[] = [
  { email: 'ana@example.net', name: 'Ana Pérez', variant: 'es', line: 2 },
  { email: 'bob@example.net', name: 'Bob', variant: 'en', line: 3 },
  { email: 'carol@example.net', variant: 'bilingual', line: 4 },
];

/** Short timeouts, so a server that answers late is a test of a few hundred milliseconds. */
const FAST: Partial<SmtpTimeouts> = { greeting: 2_000, socket: 400 };

async function tempJournal(options: { io?: JournalIo } = {}): Promise<Journal> {
  return reopen(path.join(await mkdtemp(path.join(tmpdir(), 'statements-journal-')), 'send.jsonl'), options);
}

/** Open the journal at `file` (a later run), closed after the test. */
function reopen(file: string, options: { io?: JournalIo } = {}): Journal {
  const journal = Journal.open(file, options);
  journals.push(journal);
  return journal;
}

async function send(overrides: Partial<SendOptions> & { transport: Transport }) {
  return sendAll({ emails, recipients, suppressed: new Set(), settings, unsubscribe, sendId: 'test', retryDelays: [5, 5], ...overrides, journal: overrides.journal ?? (await tempJournal()) });
}

describe('sending over SMTP', () => {
  it('gives each recipient one message in their language, addressed to them alone', async () => {
    server = await startSmtpServer();
    transport = await smtpTransport(server.url);
    const report = await send({ transport });
    expect(report).toMatchObject({ sent: 3, failed: [], unconfirmed: [] });
    // Over several connections at once, in any order.
    const received = [...server.received].sort((a, b) => a.to[0]!.localeCompare(b.to[0]!));
    expect(received.map((m) => m.to)).toEqual([['ana@example.net'], ['bob@example.net'], ['carol@example.net']]);
    const [ana, bob, carol] = await Promise.all(received.map((m) => parseEml(m.raw)));
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
      const recipient = recipients.find((candidate) => candidate.email === server!.received[index]!.to[0])!;
      const token = unsubscribeToken('a test secret of some length', settings.listId, recipient.email);
      // The mailto's subject is the word the footer asks for, in the recipient's language.
      const subject = recipient.variant === 'es' ? 'baja' : 'unsubscribe';
      expect(raw).toContain(`List-Unsubscribe: <https://lists.example.org/unsubscribe?t=${token}>, <mailto:press@example.org?subject=${subject}>`);
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
    journal.close();
    const again = await send({ transport, journal: reopen(journal.file!) });
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

  it('resumes from the journal: only recipients not yet sent get a message', async () => {
    server = await startSmtpServer();
    transport = await smtpTransport(server.url);
    const journal = await tempJournal();
    journal.append({ type: 'sending', at: '', email: 'ana@example.net', messageId: '<x@y>' });
    journal.append({ type: 'sent', at: '', email: 'ana@example.net', messageId: '<x@y>', response: '250' });
    journal.append({ type: 'sending', at: '', email: 'bob@example.net', messageId: '<x@y>' });
    journal.close();
    const report = await send({ transport, journal: reopen(journal.file!) });
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

  it('goes on over a new connection when the server closed the idle one, without a retry', async () => {
    server = await startSmtpServer();
    transport = await smtpTransport(server.url);
    const waits: number[] = [];
    const current = server;
    const report = await send({ transport, connections: 1, sleep: async (ms) => void waits.push(ms), onProgress: () => current.dropConnections() });
    expect(report).toMatchObject({ sent: 3, failed: [] });
    expect(waits).toEqual([]);
    expect([...server.countsByAddress().values()]).toEqual([1, 1, 1]);
  });
});

describe('several connections at once', () => {
  const many = (count: number): Recipient[] => Array.from({ length: count }, (_, index) => ({ email: `reader${index}@example.net`, variant: 'en', line: index + 2 }));

  it('opens as many connections as asked, and no more', async () => {
    server = await startSmtpServer();
    transport = await smtpTransport(server.url);
    const report = await send({ transport, recipients: many(40), connections: 4 });
    expect(report).toMatchObject({ sent: 40, failed: [] });
    expect(server.peakConnections()).toBe(4);
    expect([...server.countsByAddress().values()].every((count) => count === 1)).toBe(true);
  });

  it('lets nobody wait for a greylisted address (451 every time): everyone else has arrived before it gives up', async () => {
    const greylisted = 'reader0@example.net';
    server = await startSmtpServer({ refuse: (address) => (address === greylisted ? 451 : undefined) });
    transport = await smtpTransport(server.url);
    const journal = await tempJournal();
    let arrivedWhenItGaveUp: number | undefined;
    const current = server;
    const report = await send({
      transport,
      journal,
      recipients: many(20),
      // One connection: a retry that held it while waiting would hold up everyone.
      connections: 1,
      retryDelays: [1_000, 1_000],
      // Each wait ends early once the others are in, so the test is fast however busy the machine is.
      sleep: (ms) =>
        new Promise<void>((resolve) => {
          const started = Date.now();
          const timer = setInterval(() => {
            if (current.received.length >= 19 || Date.now() - started >= ms) {
              clearInterval(timer);
              resolve();
            }
          }, 5);
        }),
      onProgress: (progress) => {
        if (progress.failed === 1) arrivedWhenItGaveUp ??= current.received.length;
      },
    });
    expect(arrivedWhenItGaveUp).toBe(19);
    expect(report.sent).toBe(19);
    expect(report.failed).toMatchObject([{ recipient: { email: greylisted }, permanent: false }]);
    // Left for the next run, as before.
    expect(journal.state(greylisted)).toBe('failed-temporary');
  });

  it('flushes the journal once for many outcomes, and reports a message sent only after the flush that covers it', async () => {
    server = await startSmtpServer();
    transport = await smtpTransport(server.url);
    let sentWritten = 0;
    let sentDurable = 0;
    let syncs = 0;
    const io: JournalIo = {
      write(fd, text) {
        writeSync(fd, text);
        if (text.includes('"type":"sent"')) sentWritten += 1;
      },
      async sync() {
        syncs += 1;
        const covered = sentWritten;
        // A disk that takes its time, as a busy one does.
        await new Promise((resolve) => setTimeout(resolve, 3));
        sentDurable = covered;
      },
    };
    const reportedTooEarly: number[] = [];
    const report = await send({ transport, journal: await tempJournal({ io }), recipients: many(60), connections: 4, onProgress: ({ sent }) => sent > sentDurable && reportedTooEarly.push(sent) });
    expect(report.sent).toBe(60);
    expect(reportedTooEarly).toEqual([]);
    expect(sentDurable).toBe(60);
    expect(syncs).toBeLessThan(60);
  });
});

describe('a server that answers the end of the message late, or not at all', () => {
  it('uses the timeouts of RFC 5321: 5 minutes for the greeting, 10 for any reply', () => {
    expect(SMTP_TIMEOUTS).toEqual({ connection: 60_000, greeting: 300_000, socket: 600_000 });
  });

  it('waits for a late answer within the timeout: one message, delivered', async () => {
    server = await startSmtpServer({ dataReply: () => ({ delayMs: 150 }) });
    transport = await smtpTransport(server.url, { timeouts: { socket: 2_000 } });
    const report = await send({ transport, recipients: recipients.slice(0, 1) });
    expect(report).toMatchObject({ sent: 1, failed: [], unconfirmed: [] });
    expect(server.received).toHaveLength(1);
  });

  it('never sends again a message the server may have (no answer after the whole message): unconfirmed, once', async () => {
    server = await startSmtpServer({ dataReply: (address, attempt) => (address === 'bob@example.net' && attempt === 1 ? { delayMs: 1_000 } : undefined) });
    transport = await smtpTransport(server.url, { timeouts: FAST });
    const journal = await tempJournal();
    const waits: number[] = [];
    const report = await send({ transport, journal, sleep: async (ms) => void waits.push(ms) });
    expect(report.sent).toBe(2);
    expect(report.failed).toEqual([]);
    expect(report.unconfirmed).toMatchObject([{ recipient: { email: 'bob@example.net', line: 3 }, reason: expect.stringMatching(/ETIMEDOUT/), messageId: expect.stringMatching(/^<[0-9a-f]+@example\.org>$/) }]);
    expect(waits).toEqual([]);
    expect(journal.state('bob@example.net')).toBe('unconfirmed');
    // The late answer comes after the client gave up: the message arrived, once.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(server.countsByAddress().get('bob@example.net')).toBe(1);

    // The next run does not send it again, and still reports it ...
    journal.close();
    const nextJournal = reopen(journal.file!);
    const next = await send({ transport, journal: nextJournal });
    expect(next).toMatchObject({ sent: 0, alreadySent: 2 });
    expect(next.unconfirmed.map((u) => u.recipient.email)).toEqual(['bob@example.net']);
    expect(server.countsByAddress().get('bob@example.net')).toBe(1);
    // ... unless asked to.
    nextJournal.close();
    const resent = await send({ transport, journal: reopen(journal.file!), resendUnconfirmed: true });
    expect(resent).toMatchObject({ sent: 1, unconfirmed: [] });
    expect(server.countsByAddress().get('bob@example.net')).toBe(2);
  });

  it('calls a connection dropped after the whole message unconfirmed, not retried', async () => {
    server = await startSmtpServer({ dataReply: (address) => (address === 'ana@example.net' ? { drop: true } : undefined) });
    transport = await smtpTransport(server.url, { timeouts: FAST });
    // One connection: the test server drops them all, and those of messages in flight beside it would be unconfirmed too.
    const report = await send({ transport, connections: 1, sleep: async () => {} });
    expect(report.unconfirmed.map((u) => u.recipient.email)).toEqual(['ana@example.net']);
    expect(report.sent).toBe(2);
    expect(server.countsByAddress().get('ana@example.net')).toBe(1);
  });

  it('retries a 4xx answer to the end of the message (not delivered), and records a 5xx as refused', async () => {
    server = await startSmtpServer({ dataReply: (address, attempt) => (address === 'ana@example.net' && attempt === 1 ? { code: 452 } : address === 'carol@example.net' ? { code: 554 } : undefined) });
    transport = await smtpTransport(server.url, { timeouts: FAST });
    const report = await send({ transport, sleep: async () => {} });
    expect(report.sent).toBe(2);
    expect(report.unconfirmed).toEqual([]);
    expect(report.failed).toMatchObject([{ recipient: { email: 'carol@example.net' }, permanent: true, reason: expect.stringMatching(/^554 /) }]);
    expect(server.countsByAddress().get('ana@example.net')).toBe(1);
  });
});

describe('a server that cannot be reached', () => {
  it('stops at once, before the first message, when the connection is refused', async () => {
    const closed = await startSmtpServer();
    const { port } = closed;
    await closed.close();
    transport = await smtpTransport(`smtp://127.0.0.1:${port}`, { timeouts: FAST });
    const started = Date.now();
    await expect(transport.open()).rejects.toThrow(TransportSetupError);
    await expect(transport.open()).rejects.toThrow(`smtp://127.0.0.1:${port}: the connection was refused (ECONNREFUSED): check the host and port, and that the mail server is running`);
    expect(Date.now() - started).toBeLessThan(FAST.socket! * 10);
  });

  it('names a host that does not exist', async () => {
    transport = await smtpTransport('smtp://no-such-host.invalid:25', { timeouts: FAST });
    await expect(transport.open()).rejects.toThrow(/smtp:\/\/no-such-host\.invalid:25: the host no-such-host\.invalid was not found \((ENOTFOUND|EDNS|EAI_AGAIN)\): check its name/);
  });

  it('retries a connection lost mid-send, with backoff, and reports it as temporary', async () => {
    server = await startSmtpServer();
    transport = await smtpTransport(server.url, { timeouts: FAST });
    await transport.open();
    const port = server.port;
    await server.close();
    server = undefined;
    const waits: number[] = [];
    const report = await send({ transport, recipients: recipients.slice(0, 1), retryDelays: [1, 2], sleep: async (ms) => void waits.push(ms) });
    expect(waits).toEqual([1, 2]);
    expect(report.failed[0]).toMatchObject({ permanent: false, reason: expect.stringContaining(`127.0.0.1:${port}: the connection was refused`) });
  });
});

describe('what stops a send half way, cleanly', () => {
  /** A transport that runs `during` while delivering the nth message. */
  function stubTransport(during: (count: number) => void): Transport {
    let count = 0;
    return {
      description: 'stub',
      async open() {},
      async deliver() {
        count += 1;
        during(count);
        return { ok: true, response: '250 OK' };
      },
      async close() {},
    };
  }

  it('stops before the next message when the journal lock is removed, and says why', async () => {
    const journal = await tempJournal();
    const report = await send({ journal, transport: stubTransport((count) => count === 1 && unlinkSync(`${journal.file}.lock`)) });
    expect(report.sent).toBe(1);
    expect(report.stopped?.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/send\.jsonl: error: the journal's lock .*send\.jsonl\.lock was removed while this send was running, so another send could start on the same list: this one stopped before its next message\. .*\[send-lock\]$/),
    ]);
    expect(journal.state('bob@example.net')).toBeUndefined();
  });

  it('stops when another process took the lock, and writes nothing more to the journal', async () => {
    const journal = await tempJournal();
    const report = await send({ journal, transport: stubTransport((count) => count === 2 && writeFileSync(`${journal.file}.lock`, JSON.stringify({ pid: process.pid, nonce: 'other' }))) });
    expect(report.sent).toBe(2);
    expect(report.stopped?.[0]?.reason).toMatch(/was taken by another process/);
    expect((await readFile(journal.file!, 'utf8')).split('\n').filter(Boolean)).toHaveLength(4);
  });

  it('stops with the journal intact when the disk is full, naming the message that went out unrecorded', async () => {
    let failing = false;
    const io: JournalIo = {
      write(fd, text) {
        if (failing) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        writeSync(fd, text);
      },
      sync() {},
    };
    const journal = await tempJournal({ io });
    const report = await send({ journal, connections: 1, transport: stubTransport((count) => (failing = count === 2)) });
    expect(report.sent).toBe(1);
    expect(report.stopped?.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/send\.jsonl: error: cannot write to the send journal \(ENOSPC: no space left on device\); it is kept as it was before this line\. .*; the message to bob@example\.net was delivered but is not recorded, so the next run sends it again \[send-journal\]$/),
    ]);
    journal.close();
    const lines = (await readFile(journal.file!, 'utf8')).split('\n').filter(Boolean).map((line) => JSON.parse(line) as { type: string; email: string });
    expect(lines.map((line) => `${line.type} ${line.email}`)).toEqual(['sending ana@example.net', 'sent ana@example.net', 'sending bob@example.net']);
  });
});

describe('checkDeliveryHeaders', () => {
  const files = { recipients: 'list.csv', config: 'publisher.yaml' };

  it('finds a control character in any header value before the first message: the row, or the setting once', () => {
    const bad = [...recipients, { email: 'dan@example.net', name: 'Dan\u0000', variant: 'en' as const, line: 9 }];
    expect(checkDeliveryHeaders(bad, { ...settings, unsubscribeUrl: 'https://x.example.org/u?t={token}\nBcc: x@example.net' }, files).map(formatDiagnostic)).toEqual([
      'publisher.yaml: error: `email.unsubscribeUrl` or `email.unsubscribeMailto` would put a line break (U+000A) into the List-Unsubscribe header of every message: remove it [config]',
      'list.csv:9:1: error: dan@example.net: the To header would contain a NUL character (U+0000): remove it from the row [recipients]',
    ]);
    expect(checkDeliveryHeaders(recipients, settings, files)).toEqual([]);
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
