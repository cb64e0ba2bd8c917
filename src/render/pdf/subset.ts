/**
 * What a TrueType subset copies of one glyph: its `glyf` bytes as the font
 * has them, where each component of a composite glyph names its part, and
 * its horizontal metrics.
 */
interface GlyphRecord {
  bytes: Uint8Array;
  components?: readonly { glyphID: number; pos: number }[];
  advance: number;
  bearing: number;
}

/** fontkit 2.0.4's TrueType subset (fontkit is pinned to that version), as far as it is read and replaced here (its `_addGlyph` is private, hence the check in `reusingGlyphRecords`). */
interface TrueTypeSubset {
  font: {
    getGlyph(id: number): { advanceWidth: number; _decode(): { numberOfContours: number; components?: { glyphID: number; pos: number }[] } | null; _getMetrics(): { leftBearing: number } };
    loca: { offsets: number[] };
    _getTableStream(tag: 'glyf'): { pos: number; readBuffer(length: number): Uint8Array };
    _variationProcessor?: unknown;
  };
  glyphEncoder?: unknown;
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
  includeGlyph(id: number): number;
  _addGlyph(id: number): number;
}

/**
 * The glyph records of one font, kept with the font in the render context's
 * font library: fontkit decodes a glyph's whole outline each time a subset
 * takes it (only to learn whether it is a composite), for every document.
 * Reading it once per font makes each PDF about a tenth faster and allocates far less.
 */
export class GlyphRecords {
  private readonly records = new Map<number, GlyphRecord>();

  record(font: TrueTypeSubset['font'], id: number): GlyphRecord {
    let record = this.records.get(id);
    if (!record) {
      const glyph = font.getGlyph(id);
      const decoded = glyph._decode();
      const start = font.loca.offsets[id]!;
      const stream = font._getTableStream('glyf');
      stream.pos += start;
      const bytes = stream.readBuffer(font.loca.offsets[id + 1]! - start);
      const components = decoded && decoded.numberOfContours < 0 ? decoded.components?.map(({ glyphID, pos }) => ({ glyphID, pos })) : undefined;
      record = { bytes, ...(components ? { components } : {}), advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing };
      this.records.set(id, record);
    }
    return record;
  }
}

/**
 * `subset` (from `font.createSubset()`), taking each glyph from `records`;
 * it encodes the same bytes as fontkit's own. Left as it is when it is not
 * a TrueType subset of a font without variations (CFF outlines, variable
 * fonts), or fontkit's subset no longer has the members this relies on.
 */
export function reusingGlyphRecords<T extends object>(subset: T, records: GlyphRecords): T {
  const ttf = subset as unknown as Partial<TrueTypeSubset>;
  if (typeof ttf._addGlyph !== 'function' || !ttf.glyphEncoder || !ttf.font || ttf.font._variationProcessor || typeof ttf.font._getTableStream !== 'function') return subset;
  const font = ttf.font;
  ttf._addGlyph = function (this: TrueTypeSubset, id: number): number {
    const record = records.record(font, id);
    let bytes = record.bytes;
    if (record.components) {
      // A composite names its parts by glyph id: renumbered for the subset, in a copy.
      bytes = new Uint8Array(bytes);
      const view = new DataView(bytes.buffer);
      for (const component of record.components) view.setUint16(component.pos, this.includeGlyph(component.glyphID));
    }
    this.glyf.push(bytes);
    this.loca.offsets.push(this.offset);
    this.hmtx.metrics.push({ advance: record.advance, bearing: record.bearing });
    this.offset += bytes.length;
    return this.glyf.length - 1;
  };
  return subset;
}
