import type { FontkitClassDef, FontkitFont, FontkitGlyphRun } from 'fontkit';

/** The glyphs a font's GDEF classes as marks (class 3). */
function markGlyphs(classes: FontkitClassDef): ReadonlySet<number> {
  const marks = new Set<number>();
  if (classes.version === 1) classes.classValueArray.forEach((value, index) => value === 3 && marks.add(classes.startGlyph + index));
  if (classes.version === 2) for (const range of classes.classRangeRecord) if (range.class === 3) for (let id = range.start; id <= range.end; id++) marks.add(id);
  return marks;
}

/** fontkit's own layout, every feature as its shaper plans them. */
export function fullLayout(font: FontkitFont): (text: string, direction?: 'ltr') => FontkitGlyphRun {
  return (text, direction) => font.layout(text, undefined, undefined, undefined, direction);
}

/**
 * Shaping for the bundled faces, whose mark-positioning lookups only ever
 * move glyphs their GDEF classes as marks (tests/render/pdf/marks.test.ts):
 * text that shapes to no mark glyph is laid out without those lookups, which
 * are most of what fontkit reads of a face for its first words (about 30 ms
 * a face); text that does is laid out again with every feature.
 */
export function markAwareLayout(font: FontkitFont): (text: string, direction?: 'ltr') => FontkitGlyphRun {
  const full = fullLayout(font);
  /** Read with the first text, as fontkit reads its tables (null: the font has no GDEF classes). */
  let marks: ReadonlySet<number> | null | undefined;
  return (text, direction) => {
    // Without GDEF classes fontkit tells marks by their Unicode category, which a run's glyphs do not show.
    marks ??= font.GDEF?.glyphClassDef ? markGlyphs(font.GDEF.glyphClassDef) : null;
    if (!marks) return full(text, direction);
    // The GPOS features that only place mark glyphs, switched off; a new object each time, as fontkit adds the features it applies to it.
    const run = font.layout(text, { mark: false, mkmk: false }, undefined, undefined, direction);
    return run.glyphs.some((glyph) => marks!.has(glyph.id)) ? full(text, direction) : run;
  };
}
