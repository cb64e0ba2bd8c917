import { readFont } from '../pdf/fonts.js';
import type { Fragment, Line } from '../pdf/layout/types.js';
import type { GlyphRun } from '../pdf/shape.js';

/** A shape to fill: SVG path data in pixels. */
export interface Outline {
  color: string;
  d: string;
}

/** The glyphs of a fragment from left to right, as the PDF draws them: its shaped words, or a right-to-left run shaped again from the right. */
function runs(fragment: Fragment): readonly GlyphRun[] {
  return fragment.rtl ? [fragment.font.rightToLeft(fragment.text)] : fragment.shapes;
}

/**
 * The outlines of a laid-out line (visual order, as `breakLines` gives it)
 * starting at `x` with its baseline at `baseline`: one path per fragment, so
 * each holds glyphs of one font only and keeps that font's winding (TrueType
 * and CFF outlines turn opposite ways, and would cut holes in each other).
 */
export function lineOutlines(line: Line, x: number, baseline: number): Outline[] {
  return line.fragments.map((fragment) => {
    const { font, style } = fragment;
    const scale = style.size / font.unitsPerEm;
    let pen = x + fragment.x;
    let d = '';
    for (const run of runs(fragment)) {
      run.glyphs.forEach((glyph, index) => {
        const position = run.positions[index]!;
        // Font units point up, pixels down: flip, then move to the pen and the glyph's own offset.
        const matrix = [scale, 0, 0, -scale, pen + position.xOffset * scale, baseline - position.yOffset * scale] as const;
        d += readFont(font.source, () => font.font.getGlyph(glyph.id).path.transform(...matrix).toSVG());
        pen += position.xAdvance * scale;
      });
    }
    return { color: style.color, d };
  });
}
