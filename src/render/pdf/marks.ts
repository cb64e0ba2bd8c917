import type { FontkitClassDef, FontkitFont, FontkitGlyphRun } from 'fontkit';

/** The glyphs a font's GDEF classes as marks (class 3); none when it has no classes. */
function markGlyphs(classes: FontkitClassDef | undefined): ReadonlySet<number> {
  const marks = new Set<number>();
  if (classes?.version === 1) classes.classValueArray.forEach((value, index) => value === 3 && marks.add(classes.startGlyph + index));
  if (classes?.version === 2) for (const range of classes.classRangeRecord) if (range.class === 3) for (let id = range.start; id <= range.end; id++) marks.add(id);
  return marks;
}

/**
 * Shaping for the bundled faces, whose mark-positioning lookups only ever
 * move glyphs their GDEF classes as marks (tests/render/pdf/marks.test.ts):
 * text that shapes to no mark glyph is laid out without those lookups, which
 * are most of what fontkit reads of a face for its first words (about 30 ms
 * a face); text that does is laid out again with every feature.
 */
export function markAwareLayout(font: FontkitFont): (text: string, direction?: 'ltr') => FontkitGlyphRun {
  // Without GDEF classes fontkit tells marks by their Unicode category, which a run's glyphs do not show.
  if (!font.GDEF?.glyphClassDef) return (text, direction) => font.layout(text, undefined, undefined, undefined, direction);
  let marks: ReadonlySet<number> | undefined;
  return (text, direction) => {
    // The GPOS features that only place mark glyphs, switched off; a new object each time, as fontkit adds the features it applies to it.
    const run = font.layout(text, { mark: false, mkmk: false }, undefined, undefined, direction);
    marks ??= markGlyphs(font.GDEF?.glyphClassDef);
    return run.glyphs.some((glyph) => marks!.has(glyph.id)) ? font.layout(text, undefined, undefined, undefined, direction) : run;
  };
}
