// Types for the parts of untyped dependencies this renderer uses.
declare module 'fontkit' {
  export interface FontkitGlyph {
    id: number;
    advanceWidth: number;
    codePoints: number[];
    /** The glyph's outline in font units, y up. */
    path: FontkitPath;
  }
  export interface FontkitPath {
    /** A new path with every point mapped by the matrix [a b c d e f], as SVG's `matrix()`. */
    transform(a: number, b: number, c: number, d: number, e: number, f: number): FontkitPath;
    /** SVG path data, coordinates rounded to hundredths. */
    toSVG(): string;
  }
  export interface FontkitGlyphPosition {
    xAdvance: number;
    yAdvance: number;
    xOffset: number;
    yOffset: number;
  }
  export interface FontkitGlyphRun {
    glyphs: FontkitGlyph[];
    positions: FontkitGlyphPosition[];
    direction: 'ltr' | 'rtl';
    advanceWidth: number;
  }
  export interface FontkitFont {
    /** `TTF` for a single TrueType or OpenType font; `TTC` and `DFont` are collections. */
    type: string;
    postscriptName: string;
    familyName: string;
    unitsPerEm: number;
    ascent: number;
    descent: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    glyphForCodePoint(codePoint: number): FontkitGlyph;
    getGlyph(id: number): FontkitGlyph;
    layout(text: string, features?: string[] | Record<string, boolean>, script?: string, language?: string, direction?: 'ltr' | 'rtl'): FontkitGlyphRun;
    numGlyphs: number;
    /** Every code point the font maps to a glyph (reads its whole cmap). */
    characterSet: number[];
    /** What pdfkit embeds: the glyphs included, encoded as a font of their own. */
    createSubset(): FontkitSubset;
    /** The glyph definition table, parsed when first read; `glyphClassDef` gives each glyph its class (3: a mark). */
    GDEF?: { glyphClassDef?: FontkitClassDef };
  }
  export type FontkitClassDef =
    | { version: 1; startGlyph: number; classValueArray: number[] }
    | { version: 2; classRangeRecord: { start: number; end: number; class: number }[] };
  export interface FontkitSubset {
    includeGlyph(glyph: number): number;
    encode(): Uint8Array;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): FontkitFont;
}

declare module 'svg-to-pdfkit' {
  export interface SvgToPdfOptions {
    width?: number;
    height?: number;
    assumePt?: boolean;
    warningCallback?: (message: string) => void;
    fontCallback?: (family: string, bold: boolean, italic: boolean, options: { fauxBold: boolean; fauxItalic: boolean }) => string;
    imageCallback?: (link: string) => string | Uint8Array;
    documentCallback?: (file: string) => string | string[];
  }
  export default function SVGtoPDF(doc: PDFKit.PDFDocument, svg: string, x: number, y: number, options?: SvgToPdfOptions): void;
}
