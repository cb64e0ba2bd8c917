import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it, vi } from 'vitest';
import { GlyphRecords, reusingGlyphRecords } from '../../../src/render/pdf/subset.js';
import { PROJECT_ROOT } from '../../helpers/cli.js';

const NOTO_SANS = path.join(PROJECT_ROOT, 'node_modules/@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf');
/** Plain letters, and accented ones that Noto Sans draws as composites of a letter and an accent. */
const TEXT = 'Año de sequía: «más agua» — 12,5 % ÅÉü';

interface Subset {
  includeGlyph(id: number): number;
  encode(): Uint8Array;
}

function encoded(font: fontkit.FontkitFont, subset: Subset): Buffer {
  for (const glyph of font.layout(TEXT).glyphs) subset.includeGlyph(glyph.id);
  return Buffer.from(subset.encode());
}

describe('TrueType subsets from glyph records kept per font', () => {
  it('encode the same bytes as fontkit, composites renumbered, and read each glyph from the font once', () => {
    const font = fontkit.create(readFileSync(NOTO_SANS));
    const composite = font.glyphForCodePoint('é'.codePointAt(0)!);
    expect((composite as unknown as { _decode(): { numberOfContours: number } })._decode().numberOfContours).toBeLessThan(0);
    const own = encoded(font, font.createSubset() as unknown as Subset);
    const records = new GlyphRecords();
    const first = encoded(font, reusingGlyphRecords(font.createSubset() as unknown as Subset, records));
    expect(first.equals(own)).toBe(true);
    const decode = vi.spyOn(Object.getPrototypeOf(composite) as { _decode(): unknown }, '_decode');
    try {
      const second = encoded(font, reusingGlyphRecords(font.createSubset() as unknown as Subset, records));
      expect(second.equals(own)).toBe(true);
      expect(decode).not.toHaveBeenCalled();
    } finally {
      decode.mockRestore();
    }
    // A composite is renumbered in a copy: the font's own bytes, and so fontkit's own subsets, are untouched.
    expect(encoded(font, font.createSubset() as unknown as Subset).equals(own)).toBe(true);
    expect(encoded(fontkit.create(readFileSync(NOTO_SANS)), fontkit.create(readFileSync(NOTO_SANS)).createSubset() as unknown as Subset).equals(own)).toBe(true);
  });

  it('leave a subset they do not know as it is', () => {
    const subset = { includeGlyph: (id: number) => id };
    const kept = reusingGlyphRecords(subset, new GlyphRecords());
    expect(kept).toBe(subset);
    expect(Object.keys(kept)).toEqual(['includeGlyph']);
  });
});
