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
    const theirs = newDocument(font);
    theirs.text(TEXT, 72.25, 100.5, { lineBreak: false, baseline: 'alphabetic', features: [] });
    theirs.text(TEXT, 80, 200, { lineBreak: false, baseline: 'alphabetic', features: [] });
    const ours = newDocument(font);
    showGlyphs(ours, shapes, 72.25, 100.5);
    showGlyphs(ours, shapes, 80, 200);

    const [expected, actual] = await Promise.all([documentBytes(theirs), documentBytes(ours)]);
    const text = Buffer.from(actual).toString('latin1');
    expect(text).toMatch(/\] TJ/);
    expect(text).toMatch(/Tm\n\[<[0-9a-f]{4}> [-\d.]+\] TJ/);
    expect(Buffer.from(actual).equals(Buffer.from(expected))).toBe(true);
  });
});
