import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { Statement } from '../../../src/model/statement.js';
import type { RenderContext } from '../../../src/render/context.js';
import { renderImage } from '../../../src/render/image/index.js';
import { SHARE_IMAGE } from '../../../src/render/image/size.js';
import { FontLibrary } from '../../../src/render/pdf/fonts.js';
import { fixtureStatement, projectContext } from '../../helpers/context.js';
import { outputOf } from '../../helpers/render.js';
import { edition } from '../../helpers/variants.js';

/** A decoded image: width, height and RGBA pixels. */
type Pixels = { width: number; height: number; data: Buffer };

const decode = (png: Uint8Array): Pixels => PNG.sync.read(Buffer.from(png));

function rgb(image: Pixels, x: number, y: number): string {
  const at = (y * image.width + x) * 4;
  return `#${[0, 1, 2].map((channel) => image.data[at + channel]!.toString(16).padStart(2, '0')).join('')}`;
}

/** Pixels in a box whose colour is far from white: ink. */
function inkIn(image: Pixels, box: { x0: number; y0: number; x1: number; y1: number }, isInk = (r: number, g: number, b: number) => r + g + b < 3 * 128) {
  const points: [number, number][] = [];
  for (let y = box.y0; y < box.y1; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      const at = (y * image.width + x) * 4;
      if (isInk(image.data[at]!, image.data[at + 1]!, image.data[at + 2]!)) points.push([x, y]);
    }
  }
  return points;
}

/** Where the headline is set: below the publisher's name and the accent rule, inside the margins. */
const HEADLINE = { x0: 40, y0: 220, x1: SHARE_IMAGE.width, y1: SHARE_IMAGE.height };
const textColour = (r: number, g: number, b: number) => Math.max(r, g, b) < 0x50 && Math.abs(r - b) < 12;

function retitled(statement: Statement, title: string): Statement {
  return { ...statement, text: { ...statement.text, en: { ...statement.text.en!, title } } };
}

async function imageOf(statement: Statement, ctx: RenderContext, lang = 'en'): Promise<Uint8Array> {
  return outputOf(await renderImage(statement, edition(lang), ctx));
}

/** The ink's bounding box and its pixels relative to it: a shape to compare, wherever it was drawn. */
function shape(points: readonly [number, number][]) {
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  const left = Math.min(...xs);
  const top = Math.min(...ys);
  return { width: Math.max(...xs) - left + 1, height: Math.max(...ys) - top + 1, pixels: new Set(points.map(([x, y]) => `${x - left},${y - top}`)) };
}

/** Share of the two shapes' pixels they have in common (intersection over union), `b` moved by up to `slack` pixels to fit `a` best. */
function overlap(a: ReturnType<typeof shape>, b: ReturnType<typeof shape>, slack: number): number {
  const points = [...b.pixels].map((pixel) => pixel.split(',').map(Number) as [number, number]);
  let best = 0;
  for (let dx = -slack; dx <= slack; dx++) {
    for (let dy = -slack; dy <= slack; dy++) {
      const common = points.filter(([x, y]) => a.pixels.has(`${x + dx},${y + dy}`)).length;
      best = Math.max(best, common / (a.pixels.size + b.pixels.size - common));
    }
  }
  return best;
}

/**
 * The same words set by another shaper: resvg's own text engine (rustybuzz, a
 * port of HarfBuzz) in the one font file our layout picked for them, on one
 * line at `size`. Ink from a headline drawn right (joined Arabic, reordered
 * Hebrew, Devanagari conjuncts) has the same shape.
 */
async function referenceInk(text: string, ctx: RenderContext, size: number) {
  const fonts = await ctx.fonts.load();
  const font = fonts.fontFor('sansBold', Array.from(text.replace(/ /g, ''), (char) => char.codePointAt(0)!));
  if (!font) throw new Error(`no font for ${text}`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1400" height="300"><rect width="1400" height="300" fill="#fff"/><text x="100" y="200" font-size="${size}" font-weight="bold" font-family="${font.font.familyName}" fill="#1a1a1a">${text}</text></svg>`;
  const image = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: [font.source.file], defaultFontFamily: font.font.familyName } }).render();
  return shape(inkIn({ width: image.width, height: image.height, data: image.pixels }, { x0: 0, y0: 0, x1: image.width, y1: image.height }, textColour));
}

describe('the share image', () => {
  it('is a 1200 × 630 PNG in each language of a statement, its headline and publisher inked where they are set', async () => {
    const ctx = await projectContext();
    const statement = await fixtureStatement('multi-script');
    for (const lang of statement.languages) {
      const image = decode(await imageOf(statement, ctx, lang));
      expect([image.width, image.height]).toEqual([1200, 630]);
      expect(inkIn(image, HEADLINE, textColour).length, lang).toBeGreaterThan(20_000);
      // The publisher's name in the primary colour beside the logo.
      expect(inkIn(image, { x0: 200, y0: 64, x1: 1120, y1: 152 }).length, lang).toBeGreaterThan(2_000);
    }
  });

  it('has the publisher’s colours: a band in the primary colour, a rule in the accent colour, and its logo', async () => {
    const ctx = await projectContext();
    const image = decode(await imageOf(await fixtureStatement('complete-statement'), ctx));
    expect(rgb(image, 8, 315)).toBe(ctx.config.colors.primary);
    expect(rgb(image, 120, 185)).toBe(ctx.config.colors.accent);
    // The sample logo is a square in the primary colour with white waves.
    expect(rgb(image, 100, 72)).toBe(ctx.config.colors.primary);
    expect(rgb(image, 1190, 10)).toBe('#ffffff');
  });

  const SCRIPTS: [string, string][] = [
    ['Arabic', 'مياه للجميع'],
    ['Arabic with vowel marks', 'الْمَاءُ لِلْجَمِيعِ'],
    ['Vietnamese', 'Nước cho mọi người'],
    ['Hebrew', 'מים לכולם'],
    ['Greek', 'Νερό για όλους'],
    ['Cyrillic', 'Вода для всех'],
    ['Chinese', '水资源承诺'],
    ['Japanese', 'みずの誓い'],
    ['Korean', '수위계 서약'],
  ];

  it.each(SCRIPTS)('sets a headline in %s as a real text shaper does', async (_script, headline) => {
    const ctx = await projectContext();
    const image = decode(await imageOf(retitled(await fixtureStatement('multi-script'), headline), ctx));
    const ours = shape(inkIn(image, HEADLINE, textColour));
    // A short headline is set on one line at the largest size, 72 px.
    const reference = await referenceInk(headline, ctx, 72);
    // Within a few pixels: the two shapers may hang a mark (an Arabic kasra) a little higher or lower.
    const slack = 6;
    expect(Math.abs(ours.width - reference.width), `width ${ours.width} vs ${reference.width}`).toBeLessThanOrEqual(slack);
    expect(Math.abs(ours.height - reference.height), `height ${ours.height} vs ${reference.height}`).toBeLessThanOrEqual(slack);
    expect(overlap(ours, reference, slack)).toBeGreaterThan(0.8);
  });

  it('sets a headline in Devanagari with its vowel signs and conjuncts in place', async () => {
    // resvg's own shaper misplaces Devanagari vowel signs, so it is no reference here: this is the width of the
    // headline as drawn by fontkit and checked by eye.
    const ctx = await projectContext();
    const image = decode(await imageOf(retitled(await fixtureStatement('multi-script'), 'जल ही जीवन है'), ctx));
    const ink = shape(inkIn(image, HEADLINE, textColour));
    expect(Math.abs(ink.width - 435), `width ${ink.width}`).toBeLessThanOrEqual(3);
  });

  it('sets a headline mixing scripts, right-to-left phrases and emoji, without leaving its box', async () => {
    const ctx = await projectContext();
    const headline = 'Cairo partners say مياه للجميع (2026), Haifa says מים לכולם 🌊 and Varanasi जल ही जीवन है';
    const image = decode(await imageOf(retitled(await fixtureStatement('multi-script'), headline), ctx));
    const ink = shape(inkIn(image, HEADLINE, textColour));
    expect(ink.pixels.size).toBeGreaterThan(20_000);
    expect(inkIn(image, { x0: SHARE_IMAGE.width - 70, y0: 0, x1: SHARE_IMAGE.width, y1: SHARE_IMAGE.height })).toEqual([]);
  });

  it('shortens a headline too long for the card with an ellipsis, inside the margins', async () => {
    const ctx = await projectContext();
    const statement = await fixtureStatement('multi-script');
    const long = decode(await imageOf(retitled(statement, '河流没有国界：来自六大洲的联盟签署水资源承诺。'.repeat(12)), ctx));
    expect(inkIn(long, { x0: 40, y0: SHARE_IMAGE.height - 50, x1: SHARE_IMAGE.width, y1: SHARE_IMAGE.height })).toEqual([]);
    expect(inkIn(long, { x0: SHARE_IMAGE.width - 70, y0: 0, x1: SHARE_IMAGE.width, y1: SHARE_IMAGE.height })).toEqual([]);
    expect(inkIn(long, HEADLINE, textColour).length).toBeGreaterThan(50_000);
  });

  it('is the same bytes every time, whatever was rendered before with the same fonts', async () => {
    const ctx = await projectContext();
    const statement = await fixtureStatement('multi-script');
    const first = await imageOf(statement, ctx);
    for (const [, headline] of SCRIPTS) await imageOf(retitled(statement, headline), ctx);
    expect(Buffer.from(await imageOf(statement, ctx)).equals(Buffer.from(first))).toBe(true);
    const fresh = { ...ctx, fonts: new FontLibrary(ctx.config.fallbackFontPaths) };
    expect(Buffer.from(await imageOf(statement, fresh)).equals(Buffer.from(first))).toBe(true);
  });
});

describe('the logo in the share image', () => {
  /** The project's context with this logo file, in a folder of its own. */
  async function withLogo(name: string, bytes: (dir: string) => Uint8Array | string): Promise<RenderContext> {
    const ctx = await projectContext();
    const dir = await mkdtemp(path.join(tmpdir(), 'statements-share-logo-'));
    const logoPath = path.join(dir, name);
    const content = bytes(dir);
    await writeFile(logoPath, content);
    return { ...ctx, config: { ...ctx.config, logo: name, logoPath, logoBytes: typeof content === 'string' ? new TextEncoder().encode(content) : content } };
  }

  function solidPng(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
    const png = new PNG({ width, height });
    for (let at = 0; at < png.data.length; at += 4) png.data.set([r, g, b, 255], at);
    return PNG.sync.write(png);
  }

  /** The logo box: 88 px square at the top left margin. */
  const LOGO = { x0: 92, y0: 64, x1: 180, y1: 152 };
  const red = (r: number, g: number, b: number) => r > 200 && g < 60 && b < 60;

  it('draws a PNG logo', async () => {
    const ctx = await withLogo('logo.png', () => solidPng(40, 40, [230, 20, 20]));
    const image = decode(await imageOf(await fixtureStatement('complete-statement'), ctx));
    expect(inkIn(image, LOGO, red).length).toBe(88 * 88);
  });

  it('draws an SVG logo’s text, in the PDF’s fonts rather than the machine’s', async () => {
    const ctx = await withLogo('logo.svg', () => '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><text x="2" y="44" font-size="40" font-family="Arial" fill="#000">Ab</text></svg>');
    const image = decode(await imageOf(await fixtureStatement('complete-statement'), ctx));
    expect(inkIn(image, LOGO).length).toBeGreaterThan(400);
  });

  it('never draws a file or web address an SVG logo refers to, only what the logo itself holds', async () => {
    const ctx = await withLogo('logo.svg', (dir) => {
      const secret = path.join(dir, 'secret.png');
      void writeFile(secret, solidPng(8, 8, [230, 20, 20]));
      const embedded = `data:image/png;base64,${solidPng(8, 8, [230, 20, 20]).toString('base64')}`;
      return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 64 64">
        <image href="${secret}" width="32" height="32"/><image xlink:href='secret.png' x="32" width="32" height="32"/>
        <image href=" file://${secret}" y="32" width="32" height="32"/><image href="${embedded}" x="32" y="32" width="32" height="32"/></svg>`;
    });
    const image = decode(await imageOf(await fixtureStatement('complete-statement'), ctx));
    const drawn = shape(inkIn(image, LOGO, red));
    // Only the embedded quarter: 44 px square at the bottom right of the box.
    expect([drawn.width, drawn.height]).toEqual([44, 44]);
    expect(drawn.pixels.size).toBe(44 * 44);
  });
});
