import { beforeAll, describe, expect, it } from 'vitest';
import { FontLibrary, type FontSet, type LoadedFont } from '../../../src/render/pdf/fonts.js';
import { visualOrder } from '../../../src/render/pdf/layout/bidi.js';
import { fontSpans } from '../../../src/render/pdf/font-spans.js';
import { breakLines, pieces } from '../../../src/render/pdf/layout/inline.js';
import type { RunStyle } from '../../../src/render/pdf/layout/types.js';
import { alignCodePoints } from '../../../src/render/pdf/shape.js';

let fonts: FontSet;
beforeAll(async () => {
  fonts = await new FontLibrary().load();
});

const fontFor = (text: string) => fonts.fontFor('serif', Array.from(text, (char) => char.codePointAt(0)!))!;
/** What each glyph of `text` stands for in the text layer, in drawing order. */
const glyphTexts = (font: LoadedFont, text: string) => font.shape(text).glyphs.map((glyph) => String.fromCodePoint(...glyph.codePoints));

describe('the text each glyph stands for', () => {
  it('gives a ligature all its letters', () => {
    expect(glyphTexts(fonts.faces.serif, 'first')).toEqual(['fi', 'r', 's', 't']);
    expect(glyphTexts(fonts.faces.serif, 'office')).toEqual(['o', 'ffi', 'c', 'e']);
  });

  it('gives each Arabic joining form its letter, and the dots Noto Sans Arabic adds no text', () => {
    const arabic = fontFor('مياه');
    const texts = glyphTexts(arabic, 'مياه');
    // Drawn from the right: the last letter comes first.
    expect(texts.filter(Boolean).reverse().join('')).toBe('مياه');
    expect(texts.filter((text) => text === '').length).toBeGreaterThan(0);
  });

  it('gives a Devanagari vowel sign drawn before its consonant to the first glyph, so reading order holds', () => {
    expect(glyphTexts(fontFor('कि'), 'कि').join('')).toBe('कि');
    expect(glyphTexts(fontFor('नमस्ते'), 'नमस्ते').join('')).toBe('नमस्ते');
  });

  it('is worked out from the text, never from what the font object saw first', async () => {
    const fresh = (await new FontLibrary().load()).faces.serif;
    // The first use of this font object makes the glyph of "A" a part of "Á", with no text of its own.
    fresh.shape('Á');
    expect(glyphTexts(fresh, 'A')).toEqual(['A']);
  });

  it('aligns by the font’s own glyphs, sharing the characters between them', () => {
    const nominal = (codePoint: number) => codePoint; // glyph id = code point, for the test
    expect(alignCodePoints([1, 2, 3], [1, 99, 3], [false, false, false], nominal)).toEqual([[1], [2], [3]]);
    expect(alignCodePoints([1, 2, 3, 4], [1, 99, 4], [false, false, false], nominal)).toEqual([[1], [2, 3], [4]]);
    expect(alignCodePoints([1, 2], [2, 98], [false, false], nominal)).toEqual([[1, 2], []]);
    expect(alignCodePoints([1, 2, 3], [97, 98, 99, 3], [false, true, false, false], nominal)).toEqual([[1], [], [2], [3]]);
  });
});

const style: RunStyle = { face: 'serif', size: 10, color: '#000000' };
const lineOf = (text: string) => {
  expect(fontSpans(text, style.face, fonts).every((span) => span.font)).toBe(true);
  const [line] = breakLines(pieces([{ text, style }], fonts), 1000, 14);
  return line!;
};

describe('right-to-left runs in a left-to-right statement', () => {
  it('puts an Arabic name in visual order, keeps it one run of one font, and reads it in logical order', () => {
    const line = lineOf('Signed by محمد علي and others');
    const texts = line.fragments.map((fragment) => fragment.text);
    expect(texts).toEqual(['Signed by ', 'محمد علي', ' and others']);
    expect(line.fragments[1]!.rtl).toBe(true);
    expect(line.fragments.map((fragment) => fragment.x)).toEqual([...line.fragments.map((fragment) => fragment.x)].sort((a, b) => a - b));
  });

  it('orders several runs and numbers by the bidirectional algorithm, mirroring brackets', () => {
    // Shown as "Partners: 2026 (עולם) שלום then": the run reads from the right, its number left to right.
    const line = lineOf('Partners: שלום (עולם) 2026 then');
    expect(line.fragments.map((fragment) => [fragment.text, Boolean(fragment.rtl)])).toEqual([
      ['Partners: ', false],
      ['2026', false],
      ['( ', true],
      ['שלום )עולם', true],
      [' then', false],
    ]);
  });

  it('keeps numbers inside a right-to-left run left to right, Arabic-Indic digits included, and draws what follows', () => {
    const line = lineOf('partners as مياه ١٢ للجميع then');
    const digits = line.fragments.find((fragment) => fragment.text === '١٢')!;
    expect(digits.rtl).toBeFalsy();
    // Drawn left to right: ١ (U+0661) before ٢ (U+0662), though fontkit would lay the Arabic script out from the right.
    expect(digits.shapes.flatMap((shape) => shape.glyphs.flatMap((glyph) => glyph.codePoints))).toEqual([0x661, 0x662]);
    // A fragment cut out of a longer one (" then" after the run) keeps shapes to draw.
    const after = line.fragments[line.fragments.length - 1]!;
    expect(after.text).toBe(' then');
    expect(after.shapes.map((shape) => shape.text)).toEqual([' ', 'then']);
  });

  it('leaves a left-to-right line untouched', () => {
    const line = lineOf('Plain text, (brackets) and 2026.');
    expect(visualOrder(line)).toBe(line);
    expect(line.fragments.every((fragment) => !fragment.rtl)).toBe(true);
  });
});
