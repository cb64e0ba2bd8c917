import type { GlyphRun } from './shape.js';

type Doc = PDFKit.PDFDocument;

/** What is read and written here of pdfkit 0.20.2's embedded font (its `_font`), which `text()` would otherwise go through (pdfkit is pinned to that version). */
interface EmbeddedFont {
  id: string;
  /** 1000 over the font's units per em. */
  scale: number;
  subset: { includeGlyph(id: number): number };
  widths: number[];
  unicode: number[][];
  ref(): unknown;
}

interface DocInternals {
  _font: EmbeddedFont;
  _fontSize: number;
  page: { height: number; fonts: Record<string, unknown> };
}

/** A number as pdfkit writes it into a content stream. */
function number(n: number): number {
  if (!(n > -1e21 && n < 1e21)) throw new Error(`unsupported number: ${n}`);
  return Math.round(n * 1e6) / 1e6;
}

/** A glyph id in a subset, as four hex digits (a subset has at most 65,536 glyphs). */
function hex(id: number): string {
  return id.toString(16).padStart(4, '0');
}

/**
 * Show `runs` (glyphs already shaped, in font units) from `x` on the baseline
 * `y` (pdfkit's coordinates, from the top) in the document's current font
 * and size. The operators are the ones pdfkit's `text()` writes for the
 * same glyphs, without its laying the text out again: its layout would only
 * give back the shapes our layout measured, at a fifth of a PDF's time.
 */
export function showGlyphs(doc: Doc, runs: readonly GlyphRun[], x: number, y: number): void {
  // pdfkit writes nothing for empty text.
  if (runs.every((run) => run.glyphs.length === 0)) return;
  const { _font: font, _fontSize: size, page } = doc as unknown as DocInternals;
  doc.save();
  doc.transform(1, 0, 0, -1, 0, page.height);
  const top = page.height - y;
  page.fonts[font.id] ??= font.ref();
  doc.addContent('BT');
  doc.addContent(`1 0 0 1 ${number(x)} ${number(top)} Tm`);
  doc.addContent(`/${font.id} ${number(size)} Tf`);
  const scale = size / 1000;
  // Runs of glyphs with no offset and no kerning between them go into one hex string; each offset glyph is placed on its own.
  const commands: string[] = [];
  let hexRun = '';
  let pen = x;
  let offset = false;
  const flush = () => {
    if (commands.length > 0) doc.addContent(`[${commands.join(' ')}] TJ`);
    commands.length = 0;
  };
  const endSegment = (kerning: number) => {
    if (hexRun) commands.push(`<${hexRun}> ${number(-kerning)}`);
    hexRun = '';
  };
  for (const run of runs) {
    for (let index = 0; index < run.glyphs.length; index++) {
      const glyph = run.glyphs[index]!;
      const position = run.positions[index]!;
      const id = font.subset.includeGlyph(glyph.id);
      font.widths[id] ??= glyph.advanceWidth * font.scale;
      font.unicode[id] ??= glyph.codePoints;
      // In pdfkit's units (thousandths of the font size), multiplied as pdfkit multiplies, so the numbers written are the same.
      const xAdvance = position.xAdvance * font.scale;
      const kerning = xAdvance - glyph.advanceWidth * font.scale;
      const xOffset = position.xOffset * font.scale;
      const yOffset = position.yOffset * font.scale;
      if (xOffset || yOffset) {
        endSegment(0);
        flush();
        doc.addContent(`1 0 0 1 ${number(pen + xOffset * scale)} ${number(top + yOffset * scale)} Tm`);
        hexRun = hex(id);
        endSegment(kerning);
        flush();
        offset = true;
      } else {
        if (offset) {
          doc.addContent(`1 0 0 1 ${number(pen)} ${number(top)} Tm`);
          offset = false;
        }
        hexRun += hex(id);
        if (kerning !== 0) endSegment(kerning);
      }
      pen += xAdvance * scale;
    }
  }
  endSegment(0);
  flush();
  doc.addContent('ET');
  doc.restore();
}
