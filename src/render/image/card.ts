import type { Face, FontSet } from '../pdf/fonts.js';
import { eachCluster } from '../pdf/font-spans.js';
import { breakLines, pieces } from '../pdf/layout/inline.js';
import type { Line } from '../pdf/layout/types.js';
import type { EmbeddedLogo } from './logo.js';
import { lineOutlines, type Outline } from './outline.js';
import { SHARE_IMAGE } from './size.js';

/** What a share image shows: one language's headline and publisher, and the publisher's logo and colours. */
export interface Card {
  headline: string;
  publisher: string;
  colors: { primary: string; accent: string };
  logo?: EmbeddedLogo;
}

/** The side of the square the logo is fitted into, in pixels. */
export const LOGO_BOX = 88;

/** The card's geometry, in pixels. */
const LAYOUT = {
  /** The band in the primary colour down the left edge. */
  band: 20,
  left: 92,
  right: 80,
  top: 64,
  bottom: 60,
  logo: LOGO_BOX,
  logoGap: 28,
  publisher: { size: 30, lines: 2, leading: 1.2 },
  /** The short rule in the accent colour between the publisher and the headline. */
  rule: { gap: 30, width: 96, height: 8 },
  /** Set as large as fits, down to `smallest`; what still does not fit ends in an ellipsis. */
  headline: { gap: 36, largest: 72, smallest: 40, step: 4, leading: 1.16 },
  background: '#ffffff',
  text: '#1a1a1a',
} as const;

const ELLIPSIS = '\u2026';

/** `text` broken into lines no wider than `width`, in `face` at `size`. */
function layOut(text: string, face: Face, size: number, color: string, width: number, fonts: FontSet): Line[] {
  return breakLines(pieces([{ text, style: { face, size, color } }], fonts), width, 0);
}

/**
 * At most `maxLines` lines of `text`: all of it when it fits, else as many of
 * its characters (grapheme clusters, so a letter keeps its marks) as fit with
 * an ellipsis after them.
 */
function clamped(text: string, maxLines: number, lay: (text: string) => Line[]): Line[] {
  const lines = lay(text);
  if (lines.length <= maxLines) return lines;
  const ends: number[] = [];
  eachCluster(text, (_start, end) => ends.push(end));
  const shortened = (count: number) => lay(`${text.slice(0, ends[count - 1] ?? 0).trimEnd()}${ELLIPSIS}`);
  // The longest prefix that fits: fewer characters never take more lines.
  let fits = 0;
  let over = ends.length;
  while (over - fits > 1) {
    const middle = Math.floor((fits + over) / 2);
    if (shortened(middle).length <= maxLines) fits = middle;
    else over = middle;
  }
  return shortened(fits);
}

/** The headline at the largest size whose lines fit `height`; at the smallest size, clamped to the lines that fit. */
function headlineLines(headline: string, width: number, height: number, fonts: FontSet): { lines: Line[]; size: number } {
  const { largest, smallest, step, leading } = LAYOUT.headline;
  const lay = (size: number) => (text: string) => layOut(text, 'sansBold', size, LAYOUT.text, width, fonts);
  for (let size = largest; size > smallest; size -= step) {
    const lines = lay(size)(headline);
    if (lines.length * size * leading <= height) return { lines, size };
  }
  return { lines: clamped(headline, Math.max(1, Math.floor(height / (smallest * leading))), lay(smallest)), size: smallest };
}

/** Lines set from `top`, `size * leading` apart, each baseline placed as the PDF places it within its line. */
function setLines(lines: readonly Line[], x: number, top: number, size: number, leading: number): Outline[] {
  const advance = size * leading;
  return lines.flatMap((line, index) => lineOutlines(line, x, top + index * advance + (advance - size) / 2 + size * 0.86));
}

function rect(x: number, y: number, width: number, height: number, fill: string): string {
  return `<rect x="${x}" y="${y}" width="${width}" height="${height}" fill="${fill}"/>`;
}

/**
 * The share image as an SVG document: every word drawn as glyph outlines
 * (laid out, shaped and put in visual order as the PDF sets text, in the
 * fonts of the render context), so rasterising it needs no font and the
 * pixels depend on nothing but the card. Colours are validated hex values
 * and the logo is base64, so nothing here needs escaping.
 */
export function cardSvg(card: Card, fonts: FontSet): string {
  const { width, height } = SHARE_IMAGE;
  const { band, left, right, top, bottom, logo, logoGap, publisher, rule, headline } = LAYOUT;
  const textWidth = width - left - right;

  const nameX = card.logo ? left + logo + logoGap : left;
  const nameLines = clamped(card.publisher, publisher.lines, (text) => layOut(text, 'sansBold', publisher.size, card.colors.primary, width - right - nameX, fonts));
  const nameHeight = nameLines.length * publisher.size * publisher.leading;
  const headerHeight = card.logo ? Math.max(logo, nameHeight) : nameHeight;
  const ruleY = top + headerHeight + rule.gap;
  const headlineTop = ruleY + rule.height + headline.gap;
  const title = headlineLines(card.headline, textWidth, height - bottom - headlineTop, fonts);

  const outlines = [
    ...setLines(nameLines, nameX, top + (headerHeight - nameHeight) / 2, publisher.size, publisher.leading),
    ...setLines(title.lines, left, headlineTop, title.size, headline.leading),
  ];
  const logoImage = card.logo
    ? `<image x="${left}" y="${top + (headerHeight - logo) / 2}" width="${logo}" height="${logo}" preserveAspectRatio="xMidYMid meet" href="data:${card.logo.type};base64,${Buffer.from(card.logo.bytes).toString('base64')}"/>`
    : '';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    rect(0, 0, width, height, LAYOUT.background),
    rect(0, 0, band, height, card.colors.primary),
    logoImage,
    rect(left, ruleY, rule.width, rule.height, card.colors.accent),
    ...outlines.filter((outline) => outline.d !== '').map((outline) => `<path fill="${outline.color}" d="${outline.d}"/>`),
    '</svg>',
  ].join('');
}
