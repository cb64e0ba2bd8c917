import { beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../src/model/diagnostic.js';
import { outputOf } from '../../helpers/render.js';
import type { Statement } from '../../../src/model/statement.js';
import { edition, VARIANT_NAMES } from '../../helpers/variants.js';
import type { RenderContext } from '../../../src/render/context.js';
import { composeEml, headerValue, HeaderInjectionError } from '../../../src/render/email/compose.js';
import { renderEmail } from '../../../src/render/email/index.js';
import { fixtureEmails, parseEml, rawHeaders } from '../../helpers/email.js';

let ctx: RenderContext;
let statement: Statement;
let eml: (variant: string) => Buffer;

beforeAll(async () => {
  ({ ctx, statement, eml } = await fixtureEmails());
});

describe.each(VARIANT_NAMES)('%s.eml', (variant) => {
  it('is multipart/alternative with a text part and an HTML part that a real parser reads', async () => {
    const mail = await parseEml(eml(variant));
    expect(mail.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
    expect(mail.text).toContain(statement.text[variant === 'bilingual' ? 'en' : variant]!.title);
    expect(mail.html).toContain('<table role="presentation"');
  });

  it('has From, Reply-To, Date from the statement and a Message-ID', async () => {
    const mail = await parseEml(eml(variant));
    expect(mail.from?.value).toEqual([{ name: variant === 'es' ? 'Coalición por los Ríos y las Comunidades' : 'Coalition for Rivers and Communities', address: 'press@example.org' }]);
    expect(mail.replyTo?.value[0]?.address).toBe('press@example.org');
    expect(mail.date?.toISOString()).toBe('2017-12-04T12:00:00.000Z');
    expect(mail.messageId).toMatch(new RegExp(`^<[0-9a-f]{32}\\.${variant}\\.complete-statement@example\\.org>$`));
    expect(mail.to).toBeUndefined();
  });

  it('has no line over 998 bytes, CRLF line ends and an ASCII-only header section', () => {
    const text = eml(variant).toString('latin1');
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'latin1')).toBeLessThanOrEqual(998);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const head = text.slice(0, text.indexOf('\r\n\r\n'));
    expect(head).toMatch(/^[\x20-\x7e\r\n\t]*$/);
  });

  it('is the same bytes every time it is built', async () => {
    expect(outputOf(await renderEmail(statement, edition(variant), ctx)).equals(eml(variant))).toBe(true);
  });

  it('inlines every style; a <style> block keeps only media queries', async () => {
    const html = (await parseEml(eml(variant))).html as string;
    const styleBlocks = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((match) => match[1] ?? '');
    for (const css of styleBlocks) expect(css.trim()).toMatch(/^@media[^{]+\{[\s\S]*\}$/);
    expect(html).toMatch(/<td class="section"[^>]*style="[^"]*padding/);
    expect(html).toMatch(/max-width: 600px/);
    expect(html).not.toMatch(/var\(--/);
  });

  it('makes every link absolute (or an in-page anchor) and marks languages', async () => {
    const html = (await parseEml(eml(variant))).html as string;
    const urls = [...html.matchAll(/\b(?:href|src)="([^"]*)"/g)].map((match) => match[1] ?? '');
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url).toMatch(/^(https:\/\/|mailto:|tel:|#)/);
    expect(html).toContain(`href="https://statements.example.org/complete-statement/${variant === 'bilingual' ? 'en' : variant}.html"`);
    expect(html).toMatch(/<html lang="(en|es)"/);
    expect(html).toMatch(/<td class="section" lang="(en|es)"/);
  });

  it('opens with a hidden preheader taken from the summary', async () => {
    const html = (await parseEml(eml(variant))).html as string;
    const lang = variant === 'es' ? 'es' : 'en';
    expect(html).toMatch(new RegExp(`<div class="preheader"[^>]*display: none[^>]*>${statement.text[lang]!.summary?.slice(0, 20)}`));
  });

  it('has a plain text part with numbered links, signatories and contacts, and no HTML residue', async () => {
    const text = (await parseEml(eml(variant))).text as string;
    expect(text).toMatch(/\[1\] https:\/\/example\.org\//);
    expect(text).toContain('Zeta Network, Inc. (Łódź, Polska)');
    expect(text).toContain('Ana Fixture, Test Alliance');
    expect(text).not.toMatch(/<\/?[a-z][^>]*>/i);
    for (const line of text.split('\n')) {
      // Only a single unbreakable word (a URL) may run past the wrap width.
      if ([...line].length > 72) expect(line.trim()).not.toContain(' ');
    }
  });
});

describe('subjects', () => {
  it('encodes a non-ASCII subject per RFC 2047 and decodes back to the title', async () => {
    const raw = rawHeaders(eml('es')).find((line) => line.startsWith('Subject:')) ?? '';
    expect(raw).toMatch(/=\?UTF-8\?[QB]\?/i);
    expect((await parseEml(eml('es'))).subject).toBe(statement.text.es!.title);
  });

  it('joins both titles in the bilingual subject', async () => {
    expect((await parseEml(eml('bilingual'))).subject).toBe(`${statement.text.en!.title} / ${statement.text.es!.title}`);
  });

  it('follows email.bilingualSubject when configured', async () => {
    const config = { ...ctx.config, email: { ...ctx.config.email!, bilingualSubject: '[Press] {es} | {en}' } };
    const mail = await parseEml(outputOf(await renderEmail(statement, edition('bilingual'), { ...ctx, config })));
    expect(mail.subject).toBe(`[Press] ${statement.text.es!.title} | ${statement.text.en!.title}`);
  });
});

describe('the bilingual email', () => {
  it('opens with a "Versión en español abajo" link to the Spanish half', async () => {
    const mail = await parseEml(eml('bilingual'));
    const html = mail.html as string;
    expect(html).toMatch(/<a href="#es"[^>]*>Versión en español abajo<\/a>/);
    expect(html).toMatch(/<td class="section" lang="es" id="es"/);
    expect(html.indexOf('id="en"')).toBeLessThan(html.indexOf('id="es"'));
    expect((mail.text as string).split('\n')).toContain('Versión en español abajo');
    expect(mail.headers.get('content-language')).toBe('en, es');
  });
});

describe('header injection', () => {
  it('refuses a title with a line break, pointing at the line that wrote it', async () => {
    const evil: Statement = { ...statement, text: { ...statement.text, en: { ...statement.text.en!, title: 'Title\r\nBcc: victim@example.net' } } };
    const refused = await renderEmail(evil, edition('en'), ctx);
    expect(refused.output).toBeUndefined();
    expect(refused.diagnostics.map(formatDiagnostic).join('\n')).toMatch(/en\.md:2:9: error: the title becomes the email subject and must be on one line.*\[email-header\]/);
    expect((await renderEmail(evil, edition('bilingual'), ctx)).output).toBeUndefined();
    expect(outputOf(await renderEmail(evil, edition('es'), ctx))).toBeInstanceOf(Buffer);
  });

  it('refuses a config value with a line break instead of folding it into a new header', async () => {
    const config = { ...ctx.config, email: { ...ctx.config.email!, fromName: 'Press\nBcc: victim@example.net' } };
    await expect(renderEmail(statement, edition('en'), { ...ctx, config })).rejects.toBeInstanceOf(HeaderInjectionError);
  });

  it('refuses any header value with CR, LF or NUL', async () => {
    expect(() => headerValue('Subject', 'a\nb')).toThrow(/Subject must be one line of text, but it contains a line break/);
    expect(() => headerValue('Subject', 'a\rb')).toThrow(HeaderInjectionError);
    const content = { subject: 'ok', text: 'x', html: '<p>x</p>', langs: ['en' as const] };
    await expect(composeEml(content, { from: { name: 'n', address: 'a@b.example' }, replyTo: 'x@y.example\r\nBcc: z@w.example', date: new Date(0), messageId: '<a@b>', feedbackId: 'a:b:c:d' })).rejects.toThrow(/Reply-To/);
  });
});
