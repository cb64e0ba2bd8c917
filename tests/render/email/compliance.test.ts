import { deflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { languageSettings } from '../../../src/model/config.js';
import type { Statement } from '../../../src/model/statement.js';
import type { RenderContext } from '../../../src/render/context.js';
import { renderEmail } from '../../../src/render/email/index.js';
import { lighten } from '../../../src/render/email/htmlPart.js';
import { pixelSize } from '../../../src/render/email/pixelSize.js';
import { emailSettings } from '../../../src/render/email/sender.js';
import { statementOutputs } from '../../../src/render/index.js';
import { personalize } from '../../../src/send/message.js';
import { unsubscribeKeys } from '../../../src/send/unsubscribe.js';
import { outputOf } from '../../helpers/render.js';
import { edition, VARIANT_NAMES } from '../../helpers/variants.js';
import { fixtureEmails, parseEml, rawHeaders } from '../../helpers/email.js';

let ctx: RenderContext;
let statement: Statement;
let eml: (variant: string) => Buffer;

beforeAll(async () => {
  ({ ctx, statement, eml } = await fixtureEmails());
});

/** The context with some `email` settings replaced. */
function withEmail(settings: Partial<RenderContext['config']['email']>): RenderContext {
  return { ...ctx, config: { ...ctx.config, email: { ...ctx.config.email, ...settings } } };
}

async function htmlOf(bytes: Buffer): Promise<string> {
  return (await parseEml(bytes)).html as string;
}

/** A 1×1 PNG header claiming `width` × `height`: enough for its size to be read. */
function pngOfSize(width: number, height: number): Uint8Array {
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'latin1');
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  ihdr.set([8, 2, 0, 0, 0], 16);
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ihdr, deflateSync(Buffer.alloc(1))]));
}

describe('headers for bulk mail', () => {
  it.each(VARIANT_NAMES)('%s.eml has Precedence: bulk and a Feedback-ID naming statement, edition, list and sender, in ASCII', (variant) => {
    const headers = rawHeaders(eml(variant));
    expect(headers).toContain('Precedence: bulk');
    expect(headers).toContain(`Feedback-ID: complete-statement:${variant}:press.statements.example.org:example.org`);
  });

  it('keeps both headers, once each, in the message as sent to a recipient', () => {
    const settings = emailSettings(ctx.config, 'es');
    const unsubscribe = unsubscribeKeys(ctx, settings, VARIANT_NAMES, {});
    const sent = personalize(eml('es'), { email: 'lucia@example.net', name: 'Lucía', variant: 'es', line: 2 }, settings, { messageId: '<x@example.org>', date: new Date(0), unsubscribe });
    const headers = rawHeaders(sent.raw);
    expect(headers.filter((header) => header.startsWith('Precedence:'))).toEqual(['Precedence: bulk']);
    expect(headers.filter((header) => header.startsWith('Feedback-ID:'))).toHaveLength(1);
    expect(headers.find((header) => header.startsWith('To:'))).toMatch(/<lucia@example\.net>$/);
  });

  it('takes the sender part of Feedback-ID from email.feedbackId and the list from email.listId', async () => {
    const bytes = outputOf(await renderEmail(statement, edition('en'), withEmail({ feedbackId: 'rivers-coalition', listId: 'Press <press.rivers.example>' })));
    expect(rawHeaders(bytes)).toContain('Feedback-ID: complete-statement:en:press.rivers.example:rivers-coalition');
  });
});

describe('From: the sender name of each edition', () => {
  it('is the publisher’s name in the edition’s first language by default, RFC 2047 encoded when not ASCII', async () => {
    const names = { en: 'Coalition for Rivers and Communities', es: 'Coalición por los Ríos y las Comunidades', bilingual: 'Coalition for Rivers and Communities' };
    for (const variant of VARIANT_NAMES) {
      const mail = await parseEml(eml(variant));
      expect(mail.from?.value).toEqual([{ name: names[variant as keyof typeof names], address: 'press@example.org' }]);
    }
    expect(rawHeaders(eml('es')).find((header) => header.startsWith('From:'))).toMatch(/^From: =\?UTF-8\?Q\?Coalici=C3=B3n/);
  });

  it('is email.fromName in the edition’s first language when given per language, or the one name given', async () => {
    const perLanguage = withEmail({ fromName: { en: 'Rivers Press Office', es: 'Oficina de prensa de los Ríos' } });
    const names = { en: 'Rivers Press Office', es: 'Oficina de prensa de los Ríos', bilingual: 'Rivers Press Office' };
    for (const variant of VARIANT_NAMES) {
      const mail = await parseEml(outputOf(await renderEmail(statement, edition(variant), perLanguage)));
      expect(mail.from?.value[0]?.name).toBe(names[variant as keyof typeof names]);
    }
    const mail = await parseEml(outputOf(await renderEmail(statement, edition('es'), withEmail({ fromName: 'Rivers Press Office' }))));
    expect(mail.from?.value[0]?.name).toBe('Rivers Press Office');
  });
});

describe('the postal address', () => {
  it.each(VARIANT_NAMES)('is in the footer of both parts of %s.eml', async (variant) => {
    const mail = await parseEml(eml(variant));
    const address = '100 River Street, Springfield, USA';
    const footer = (mail.text as string).split('\n-- \n')[1]!.replace(/\s+/g, ' ');
    expect(footer).toMatch(new RegExp(`${address} $`));
    expect(mail.html).toMatch(new RegExp(`<td class="footer"[\\s\\S]*<p class="postal-address"[^>]*>[^<]*${address}</p>`));
  });

  it('is written in each language of a pair when it differs by language, once when it does not', async () => {
    const perLanguage = withEmail({ postalAddress: { en: 'Calle 1, Madrid, Spain', es: 'Calle 1, Madrid, España' } });
    const text = (await parseEml(outputOf(await renderEmail(statement, edition('bilingual'), perLanguage)))).text as string;
    expect(text).toContain('Calle 1, Madrid, Spain');
    expect(text).toContain('Calle 1, Madrid, España');
    // The publisher's name differs by language here, so each line is written.
    expect((await htmlOf(eml('bilingual'))).match(/class="postal-address"/g)).toHaveLength(2);
    const oneName = { ...ctx, config: { ...ctx.config, name: 'Rivers', email: { ...ctx.config.email, postalAddress: 'Calle 1' } } };
    expect((await htmlOf(outputOf(await renderEmail(statement, edition('bilingual'), oneName)))).match(/class="postal-address"/g)).toHaveLength(1);
  });
});

describe('the top of the message', () => {
  it.each(VARIANT_NAMES)('%s.eml opens with View online · PDF linking to that edition’s page and PDF, which the build writes', async (variant) => {
    const built = new Set(statementOutputs(statement, languageSettings(ctx.config)).map((output) => `${statement.slug}/${output.file}`));
    const html = await htmlOf(eml(variant));
    const top = /<td class="edition-links"[^>]*>(.*?)<\/td>/.exec(html)?.[1] ?? '';
    const links = [...top.matchAll(/<a href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((match) => ({ url: match[1]!, label: match[2]! }));
    expect(links.map((link) => link.label)).toEqual(variant === 'es' ? ['Ver en la web', 'PDF'] : ['View online', 'PDF']);
    const [online, pdf] = links.map((link) => new URL(link.url, ctx.config.baseUrl));
    const file = (url: URL) => url.pathname.slice(1).replace(/\/$/, '/index.html');
    expect(built).toContain(file(online!));
    expect(built).toContain(file(pdf!));
    expect(file(pdf!)).toBe(`${statement.slug}/${variant}.pdf`);
    expect(html.indexOf('class="edition-links"')).toBeLessThan(html.indexOf('class="masthead"'));
    const text = (await parseEml(eml(variant))).text as string;
    expect(text.split('\n').slice(0, 2)).toEqual([`${links[0]!.label}: ${online!.href}`, `PDF: ${pdf!.href}`]);
  });

  it('has the media contacts before the statement, in the edition’s first language, and not again after it', async () => {
    const mail = await parseEml(eml('bilingual'));
    const html = mail.html as string;
    expect(html.indexOf('Media contacts')).toBeGreaterThan(-1);
    expect(html.indexOf('ana@test.example.org')).toBeLessThan(html.indexOf('class="section"'));
    expect(html.match(/mailto:ana@test\.example\.org/g)).toHaveLength(1);
    const text = mail.text as string;
    expect(text.indexOf('Media contacts')).toBeLessThan(text.indexOf('EMBARGOED'));
    expect(text).not.toContain('Contactos de prensa');
  });

  it('leaves the links out under embargo, when neither the page nor the PDF is published yet', async () => {
    const embargoed: Statement = { ...statement, underEmbargo: { until: '2099-01-01T09:00:00Z', timezone: 'UTC' } };
    const mail = await parseEml(outputOf(await renderEmail(embargoed, edition('en'), ctx)));
    expect(mail.html).not.toContain('class="edition-links"');
    expect(mail.text).not.toMatch(/^View online/);
  });
});

describe('Outlook', () => {
  it.each(VARIANT_NAMES)('%s.eml has the MSO head block, numeric image sizes and mso-line-height-rule wherever line-height is set', async (variant) => {
    const html = await htmlOf(eml(variant));
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).toMatch(/<!--\[if mso\]>.*<o:OfficeDocumentSettings>.*<o:PixelsPerInch>96<\/o:PixelsPerInch>.*<!\[endif\]-->/);
    expect(html).toContain('xmlns:o="urn:schemas-microsoft-com:office:office"');
    expect(html).not.toMatch(/(?:width|height)="auto"/);
    for (const image of html.match(/<img[^>]*>/g) ?? []) expect(image).toMatch(/\swidth="\d+"/);
    for (const style of html.match(/style="[^"]*line-height[^"]*"/g) ?? []) expect(style).toMatch(/mso-line-height-rule: exactly; line-height/);
  });

  it('puts padding and borders on table cells only', async () => {
    const html = await htmlOf(eml('bilingual'));
    for (const match of html.matchAll(/<(\w+)[^>]*style="([^"]*)"/g)) {
      const [, tag, style] = match;
      const boxed = style!.split(';').some((declaration) => {
        const [property = '', value = ''] = declaration.split(':').map((part) => part.trim());
        return /^(padding|border)/.test(property) && property !== 'border-collapse' && !/^0(px)?( 0(px)?)*$/.test(value);
      });
      if (boxed) expect(`${tag}: ${style}`).toMatch(/^(td|th):/);
    }
  });

  it('gives a PNG logo its width from its proportions at 48 px high', async () => {
    const config = { ...ctx.config, logo: 'logo.png', logoPath: '/project/logo.png', logoBytes: pngOfSize(300, 100) };
    const html = await htmlOf(outputOf(await renderEmail(statement, edition('en'), { ...ctx, config })));
    expect(html).toMatch(/<img class="logo" src="https:\/\/statements\.example\.org\/assets\/logo\.png" alt="[^"]+" width="144" height="48"/);
  });
});

describe('preheader and dark mode', () => {
  it.each(VARIANT_NAMES)('%s.eml has a hidden preheader in no colour of its own, followed by an invisible spacer', async (variant) => {
    const html = await htmlOf(eml(variant));
    const preheader = /<div class="preheader"[^>]*style="([^"]*)"[^>]*>([^<]*)<\/div>/.exec(html);
    expect(preheader?.[1]).toContain('display: none');
    // A colour near the background's is what SpamAssassin's HTML_FONT_LOW_CONTRAST scores.
    expect(preheader?.[1]).not.toMatch(/(^|;)\s*color:/);
    expect(preheader?.[2]).toMatch(/^[^&]+\.(&#847;&zwnj;&nbsp;){40,}$/);
  });

  it.each(VARIANT_NAMES)('%s.eml declares light and dark colour schemes and restyles for dark', async (variant) => {
    const html = await htmlOf(eml(variant));
    expect(html).toContain('<meta name="color-scheme" content="light dark">');
    expect(html).toContain('<meta name="supported-color-schemes" content="light dark">');
    expect(html).toMatch(/<style>[\s\S]*@media \(prefers-color-scheme: dark\) \{[\s\S]*\.container \{\s*background-color: #1c1f24 !important;/);
    expect(html).toMatch(/<body[^>]*style="[^"]*color-scheme: light dark/);
  });

  it('lightens the brand colour for dark backgrounds', () => {
    expect(lighten('#1f4e79', 0.55)).toBe('#9aafc3');
    expect(lighten('#000', 0.5)).toBe('#808080');
  });
});

describe('pixelSize', () => {
  it('reads a PNG’s and a JPEG’s size, and nothing else', () => {
    expect(pixelSize(pngOfSize(640, 200))).toEqual({ width: 640, height: 200 });
    // SOI, an APP0 segment of 16 bytes, then a baseline frame header: 8 bits, 120 high, 320 wide.
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...new Array<number>(14).fill(0), 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x78, 0x01, 0x40, 0x03]);
    expect(pixelSize(jpeg)).toEqual({ width: 320, height: 120 });
    expect(pixelSize(new TextEncoder().encode('<svg/>'))).toBeUndefined();
    // A header that says 0 gives no proportions (the logo's width would be Infinity).
    expect(pixelSize(pngOfSize(640, 0))).toBeUndefined();
  });
});
