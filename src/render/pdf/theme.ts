import type { Face } from './fonts.js';

/** Page geometry and type scale, in PDF points (A4). */
export const PAGE = {
  size: 'A4' as const,
  width: 595.28,
  height: 841.89,
  marginTop: 56,
  marginBottom: 72,
  marginX: 60,
  /** Gap between the English and Spanish columns of the parallel layout. */
  columnGap: 20,
  footerY: 841.89 - 46,
};

export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.marginX;
export const CONTENT_BOTTOM = PAGE.height - PAGE.marginBottom;

/** Leading as a multiple of the font size. */
export const LEADING = 1.38;

export interface TextStyle {
  face: Face;
  size: number;
  color: string;
}

export interface Theme {
  primary: string;
  accent: string;
  text: string;
  muted: string;
  rule: string;
  body: TextStyle;
  small: TextStyle;
}

export function theme(colors: { primary: string; accent: string }, parallel: boolean): Theme {
  const bodySize = parallel ? 9.5 : 10.5;
  return {
    primary: colors.primary,
    accent: colors.accent,
    text: '#1a1a1a',
    muted: '#555555',
    rule: '#b9c2cc',
    body: { face: 'serif', size: bodySize, color: '#1a1a1a' },
    small: { face: 'sans', size: bodySize - 2, color: '#555555' },
  };
}

export function headingSize(depth: number, body: number): number {
  return [body * 1.9, body * 1.45, body * 1.2, body * 1.08, body, body][depth - 1] ?? body;
}
