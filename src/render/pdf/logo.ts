import path from 'node:path';
import { inflateSync } from 'node:zlib';
import type { SvgToPdfOptions } from 'svg-to-pdfkit';

type Doc = PDFKit.PDFDocument;

/** The side of the square box the logo is fitted into, in points. */
export const LOGO_SIZE = 46;

export type LogoKind = 'PNG' | 'JPEG' | 'SVG';

const KINDS: Record<string, LogoKind> = { '.png': 'PNG', '.jpg': 'JPEG', '.jpeg': 'JPEG', '.svg': 'SVG' };

/** What a logo file is, by its extension (the loader has checked its bytes agree). */
export function logoKind(file: string): LogoKind | undefined {
  return KINDS[path.extname(file).toLowerCase()];
}

/**
 * The logo as svg-to-pdfkit draws it: without its own width and height (so it
 * fills the logo box, keeping the viewBox), and with links (`<a>`) turned into
 * plain groups, since a logo is decoration and a link in it would be invisible
 * to a reader and could point anywhere.
 */
export function logoSvg(svg: string): string {
  return svg.replace(/<svg\b[^>]*>/, (tag) => tag.replace(/\s(width|height)="[^"]*"/g, '')).replace(/<(\/?)a(?=[\s/>])/g, '<$1g');
}

/** An image a logo carries inside itself; pdfkit reads any other string as a file path. */
const INLINE_IMAGE = /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/=]*)$/i;

/**
 * How svg-to-pdfkit may draw a logo: nothing outside the SVG is opened (an
 * `<image>` only as an inline PNG or JPEG that can be decoded, no other
 * document), text only in the document's own fonts (`fontName`), and its
 * warnings are dropped (the config loader reports what a logo references, once).
 */
export function svgOptions(fontName: (bold: boolean) => string): SvgToPdfOptions {
  return {
    width: LOGO_SIZE,
    height: LOGO_SIZE,
    assumePt: true,
    imageCallback: (link) => {
      const inline = INLINE_IMAGE.exec(link.replace(/\s+/g, ''));
      const ok = inline && (inline[1]!.toLowerCase() !== 'png' || !pngProblem(Buffer.from(inline[2]!, 'base64')));
      return ok ? inline[0] : new Uint8Array(0);
    },
    fontCallback: (_family, bold) => fontName(bold),
    warningCallback: () => {},
  };
}

/** Draws a logo at (x, y) in the logo box; throws when it cannot. */
export type LogoPainter = (doc: Doc, bytes: Uint8Array, x: number, y: number, fontName: (bold: boolean) => string) => void;

/** pdfkit draws a PNG or JPEG itself; an SVG goes through svg-to-pdfkit (imported only then). */
export async function logoPainter(kind: LogoKind): Promise<LogoPainter> {
  if (kind !== 'SVG') return (doc, bytes, x, y) => void doc.image(Buffer.from(bytes), x, y, { fit: [LOGO_SIZE, LOGO_SIZE] });
  const svgToPdf = (await import('svg-to-pdfkit')).default;
  return (doc, bytes, x, y, fontName) => svgToPdf(doc, logoSvg(Buffer.from(bytes).toString('utf8')), x, y, svgOptions(fontName));
}

/** Bytes per row of `width` pixels of `bitsPerPixel`, plus the filter byte each row starts with. */
const rowBytes = (width: number, bitsPerPixel: number) => 1 + Math.ceil((width * bitsPerPixel) / 8);

/** The seven passes of Adam7 interlacing: first column and row, then steps. */
const ADAM7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] as const;
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** What a PNG logo's pixels may take once decoded (pdfkit holds them in memory): 4,096 × 4,096 in colour with transparency. */
const MAX_PNG_PIXEL_BYTES = 64 * 1024 * 1024 + 4096;

/** How many bytes a PNG's image data holds once inflated, from its header. */
function inflatedSize(width: number, height: number, bitsPerPixel: number, interlaced: boolean): number {
  const passes = interlaced ? ADAM7 : ([[0, 0, 1, 1]] as const);
  return passes.reduce((sum, [x0, y0, dx, dy]) => {
    const columns = Math.ceil((width - x0) / dx);
    const rows = Math.ceil((height - y0) / dy);
    return columns > 0 && rows > 0 ? sum + rows * rowBytes(columns, bitsPerPixel) : sum;
  }, 0);
}

/**
 * Why a PNG cannot be drawn, or undefined: its chunks are walked and its
 * pixels inflated here, because pdfkit's PNG reader loops forever on a chunk
 * length of 2 GB or more, embeds most PNGs without decoding them (a corrupt
 * one gives a PDF that shows nothing), and decodes the others in a callback,
 * where an error would end the process.
 */
export function pngProblem(bytes: Uint8Array): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const idat: Uint8Array[] = [];
  let header: { width: number; height: number; bitsPerPixel: number; interlaced: boolean } | undefined;
  for (let at = 8; ; ) {
    if (at + 12 > bytes.length) return 'Incomplete or corrupt PNG file: it ends before its last chunk';
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const data = at + 8;
    if (data + length + 4 > bytes.length) return `Incomplete or corrupt PNG file: its ${JSON.stringify(type)} chunk runs past the end of the file`;
    if (!header && type !== 'IHDR') return 'corrupt PNG file: it does not start with its header (IHDR)';
    if (type === 'IHDR' && length >= 13) {
      const bits = bytes[data + 8]!;
      const channels = CHANNELS[bytes[data + 9]!];
      if (!channels) return 'corrupt PNG file: unknown colour type';
      header = { width: view.getUint32(data), height: view.getUint32(data + 4), bitsPerPixel: bits * channels, interlaced: bytes[data + 12] === 1 };
    } else if (type === 'IDAT') idat.push(bytes.subarray(data, data + length));
    else if (type === 'IEND') break;
    at = data + length + 4;
  }
  if (!header || header.width === 0 || header.height === 0) return 'corrupt PNG file: it has no width or height';
  const size = inflatedSize(header.width, header.height, header.bitsPerPixel, header.interlaced);
  if (size > MAX_PNG_PIXEL_BYTES) return `it is ${header.width.toLocaleString('en')} × ${header.height.toLocaleString('en')} pixels, whose colours would take more than 64 MiB`;
  try {
    // Capped, so that a small file cannot unpack to gigabytes.
    const pixels = inflateSync(Buffer.concat(idat), { maxOutputLength: MAX_PNG_PIXEL_BYTES });
    if (pixels.length < size) return 'Incomplete or corrupt PNG file: its image data is cut short';
  } catch (error) {
    return `corrupt PNG file: its image data cannot be decompressed (${error instanceof Error ? error.message : String(error)})`;
  }
  return undefined;
}

const ADVICE: Record<LogoKind, string> = {
  PNG: 'open it in an image editor and export it again as PNG (a few hundred pixels a side are plenty)',
  JPEG: 'open it in an image editor and export it again as JPEG (or PNG)',
  SVG: 'simplify it, or export it as PNG',
};

/** What to do about a logo of `kind` that cannot be drawn. */
export function logoAdvice(kind: LogoKind): string {
  return ADVICE[kind];
}

/**
 * Why the logo cannot be drawn in the PDF, or undefined: it is drawn once, as
 * every PDF draws it, into a scratch document, so a broken logo is found when
 * the config is loaded rather than in every PDF of every statement.
 */
export async function logoProblem(kind: LogoKind, bytes: Uint8Array): Promise<string | undefined> {
  if (kind === 'PNG') {
    const problem = pngProblem(bytes);
    if (problem) return problem;
  }
  const [{ default: PDFDocument }, paint] = await Promise.all([import('pdfkit'), logoPainter(kind)]);
  const doc = new PDFDocument({ size: [LOGO_SIZE, LOGO_SIZE], margin: 0 });
  try {
    paint(doc, bytes, 0, 0, (bold) => (bold ? 'Helvetica-Bold' : 'Helvetica'));
    await new Promise<void>((resolve, reject) => {
      doc.on('data', () => {});
      doc.on('end', resolve);
      doc.on('error', reject);
      doc.end();
    });
    return undefined;
  } catch (error) {
    // pdfkit's JPEG reader throws strings; a stack overflow is an SVG nested too deeply.
    return error instanceof RangeError ? 'it is nested too deeply' : error instanceof Error ? error.message : String(error);
  }
}
