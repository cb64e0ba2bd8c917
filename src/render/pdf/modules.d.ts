// Types for the parts of untyped dependencies this renderer uses.
declare module 'fontkit' {
  export interface FontkitGlyphRun {
    advanceWidth: number;
  }
  export interface FontkitFont {
    postscriptName: string;
    unitsPerEm: number;
    ascent: number;
    descent: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    layout(text: string): FontkitGlyphRun;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): FontkitFont;
}

declare module 'svg-to-pdfkit' {
  export default function SVGtoPDF(doc: PDFKit.PDFDocument, svg: string, x: number, y: number, options?: { width?: number; height?: number; assumePt?: boolean }): void;
}
