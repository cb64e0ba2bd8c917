import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { documentBytes } from '../../../src/render/pdf/document.js';
import { FontLibrary, type LoadedFont } from '../../../src/render/pdf/fonts.js';
import { showGlyphs } from '../../../src/render/pdf/show.js';

/** Kerned pairs (AV, Te), a letter Noto Sans draws with a mark placed by offsets (ọ), and a space. */
const TEXT = 'AVATAR Tevez ọmọ ṣẹ 12,5 %';

function newDocument(font: LoadedFont): PDFKit.PDFDocument {
  const doc = new PDFDocument({ compress: false, size: 'A4', margin: 0, info: { CreationDate: new Date(Date.UTC(2026, 0, 1)) } });
  doc.registerFont('sans', font.pdfkitFont(0) as unknown as string);
  return doc.font('sans').fontSize(11.5);
}

describe('showing shaped glyphs', () => {
  it('writes the operators, subset, widths and text map that pdfkit text() writes for the same glyphs', async () => {
    const font = (await new FontLibrary().load()).faces.sans;
    const shapes = TEXT.split(/( +)/).filter(Boolean).map((word) => font.shape(word));
    expect(shapes.some((shape) => shape.positions.some((position) => position.xOffset !== 0 || position.yOffset !== 0))).toBe(true);

    // pdfkit lays the same text out through the font (LoadedFont.layout shapes it word by word, as above).
    // Also: stacked marks, a mark at the end, fractional sizes and places.
    const more = ['e\u0323\u0302 Tọ', 'cafe\u0301'];
    const places = [[72.25, 100.5, 11.5], [80, 200, 7.3], [33.333333333, 300, 13.37]] as const;
    const theirs = newDocument(font);
    const ours = newDocument(font);
    for (const [x, y, size] of places) {
      for (const text of [TEXT, ...more]) {
        theirs.fontSize(size).text(text, x, y, { lineBreak: false, baseline: 'alphabetic', features: [] });
        showGlyphs(ours.fontSize(size), font.shapes(text), x, y);
      }
    }
    showGlyphs(ours, [], 10, 10);

    const [expected, actual] = await Promise.all([documentBytes(theirs), documentBytes(ours)]);
    const text = Buffer.from(actual).toString('latin1');
    expect(text).toMatch(/\] TJ/);
    expect(text).toMatch(/Tm\n\[<[0-9a-f]{4}> [-\d.]+\] TJ/);
    expect(Buffer.from(actual).equals(Buffer.from(expected))).toBe(true);
  });
});
