import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, type LoadConfigOptions } from '../../src/load/config.js';
import { languageSettings } from '../../src/model/config.js';
import { formatDiagnostic } from '../../src/model/diagnostic.js';
import { PROJECT_ROOT } from '../helpers/cli.js';

async function configErrors(text: string): Promise<string[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'statements-config-'));
  await writeFile(path.join(dir, 'publisher.yaml'), text);
  const { value, diagnostics } = await loadConfig(path.join(dir, 'publisher.yaml'));
  expect(value).toBeUndefined();
  return diagnostics.map((d) => formatDiagnostic(d).replace(/^.*publisher\.yaml/, 'publisher.yaml'));
}

const VALID = 'name: Coalition\nbaseUrl: https://example.org\nemail:\n  from: press@example.org\n';

describe('loadConfig', () => {
  it('loads the repository’s publisher.yaml with defaults filled in', async () => {
    const { value, diagnostics } = await loadConfig(path.join(PROJECT_ROOT, 'publisher.yaml'));
    expect(diagnostics).toEqual([]);
    expect(value?.name).toEqual({ en: 'Coalition for Rivers and Communities', es: 'Coalición por los Ríos y las Comunidades' });
    expect(value?.logoPath).toBe(path.join(PROJECT_ROOT, 'assets/logo.svg'));
    expect(value?.baseUrl).toBe('https://statements.example.org/');
    expect(value?.pdf.layout).toBe('parallel');
  });

  it('names the missing fields and how to add them', async () => {
    expect(await configErrors('name: Coalition\n')).toEqual([
      expect.stringMatching(/^publisher\.yaml:1:1: error: missing required field `baseUrl`: add `baseUrl: https:\/\/…\/`/),
      expect.stringMatching(/^publisher\.yaml:1:1: error: missing required field `email`: add `email:` with `from: press@your-domain\.org`/),
    ]);
  });

  it('refuses values that would be unsafe in a page or a header', async () => {
    expect(await configErrors(`${VALID}colors:\n  primary: "red;}</style><script>"\n`)).toEqual([
      expect.stringMatching(/^publisher\.yaml:6:12: error: `colors.primary` must be a hex colour/),
    ]);
    expect(await configErrors(VALID.replace('https://example.org', 'javascript:alert(1)'))).toEqual([
      expect.stringMatching(/^publisher\.yaml:2:10: error: `baseUrl` must be a full http:\/\/ or https:\/\/ address/),
    ]);
    expect(await configErrors(VALID.replace('press@example.org', '"press@example.org\\nBcc: all@example.org"'))).toEqual([
      expect.stringMatching(/^publisher\.yaml:4:9: error: `email.from` must be one email address/),
    ]);
  });

  it('points at a colour that `#` turned into a comment, and says to quote it', async () => {
    expect(await configErrors(`${VALID}colors:\n  primary: #1f4e79\n`)).toEqual([
      'publisher.yaml:6:12: error: `colors.primary` is empty: `#` starts a YAML comment, so "#1f4e79" is not its value; put the value in quotes: `primary: "#1f4e79"` [config]',
    ]);
  });

  it('suggests quoting only the colour when a comment follows it (quoting the comment too would not be a colour)', async () => {
    expect(await configErrors(`${VALID}colors:\n  accent: #b5462b # the accent\n`)).toEqual([
      'publisher.yaml:6:11: error: `colors.accent` is empty: `#` starts a YAML comment, so "#b5462b" is not its value; put the value in quotes: `accent: "#b5462b"` [config]',
    ]);
  });

  it('refuses, at its line, any value that becomes an email header and holds a line break, a space or a control character', async () => {
    const email = (line: string) => configErrors(VALID.replace('  from: press@example.org\n', `  from: press@example.org\n${line}\n`));
    expect(await email('  unsubscribeUrl: "https://example.org/u?t={token}\\nBcc: all@example.org"')).toEqual([
      expect.stringMatching(/^publisher\.yaml:5:19: error: `email\.unsubscribeUrl` must be one web address, without spaces or line breaks/),
    ]);
    expect(await email('  unsubscribeUrl: https://example.org/unsubscribe me?t={token}')).toEqual([expect.stringMatching(/^publisher\.yaml:5:19: error: `email\.unsubscribeUrl` must be one web address/)]);
    expect(await email('  unsubscribeUrl: "https://example.org/u\\x00{token}"')).toEqual([expect.stringMatching(/^publisher\.yaml:5:19: error: `email\.unsubscribeUrl` contains a NUL character/)]);
    expect(await email('  unsubscribeUrl: https://example.org/u?t=<{token}>')).toEqual([expect.stringMatching(/^publisher\.yaml:5:19: error: `email\.unsubscribeUrl` must not contain <, > or "/)]);
    expect(await email('  fromName: "Press\\rBcc: all@example.org"')).toEqual([expect.stringMatching(/^publisher\.yaml:5:13: error: `email\.fromName` must be on one line/)]);
    expect(await email('  bilingualSubject: "{en} \\e[2J {es}"')).toEqual([expect.stringMatching(/^publisher\.yaml:5:21: error: `email\.bilingualSubject` contains an escape character \(U\+001B\)/)]);
  });

  it('takes fromName and postalAddress once or per language, every configured language and only those', async () => {
    const email = (lines: string) => configErrors(VALID.replace('  from: press@example.org\n', `  from: press@example.org\n${lines}\n`));
    expect(await email('  fromName: { en: Rivers }')).toEqual([
      expect.stringMatching(/^publisher\.yaml:5:13: error: `email\.fromName` has no sender name for `es`: add `es: …` under `fromName`, or give one sender name for every language \[config\]$/),
    ]);
    expect(await email('  postalAddress: { en: Calle 1, es: Calle 1, pt: Rua 1 }')).toEqual([
      expect.stringMatching(/^publisher\.yaml:5:\d+: error: `email\.postalAddress\.pt` is for `pt`, which `languages` does not list: remove it, or add the language \[config\]$/),
    ]);
    expect(await email('  feedbackId: "rivers:press"')).toEqual([expect.stringMatching(/^publisher\.yaml:5:15: error: `email\.feedbackId` must be letters, digits, dots, hyphens or underscores/)]);
  });
});

describe('unsubscribe settings', () => {
  const withLine = (line: string) => VALID.replace('  from: press@example.org\n', `  from: press@example.org\n${line}\n`);
  const email = (line: string) => configErrors(withLine(line));
  const loadValid = async (line: string) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'statements-config-'));
    await writeFile(path.join(dir, 'publisher.yaml'), withLine(line));
    const { value, diagnostics } = await loadConfig(path.join(dir, 'publisher.yaml'));
    expect(diagnostics).toEqual([]);
    return value!;
  };

  it('refuses an unsubscribe link with the address in it, and one without the token', async () => {
    expect(await email('  unsubscribeUrl: https://example.org/u?e={email}')).toEqual([
      expect.stringMatching(/^publisher\.yaml:5:19: error: `email\.unsubscribeUrl` must not contain `\{email\}`: an address in the link lets anyone unsubscribe anyone whose address they know\. Write `\{token\}` instead/),
    ]);
    expect(await email('  unsubscribeUrl: https://example.org/unsubscribe')).toEqual([expect.stringMatching(/^publisher\.yaml:5:19: error: `email\.unsubscribeUrl` must contain `\{token\}`/)]);
    expect((await loadValid('  unsubscribeUrl: https://example.org/u?t={token}')).email.unsubscribeUrl).toBe('https://example.org/u?t={token}');
  });

  it('takes a return path with the token before the @ only', async () => {
    expect((await loadValid('  returnPath: bounces+{token}@example.org')).email.returnPath).toBe('bounces+{token}@example.org');
    expect(await email('  returnPath: bounces@{token}.example.org')).toEqual([expect.stringMatching(/^publisher\.yaml:5:15: error: `email\.returnPath` must be one email address/)]);
  });
});

/** A PNG of `width` × `height` pixels of colour type `colorType` (2: RGB, 6: RGB with transparency), its image data as given (CRCs left at zero: no reader here checks them). */
function png(width: number, height: number, colorType: number, imageData: Buffer, { idatLength = imageData.length } = {}): Buffer {
  const chunk = (type: string, data: Buffer, length = data.length) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(length);
    head.write(type, 4, 'latin1');
    return Buffer.concat([head, data, Buffer.alloc(4)]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8);
  header.writeUInt8(colorType, 9);
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', imageData, idatLength), chunk('IEND', Buffer.alloc(0))]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Rows of 4 × 4 pixels, each row a filter byte then the pixels, for colour type 2 (3 bytes a pixel) or 6 (4). */
const pixels = (bytesPerPixel: number) => Buffer.concat(Array.from({ length: 4 }, () => Buffer.from([0, ...Array.from({ length: 4 * bytesPerPixel }, () => 128)])));

describe('the logo', () => {
  const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  const JPEG = Buffer.from('/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=', 'base64');
  const NS = 'xmlns="http://www.w3.org/2000/svg"';

  /** Load a config naming `logo`, with `files` written beside it; the diagnostics, paths made relative. */
  async function logoDiagnostics(logo: string, files: Record<string, string | Buffer>, options?: LoadConfigOptions): Promise<{ loaded: boolean; messages: string[] }> {
    const dir = await mkdtemp(path.join(tmpdir(), 'statements-logo-'));
    await mkdir(path.join(dir, 'project', 'assets'), { recursive: true });
    for (const [name, data] of Object.entries(files)) await writeFile(path.join(dir, name), data);
    await writeFile(path.join(dir, 'project', 'publisher.yaml'), `${VALID}logo: ${logo}\n`);
    const { value, diagnostics } = await loadConfig(path.join(dir, 'project', 'publisher.yaml'), options);
    return { loaded: value !== undefined, messages: diagnostics.map((d) => formatDiagnostic(d).replace(/^.*?project\//, '')) };
  }

  it('accepts a PNG, a JPEG or an SVG in the config’s folder or below', async () => {
    expect(await logoDiagnostics('assets/logo.png', { 'project/assets/logo.png': PNG })).toEqual({ loaded: true, messages: [] });
    expect(await logoDiagnostics('logo.jpg', { 'project/logo.jpg': JPEG })).toEqual({ loaded: true, messages: [] });
    expect(await logoDiagnostics('logo.png', { 'project/logo.png': png(4, 4, 6, deflateSync(pixels(4))) })).toEqual({ loaded: true, messages: [] });
    expect(await logoDiagnostics('assets/logo.svg', { 'project/assets/logo.svg': `<svg ${NS} viewBox="0 0 4 4"><rect width="4" height="4"/></svg>` })).toEqual({ loaded: true, messages: [] });
  });

  it('refuses a path outside the config’s folder, as the message says', async () => {
    for (const logo of ['../logo.png', '/etc/logo.png', 'assets/../../logo.png']) {
      expect(await logoDiagnostics(logo, { 'logo.png': PNG })).toEqual({
        loaded: false,
        messages: [`publisher.yaml:5:7: error: logo "${logo}" is outside the config's folder: put the logo in that folder (or a folder below it, e.g. assets/logo.svg) and give its path relative to the config [config]`],
      });
    }
  });

  it('says when it is missing, not an image by name, or not what its name says', async () => {
    expect((await logoDiagnostics('missing.png', {})).messages).toEqual([expect.stringMatching(/^publisher\.yaml:5:7: error: logo "missing\.png" not found next to the config/)]);
    expect((await logoDiagnostics('logo.gif', { 'project/logo.gif': 'GIF89a' })).messages).toEqual([expect.stringMatching(/^publisher\.yaml:5:7: error: logo "logo\.gif" must be a PNG, JPEG or SVG file/)]);
    expect(await logoDiagnostics('logo.png', { 'project/logo.png': '<svg/>' })).toEqual({
      loaded: false,
      messages: ['logo.png:1:1: error: the logo is not a PNG image, whatever its name says: export it again as PNG, or name the file after what it is [logo]'],
    });
  });

  it('refuses a PNG or JPEG that the PDF cannot draw, at the `logo:` line, with advice for that format', async () => {
    const refused = async (file: string, bytes: Buffer) => {
      const result = await logoDiagnostics(file, { [`project/${file}`]: bytes });
      expect(result.loaded).toBe(false);
      return result.messages;
    };
    const reexport = 'open it in an image editor and export it again as PNG (a few hundred pixels a side are plenty) [logo]';
    // Cut short inside its image data.
    expect(await refused('logo.png', png(4, 4, 2, deflateSync(pixels(3))).subarray(0, 50))).toEqual([
      `publisher.yaml:5:7: error: logo "logo.png" cannot be drawn in the PDF (Incomplete or corrupt PNG file: its "IDAT" chunk runs past the end of the file): ${reexport}`,
    ]);
    // Image data that is not zlib: pdfkit embedded it as it was (a PDF that shows nothing), and with transparency it failed outside any handler (exit with a stack trace).
    for (const colorType of [2, 6]) {
      expect(await refused('logo.png', png(4, 4, colorType, Buffer.from('not zlib data at all')))).toEqual([
        expect.stringMatching(/^publisher\.yaml:5:7: error: logo "logo\.png" cannot be drawn in the PDF \(corrupt PNG file: its image data cannot be decompressed \(.+\)\): open it/),
      ]);
    }
    expect(await refused('logo.png', png(4, 4, 2, deflateSync(pixels(3).subarray(0, 20))))).toEqual([expect.stringMatching(/\(Incomplete or corrupt PNG file: its image data is cut short\)/)]);
    // A chunk length of 2 GB or more: pdfkit's PNG reader read it as negative and went back and forth forever.
    expect(await refused('logo.png', png(4, 4, 2, deflateSync(pixels(3)), { idatLength: 0xfffffff4 }))).toEqual([expect.stringMatching(/\(Incomplete or corrupt PNG file: its "IDAT" chunk runs past the end of the file\)/)]);
    // A few bytes that unpack to gigabytes of pixels.
    expect(await refused('logo.png', png(40_000, 40_000, 6, deflateSync(Buffer.alloc(1000))))).toEqual([
      expect.stringMatching(/\(it is 40,000 × 40,000 pixels, whose colours would take more than 64 MiB\): open it in an image editor and export it again as PNG \(a few hundred pixels a side are plenty\)/),
    ]);
    expect(await refused('logo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]))).toEqual([
      'publisher.yaml:5:7: error: logo "logo.jpg" cannot be drawn in the PDF (Invalid JPEG.): open it in an image editor and export it again as JPEG (or PNG) [logo]',
    ]);
  });

  it('without drawing the logo (check, new, stamp), still refuses a damaged PNG, but not a JPEG only pdfkit\'s reader would refuse', async () => {
    const noDraw = { drawLogo: false };
    expect((await logoDiagnostics('logo.png', { 'project/logo.png': png(4, 4, 2, deflateSync(pixels(3))).subarray(0, 50) }, noDraw)).loaded).toBe(false);
    expect(await logoDiagnostics('logo.jpg', { 'project/logo.jpg': Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]) }, noDraw)).toEqual({ loaded: true, messages: [] });
  });

  it('refuses a logo over 1 MiB before reading it', async () => {
    const big = Buffer.concat([PNG_SIGNATURE, Buffer.alloc(1024 * 1024)]);
    expect((await logoDiagnostics('logo.png', { 'project/logo.png': big })).messages).toEqual(['logo.png: error: the logo may be at most 1 MiB, and this file is 1,048,584 bytes: check that it is the right file, or make it smaller [input-size]']);
  });

  it('refuses an SVG that runs script, at the line and column of what runs', async () => {
    const svg = [
      `<svg ${NS} xmlns:xlink="http://www.w3.org/1999/xlink">`,
      '  <script>document.title = "pwned"</script>',
      '  <rect onclick="alert(1)" width="4" height="4"/>',
      '  <a xlink:href=" jav&#x09;ascript:alert(1)"><text>x</text></a>',
      '  <foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject>',
      '  <animate attributeName="href" values="https://a.example;javascript:alert(1)"/>',
      '</svg>',
    ].join('\n');
    expect(await logoDiagnostics('logo.svg', { 'project/logo.svg': svg })).toEqual({
      loaded: false,
      messages: [
        'logo.svg:2:3: error: the SVG contains a <script> element, which can run script when the published logo is opened: remove it [logo]',
        'logo.svg:3:3: error: the SVG has an event handler (onclick="…") on <rect>, which can run script when the published logo is opened: remove it [logo]',
        'logo.svg:4:3: error: the SVG has a script address in xlink:href="…" on <a>, which can run script when the published logo is opened: remove it [logo]',
        'logo.svg:5:3: error: the SVG contains a <foreignObject> element, which can run script when the published logo is opened: remove it [logo]',
        'logo.svg:6:3: error: the SVG has an animation that sets the href attribute, which can run script when the published logo is opened: remove it [logo]',
        'logo.svg:6:3: error: the SVG has a script address in values="…" on <animate>, which can run script when the published logo is opened: remove it [logo]',
      ],
    });
  });

  it('warns that external references in an SVG are not drawn', async () => {
    const svg = [
      `<svg ${NS} xmlns:xlink="http://www.w3.org/1999/xlink">`,
      '  <style>@import url("https://fonts.example/a.css"); .wave { fill: url(#gradient) }</style>',
      '  <image xlink:href="file:///etc/passwd" width="4" height="4"/>',
      '  <image href="../secrets/photo.png" width="4" height="4"/>',
      '  <rect style="fill: url(https://tracker.example/pixel)" width="4" height="4"/>',
      '  <use href="#wave"/><image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>',
      '</svg>',
    ].join('\n');
    const result = await logoDiagnostics('logo.svg', { 'project/logo.svg': svg });
    expect(result.loaded).toBe(true);
    expect(result.messages.map((m) => m.replace(/ refers to .*/, ''))).toEqual([
      'logo.svg:2:3: warning: a <style> rule (url() or @import)',
      'logo.svg:3:3: warning: <image xlink:href="file:///etc/passwd">',
      'logo.svg:4:3: warning: <image href="../secrets/photo.png">',
      'logo.svg:5:3: warning: the style of <rect>',
    ]);
    expect(result.messages[0]).toMatch(/refers to a file or web address outside the logo, which is not drawn \(logos are drawn on their own\): embed it or remove it \[logo\]$/);
  });

  it('refuses malformed XML, more than 64 levels of nesting, entity declarations and stylesheets', async () => {
    const messages = async (svg: string) => (await logoDiagnostics('logo.svg', { 'project/logo.svg': svg })).messages;
    expect(await messages(`<svg ${NS}>\n  <g><rect></g>\n</svg>`)).toEqual([expect.stringMatching(/^logo\.svg:2:15: error: the SVG is not well-formed XML \(unexpected close tag\.\): fix it, or export the logo again \[logo\]$/)]);
    expect(await messages(`<svg ${NS}>${'<g>'.repeat(64)}${'</g>'.repeat(64)}</svg>`)).toEqual([
      expect.stringMatching(/^logo\.svg:1:\d+: error: the SVG nests its elements more than 64 deep here: export the logo again with fewer nested groups \[logo\]$/),
    ]);
    expect(await messages(`<svg ${NS}>${'<g>'.repeat(63)}${'</g>'.repeat(63)}</svg>`)).toEqual([]);
    expect((await messages(`<!DOCTYPE svg [<!ENTITY lol "lol">]>\n<svg ${NS}/>`))[0]).toMatch(/^logo\.svg:1:\d+: error: the SVG declares XML entities/);
    expect(await messages(`<?xml-stylesheet href="page.xsl" type="text/xsl"?>\n<svg ${NS}/>`)).toEqual([expect.stringMatching(/^logo\.svg:1:\d+: error: the SVG applies an XSLT or CSS stylesheet file/)]);
    expect(await messages('<html><body>logo</body></html>')).toEqual([expect.stringMatching(/^logo\.svg:1:1: error: the logo is not an SVG image: its root element is <html>, not <svg>/)]);
  });
});

describe('loadConfig: languages and pairs', () => {
  const languages = (extra: string) => VALID.replace('name: Coalition\n', `name: Coalition\n${extra}`);

  it('defaults to English and Spanish with one pair; lists any languages with their pairs', async () => {
    const defaults = await loadConfig(path.join(PROJECT_ROOT, 'publisher.yaml'));
    expect(defaults.value && languageSettings(defaults.value)).toEqual({ languages: ['en', 'es'], pairs: [['en', 'es']] });
    const dir = await mkdtemp(path.join(tmpdir(), 'statements-config-'));
    await writeFile(path.join(dir, 'publisher.yaml'), languages('languages: [pt, en, fr]\n'));
    const { value } = await loadConfig(path.join(dir, 'publisher.yaml'));
    expect(value && languageSettings(value)).toEqual({ languages: ['pt', 'en', 'fr'], pairs: [['pt', 'en'], ['pt', 'fr']] });
    await writeFile(path.join(dir, 'publisher.yaml'), languages('languages: [en, es, pt]\npairs: [es-pt]\n'));
    const own = await loadConfig(path.join(dir, 'publisher.yaml'));
    expect(own.value && languageSettings(own.value).pairs).toEqual([['es', 'pt']]);
  });

  it('refuses a language listed twice, a malformed code, a pair with itself or twice, at their lines', async () => {
    expect(await configErrors(languages('languages: [en, es, en, EN]\npairs: [en-en, en-es, en-es]\n'))).toEqual([
      expect.stringMatching(/^publisher\.yaml:2:25: error: `languages\.3` must be a lowercase language code such as `en`, `es`, `pt` or `fr`/),
      expect.stringMatching(/^publisher\.yaml:2:21: error: `languages\.2` lists `en` twice: keep it once/),
      expect.stringMatching(/^publisher\.yaml:3:9: error: `pairs\.0` pairs `en-en` with itself: name two different languages/),
      expect.stringMatching(/^publisher\.yaml:3:23: error: `pairs\.2` lists the pair `en-es` twice: keep it once/),
    ]);
    expect(await configErrors(languages('languages: [en, es, en]\npairs: [en-en, en-es, en-es]\n'))).toEqual([
      expect.stringMatching(/^publisher\.yaml:2:21: error: .*lists `en` twice: keep it once/),
      expect.stringMatching(/^publisher\.yaml:3:9: error: .*pairs `en-en` with itself: name two different languages/),
      expect.stringMatching(/^publisher\.yaml:3:23: error: .*lists the pair `en-es` twice: keep it once/),
    ]);
  });

  it('needs a publisher name for every language, and one subject format that fits every pair', async () => {
    const perLanguage = VALID.replace('name: Coalition\n', 'languages: [en, es, pt]\nname:\n  en: Coalition\n  es: Coalición\n');
    expect(await configErrors(perLanguage)).toEqual([expect.stringMatching(/^publisher\.yaml:3:3: error: `name` has no name for `pt`: add `pt: …` under `name`, or give one name for every language/)]);
    const subject = languages('languages: [en, es, pt]\n').replace('  from: press@example.org\n', '  from: press@example.org\n  bilingualSubject: "{en} / {es}"\n');
    expect(await configErrors(subject)).toEqual([
      expect.stringMatching(/error: .*uses `\{es\}`, which the pair `en-pt` has no title for: use `\{en\}`, `\{pt\}`; with several pairs, give one subject per pair: `bilingualSubject: \{ en-es: "\{en\} \/ \{es\}", en-pt: "\{en\} \/ \{pt\}" \}`/),
    ]);
    const perPair = subject.replace('bilingualSubject: "{en} / {es}"', 'bilingualSubject:\n    en-es: "{en} / {es}"\n    en-fr: "{en} / {fr}"');
    expect(await configErrors(perPair)).toEqual([expect.stringMatching(/error: .*is for `en-fr`, which is not one of the pairs \(`en-es`, `en-pt`\): fix the name/)]);
  });
});
