import { faceFile, FACES } from '../pdf/fonts.js';
import { logoKind, type LogoKind } from '../pdf/logo.js';

type ResvgModule = typeof import('@resvg/resvg-js');

/** A logo as the share image embeds it: an image of its own, as a data URI's type and bytes. */
export interface EmbeddedLogo {
  type: string;
  bytes: Uint8Array;
}

const TYPES: Record<Exclude<LogoKind, 'SVG'>, string> = { PNG: 'image/png', JPEG: 'image/jpeg' };

/** Every attribute naming a reference (`href`, `xlink:href`, `feImage`'s too) and its value. */
const REFERENCE = /(\s[\w.-]*:?href\s*=\s*)(["'])([^]*?)\2/gi;

/**
 * The SVG with every reference to something outside it (a file, a web
 * address) emptied: resvg reads the files an `<image>` or `<feImage>` names,
 * and a logo's outside references are never drawn (the loader warns of them).
 * Fragments (`#gradient`) and embedded data stay.
 */
export function withinItself(svg: string): string {
  return svg.replace(REFERENCE, (whole, name: string, quote: string, value: string) => (/^(?:#|data:)/i.test(value) ? whole : `${name}${quote}#${quote}`));
}

/**
 * The logo ready to embed in a share image whose logo box is `box` pixels
 * square. A PNG or JPEG as it is. An SVG is drawn on its own first, at the
 * size it is shown (an SVG inside an SVG image would lose its text): its
 * text in the PDF's sans and serif faces and never in the machine's own
 * fonts, as the PDF draws it, so the pixels are the same on every machine.
 */
export function embeddedLogo(resvg: ResvgModule, file: string, bytes: Uint8Array, box: number): EmbeddedLogo | undefined {
  const kind = logoKind(file);
  if (!kind) return undefined;
  if (kind !== 'SVG') return { type: TYPES[kind], bytes };
  const svg = withinItself(Buffer.from(bytes).toString('utf8'));
  const font = { loadSystemFonts: false, fontFiles: FACES.map(faceFile), defaultFontFamily: 'Noto Sans', sansSerifFamily: 'Noto Sans', serifFamily: 'Noto Serif' };
  const natural = new resvg.Resvg(svg, { font: { loadSystemFonts: false }, logLevel: 'off' });
  const zoom = box / Math.max(natural.width, natural.height);
  return { type: 'image/png', bytes: new resvg.Resvg(svg, { font, logLevel: 'off', fitTo: { mode: 'zoom', value: zoom } }).render().asPng() };
}
