import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/model/diagnostic.js';
import { DiagnosticsError } from '../../src/model/diagnostic.js';
import type { RenderContext } from '../../src/render/context.js';
import { composeEml } from '../../src/render/email/compose.js';
import { renderEmail } from '../../src/render/email/index.js';
import { emailSettings, TOKEN_PLACEHOLDER, type EmailSettings } from '../../src/render/email/sender.js';
import { maildirMessages, mboxMessages, readBounces, type BounceMatcher } from '../../src/send/bounces.js';
import { Journal } from '../../src/send/journal.js';
import { permanentAddressFailure, personalize, type UnsubscribeKeys } from '../../src/send/message.js';
import type { Recipient } from '../../src/send/recipients.js';
import { loadSuppressionList } from '../../src/send/recipients.js';
import { sendAll } from '../../src/send/send.js';
import { smtpTransport, type Transport } from '../../src/send/transport.js';
import { addressOfToken, appendToSuppressionList, journaledAddresses, unsubscribeKeys, unsubscribeToken } from '../../src/send/unsubscribe.js';
import { fixtureStatement, parseEml, projectContext, rawHeaders } from '../helpers/email.js';
import { outputOf } from '../helpers/render.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';
import { edition, VARIANT_NAMES } from '../helpers/variants.js';

/** Delivery status notifications as Postfix writes them, `{{token}}` and `{{address}}` filled in by each test. */
const BOUNCES = path.join(import.meta.dirname, 'fixtures', 'bounces');
const SECRET = 'test secret, long enough for tokens';
const ENV = { STATEMENTS_UNSUBSCRIBE_SECRET: SECRET };
const URL_TEMPLATE = 'https://lists.example.org/unsubscribe?t={token}';

let ctx: RenderContext;
let settings: EmailSettings;
let keys: UnsubscribeKeys;
const emails: Record<string, Buffer> = {};
let server: TestSmtpServer | undefined;
let transport: Transport | undefined;

beforeAll(async () => {
  const project = await projectContext();
  // The config as a coalition with a one-click page and a VERP return path writes it.
  ctx = { ...project, config: { ...project.config, email: { ...project.config.email, unsubscribeUrl: URL_TEMPLATE, returnPath: 'bounces+{token}@example.org' } } };
  settings = emailSettings(ctx.config, 'en');
  keys = unsubscribeKeys(ctx, settings, VARIANT_NAMES, ENV);
  const statement = await fixtureStatement();
  for (const variant of VARIANT_NAMES) emails[variant] = outputOf(await renderEmail(statement, edition(variant), ctx));
});

afterEach(async () => {
  await transport?.close();
  await server?.close();
  transport = undefined;
  server = undefined;
});

const recipients: Recipient[] = [
  { email: 'ana@example.net', name: 'Ana Pérez', variant: 'es', line: 2 },
  { email: 'Bob@Example.net', name: 'Bob', variant: 'en', line: 3 },
  { email: 'carol@example.net', variant: 'bilingual', line: 4 },
];

const tokenOf = (address: string) => unsubscribeToken(SECRET, settings.listId, address);

describe('the unsubscribe token', () => {
  it('is the same in List-Unsubscribe, the text part and the HTML part, differs between recipients, and never holds the address', async () => {
    server = await startSmtpServer();
    transport = await smtpTransport(server.url);
    const journal = Journal.inMemory();
    const report = await sendAll({ emails, recipients, suppressed: new Set(), settings, unsubscribe: keys, journal, transport, sendId: 'test' });
    expect(report.sent).toBe(3);
    const tokens = new Set<string>();
    for (const [index, received] of server.received.entries()) {
      const recipient = recipients[index]!;
      const token = tokenOf(recipient.email);
      tokens.add(token);
      const mail = await parseEml(received.raw);
      const header = rawHeaders(received.raw).find((line) => line.startsWith('List-Unsubscribe: ')) ?? '';
      const inHeader = /<https:\/\/lists\.example\.org\/unsubscribe\?t=([^>]+)>/.exec(header)?.[1];
      const inText = /unsubscribe\?t=([A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1];
      // Handlebars writes `=` in an attribute as `&#x3D;`, which a browser reads as `=`.
      const inHtml = /href="https:\/\/lists\.example\.org\/unsubscribe\?t=([A-Za-z0-9_-]+)"/.exec(String(mail.html).replaceAll('&#x3D;', '='))?.[1];
      expect([inHeader, inText, inHtml]).toEqual([token, token, token]);
      expect(rawHeaders(received.raw)).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
      // The VERP envelope sender the server saw carries the same token.
      expect(received.from).toBe(`bounces+${token}@example.org`);
      const local = recipient.email.split('@')[0]!.toLowerCase();
      expect(token.toLowerCase()).not.toContain(local);
      expect(header.toLowerCase()).not.toContain(recipient.email.toLowerCase());
      expect(received.raw.toString('latin1')).not.toContain(TOKEN_PLACEHOLDER);
    }
    expect(tokens.size).toBe(3);
    // The footer link is in the reader's language; the mailto subject agrees with the footer's words.
    const ana = await parseEml(server.received[0]!.raw);
    expect(ana.text).toMatch(/Darse de baja de esta lista:\s+https:\/\/lists\.example\.org\/unsubscribe\?t=/);
    expect(String(ana.html)).toContain('>Darse de baja de esta lista</a>');
    expect(rawHeaders(server.received[0]!.raw).find((line) => line.startsWith('List-Unsubscribe: '))).toContain('?subject=baja>');
  });

  it('is the same for an address in any case, and cannot be made without the secret', () => {
    expect(tokenOf('Bob@Example.net')).toBe(tokenOf('bob@example.net'));
    expect(unsubscribeToken('another secret entirely', settings.listId, 'bob@example.net')).not.toBe(tokenOf('bob@example.net'));
    expect(tokenOf('bob@example.net')).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('survives quoted-printable soft line breaks, base64 and 7bit, with long URLs and non-ASCII footers', async () => {
    const longUrl = `https://lists.example.org/${'a-very-long-path-segment/'.repeat(6)}unsubscribe?campaign=march&t=${TOKEN_PLACEHOLDER}&lang=es`;
    const bodies = {
      // Mostly Latin with accents: nodemailer picks quoted-printable and wraps at 76, through the placeholder.
      'quoted-printable': `Recibe este correo porque está en la lista de prensa. Darse de baja de esta lista: ${longUrl}\nÚltima línea.`,
      // Mostly Cyrillic: nodemailer picks base64.
      base64: `${'Вы получаете это письмо, потому что вы в списке прессы. '.repeat(8)}Отписаться: ${longUrl}`,
      '7bit': `Unsubscribe: https://x.example.org/u?t=${TOKEN_PLACEHOLDER}\n`,
    };
    for (const [encoding, text] of Object.entries(bodies)) {
      const eml = await composeEml(
        { subject: 'Subject', text, html: `<p>${text.replaceAll('&', '&amp;')} <a href="${longUrl.replaceAll('&', '&amp;')}">link</a></p>`, langs: ['es'] },
        { from: { name: 'Press', address: 'press@example.org' }, date: new Date(0), messageId: '<m@example.org>', feedbackId: 'test:es:press.example.org:example.org' },
      );
      expect(eml.toString('latin1'), encoding).toContain(`Content-Transfer-Encoding: ${encoding}`);
      const message = personalize(eml, recipients[0]!, settings, { messageId: '<x@example.org>', date: new Date(0), unsubscribe: keys });
      const mail = await parseEml(message.raw);
      const expected = text.replaceAll(TOKEN_PLACEHOLDER, tokenOf('ana@example.net'));
      expect(mail.text?.replace(/\r\n/g, '\n').trimEnd()).toBe(expected.trimEnd());
      expect(String(mail.html)).toContain(`href="${longUrl.replace(TOKEN_PLACEHOLDER, tokenOf('ana@example.net')).replaceAll('&', '&amp;')}"`);
      expect(message.raw.toString('latin1').split('\r\n').every((line) => line.length <= 998)).toBe(true);
    }
  });

  it('needs the secret: without it, or with a short one, the send stops before it starts, saying what to set', () => {
    const problem = (env: NodeJS.ProcessEnv) => {
      try {
        unsubscribeKeys(ctx, settings, VARIANT_NAMES, env);
      } catch (error) {
        return (error as DiagnosticsError).diagnostics.map(formatDiagnostic);
      }
      return [];
    };
    expect(problem({})).toEqual([expect.stringMatching(/^publisher\.yaml: error: `email\.unsubscribeUrl` or `email\.returnPath` uses \{token\}, but STATEMENTS_UNSUBSCRIBE_SECRET is not set.*openssl rand -base64 32.*\[unsubscribe-secret\]$/)]);
    expect(problem({ STATEMENTS_UNSUBSCRIBE_SECRET: 'short' })).toEqual([expect.stringMatching(/STATEMENTS_UNSUBSCRIBE_SECRET is only 5 characters long/)]);
    // Without a one-click page or VERP, no token is made and no secret is needed.
    const plain = emailSettings({ ...ctx.config, email: { ...ctx.config.email, unsubscribeUrl: undefined, returnPath: undefined } }, 'en');
    expect(unsubscribeKeys(ctx, plain, VARIANT_NAMES, {}).secret).toBeUndefined();
  });
});

describe('finding the address of a token', () => {
  it('finds the address among those the journals record, and refuses a tampered token', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'statements-unsubscribe-'));
    await mkdir(path.join(dir, 'slug'));
    const journal = Journal.open(path.join(dir, 'slug', 'list.jsonl'));
    journal.append({ type: 'sent', at: '2026-03-03T09:00:00Z', email: 'Ana@Example.net', messageId: '<a@x>', response: '250' });
    journal.append({ type: 'failed', at: '2026-03-03T09:00:01Z', email: 'bob@example.net', permanent: true, reason: '550 5.1.1' });
    // Read while the send still holds the journal's lock.
    const addresses = journaledAddresses(dir);
    journal.close();
    expect([...addresses].sort()).toEqual(['ana@example.net', 'bob@example.net']);
    const token = tokenOf('ana@example.net');
    expect(addressOfToken(token, SECRET, settings.listId, addresses)).toBe('ana@example.net');
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(addressOfToken(tampered, SECRET, settings.listId, addresses)).toBeUndefined();
    expect(addressOfToken(token.slice(0, 10), SECRET, settings.listId, addresses)).toBeUndefined();
    expect(addressOfToken(token, SECRET, '<other.example.org>', addresses)).toBeUndefined();
  });
});

describe('adding to the suppression list', () => {
  it('creates the file, adds each address once, and keeps a spreadsheet export a spreadsheet', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'statements-suppress-'));
    const plain = path.join(dir, 'unsubscribed.txt');
    expect(appendToSuppressionList(plain, ['Ana@Example.net'])).toEqual(['ana@example.net']);
    expect(appendToSuppressionList(plain, ['ana@example.net', 'bob@example.net'])).toEqual(['bob@example.net']);
    expect(await readFile(plain, 'utf8')).toBe('ana@example.net\nbob@example.net\n');
    const csv = path.join(dir, 'export.csv');
    await writeFile(csv, 'name;email;since\nDan;dan@example.net;2026-01-01');
    expect(appendToSuppressionList(csv, ['eve@example.net'])).toEqual(['eve@example.net']);
    expect(await readFile(csv, 'utf8')).toBe('name;email;since\nDan;dan@example.net;2026-01-01\n;eve@example.net;\n');
    const read = loadSuppressionList('export.csv', await readFile(csv, 'utf8'));
    expect(read.ok && [...read.value].sort()).toEqual(['dan@example.net', 'eve@example.net']);
  });

  it('adds a refusal during a send only when it is about the address, not when a relay refuses to relay', () => {
    expect(permanentAddressFailure('550 5.1.1 <x@example.net>: Recipient address rejected: User unknown')).toBe(true);
    expect(permanentAddressFailure('550 5.2.1 Mailbox disabled')).toBe(true);
    expect(permanentAddressFailure('554 5.7.1 <x@example.net>: Relay access denied')).toBe(false);
    expect(permanentAddressFailure('550 No such user here')).toBe(false);
  });
});

describe('reading bounces', () => {
  const fixture = async (name: string, address: string) => (await readFile(path.join(BOUNCES, `${name}.eml`), 'utf8')).replaceAll('{{token}}', tokenOf(address)).replaceAll('{{address}}', address);
  const known = new Set(['ana@example.net', 'bob@example.net', 'carol@example.net']);
  const matcher: BounceMatcher = { byToken: (token) => [...known].find((address) => tokenOf(address).toLowerCase() === token.toLowerCase()), known, returnPath: 'bounces+{token}@example.org' };

  it('counts hard, soft and other mail in a maildir, and names the hard bounce by its VERP token', async () => {
    const maildir = await mkdtemp(path.join(tmpdir(), 'statements-maildir-'));
    for (const folder of ['new', 'cur', 'tmp']) await mkdir(path.join(maildir, folder));
    // The report names only the address it was forwarded to: the token decides.
    await writeFile(path.join(maildir, 'new', '1.hard'), (await fixture('hard', 'ana@example.net')).replace(/rfc822; ?ana@example\.net/g, 'rfc822; ana.forward@example.com'));
    await writeFile(path.join(maildir, 'new', '2.soft'), await fixture('soft', 'bob@example.net'));
    await writeFile(path.join(maildir, 'cur', '3.other:2,S'), await fixture('autoreply', 'carol@example.net'));
    const report = await readBounces(maildirMessages(maildir), matcher);
    expect(report).toEqual({ read: 3, hard: 1, soft: 1, other: 1, unmatched: [], hardAddresses: ['ana@example.net'] });
  });

  it('falls back on Original- and Final-Recipient without VERP, and reports a bounce for no known address as unmatched', async () => {
    const mbox = path.join(await mkdtemp(path.join(tmpdir(), 'statements-mbox-')), 'bounces.mbox');
    const hardForCarol = (await fixture('hard', 'carol@example.net')).replaceAll(`bounces+${tokenOf('carol@example.net')}@`, 'bounces@');
    const hardForStranger = await fixture('hard', 'stranger@example.com');
    await writeFile(mbox, [hardForCarol, hardForStranger].map((message) => `From MAILER-DAEMON Tue Mar  3 09:00:05 2026\n${message.replace(/^From /gm, '>From ')}\n`).join(''));
    const report = await readBounces(mboxMessages(mbox), { ...matcher, returnPath: 'bounces@example.org' });
    expect(report).toMatchObject({ read: 2, hard: 2, soft: 0, other: 0, hardAddresses: ['carol@example.net'], unmatched: [`${mbox} message 2`] });
  });

  it('with a VERP return path, a report without a token of ours suppresses nobody (anyone can mail a forged one)', async () => {
    const mbox = path.join(await mkdtemp(path.join(tmpdir(), 'statements-mbox-')), 'bounces.mbox');
    const forged = (await fixture('hard', 'carol@example.net')).replaceAll(`bounces+${tokenOf('carol@example.net')}@`, 'bounces+forged@');
    await writeFile(mbox, `From MAILER-DAEMON Tue Mar  3 09:00:05 2026\n${forged.replace(/^From /gm, '>From ')}\n`);
    const report = await readBounces(mboxMessages(mbox), matcher);
    expect(report).toMatchObject({ read: 1, hard: 1, hardAddresses: [], unmatched: [`${mbox} message 1`] });
  });
});
