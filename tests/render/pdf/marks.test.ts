import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import type { FontkitFont, FontkitGlyphRun } from 'fontkit';
import { describe, expect, it, vi } from 'vitest';
import { FACES, faceFile } from '../../../src/render/pdf/fonts.js';
import { markAwareLayout } from '../../../src/render/pdf/marks.js';

type Coverage = { version: 1; glyphs: number[] } | { version: 2; rangeRecords: { start: number; end: number }[] };
interface Gpos {
  featureList: { tag: string; feature: { lookupListIndexes: number[] } }[];
  lookupList: { get(index: number): { lookupType: number; subTables: { lookupType?: number; markCoverage?: Coverage; mark1Coverage?: Coverage; extension?: { markCoverage?: Coverage; mark1Coverage?: Coverage } }[] } };
}
interface LayoutTables {
  GPOS: Gpos;
  GSUB: { featureList: { tag: string }[] };
}

const faces = FACES.map((face) => ({ face, font: fontkit.create(readFileSync(faceFile(face))) }));

function gdefClass(font: FontkitFont, id: number): number {
  const classes = font.GDEF?.glyphClassDef;
  if (classes?.version === 1) return classes.classValueArray[id - classes.startGlyph] ?? 0;
  return classes?.classRangeRecord.find((range) => range.start <= id && id <= range.end)?.class ?? 0;
}

function same(a: FontkitGlyphRun, b: FontkitGlyphRun): boolean {
  return JSON.stringify([a.glyphs.map((glyph) => glyph.id), a.positions]) === JSON.stringify([b.glyphs.map((glyph) => glyph.id), b.positions]);
}

/** Spanish and English as written, a combining accent, Yoruba letters Noto Sans draws as a letter and a mark, Vietnamese. */
const TEXTS = ['Año de sequía: «más agua», 12,5 % — “quote”', 'office flow AVAT Tỳ', 'cafe\u0301', 'ọmọ ṣẹ ǹ ḿ', 'Việt Nam'];

describe('shaping the bundled faces without mark positioning where no mark is drawn', () => {
  it.each(faces)('relies on what holds for $face: its mark-positioning lookups only move glyphs GDEF classes as marks', ({ font }) => {
    const { GPOS: gpos, GSUB: gsub } = font as unknown as LayoutTables;
    expect(font.GDEF?.glyphClassDef).toBeDefined();
    // Only positioning: no substitution is switched off with them.
    expect(gsub.featureList.filter(({ tag }) => tag === 'mark' || tag === 'mkmk')).toEqual([]);
    const lookups = new Set(gpos.featureList.filter(({ tag }) => tag === 'mark' || tag === 'mkmk').flatMap(({ feature }) => feature.lookupListIndexes));
    expect(lookups.size).toBeGreaterThan(0);
    let covered = 0;
    for (const index of lookups) {
      const lookup = gpos.lookupList.get(index);
      for (const subTable of lookup.subTables) {
        // Mark-to-base, mark-to-ligature and mark-to-mark attachment only (type 9 wraps another type).
        expect([4, 5, 6]).toContain(lookup.lookupType === 9 ? subTable.lookupType : lookup.lookupType);
        const table = subTable.extension ?? subTable;
        const coverage = table.markCoverage ?? table.mark1Coverage;
        const glyphs = coverage?.version === 1 ? coverage.glyphs : (coverage?.rangeRecords ?? []).flatMap(({ start, end }) => Array.from({ length: end - start + 1 }, (_, i) => start + i));
        for (const id of glyphs) expect(gdefClass(font, id)).toBe(3);
        covered += glyphs.length;
      }
    }
    expect(covered).toBeGreaterThan(100);
  });

  it.each(faces)('gives the glyphs and positions of a full layout in $face', ({ font }) => {
    const layout = markAwareLayout(font);
    for (const text of TEXTS) expect(same(layout(text), font.layout(text)), text).toBe(true);
  });

  it('lays out a font without GDEF classes with every feature (fontkit then tells marks by their Unicode category)', () => {
    const { font } = faces.find(({ face }) => face === 'sans')!;
    const withoutClasses = new Proxy(font, { get: (target, key) => (key === 'GDEF' ? undefined : Reflect.get(target, key)) });
    const layout = markAwareLayout(withoutClasses);
    for (const text of TEXTS) expect(same(layout(text), withoutClasses.layout(text)), text).toBe(true);
  });

  it('lays out plain text once without the mark features, and text that draws a mark again with them', () => {
    const font = faces.find(({ face }) => face === 'sans')!.font;
    const layout = markAwareLayout(font);
    const calls = vi.spyOn(font, 'layout');
    try {
      layout('sequía');
      expect(calls.mock.calls.map((call) => call[1])).toEqual([expect.objectContaining({ mark: false, mkmk: false })]);
      calls.mockClear();
      // Noto Sans draws ọ as o and a dot below, placed by mark positioning.
      layout('ọmọ');
      expect(calls.mock.calls.map((call) => call[1])).toEqual([expect.objectContaining({ mark: false, mkmk: false }), undefined]);
    } finally {
      calls.mockRestore();
    }
  });
});
