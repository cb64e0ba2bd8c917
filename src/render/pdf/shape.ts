import type { FontkitFont, FontkitGlyph, FontkitGlyphPosition } from 'fontkit';
import { reusingGlyphRecords, type GlyphRecords } from './subset.js';

/** What pdfkit reads of a glyph: its id, its advance, and the text it stands for (written to the ToUnicode map). */
export interface GlyphView {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}

/** A laid-out text as pdfkit's `font.layout` returns it, with positions pdfkit scales in place. */
export interface GlyphRunView {
  glyphs: GlyphView[];
  positions: (FontkitGlyphPosition & { advanceWidth: number })[];
  readonly advanceWidth: number;
}

/** Glyphs and their positions in font units, in drawing order. */
export interface GlyphRun {
  glyphs: GlyphView[];
  positions: FontkitGlyphPosition[];
}

/**
 * Text shaped once by fontkit. The code points each glyph stands for are
 * worked out here from the text: fontkit's own `glyph.codePoints` is cached
 * per font object with whatever text first produced the glyph (or none, when
 * subsetting created it as a part of an accented letter), so reading it made
 * the text layer of one PDF depend on the PDFs built before it.
 */
export class Shape implements GlyphRun {
  readonly text: string;
  /** Laid out left to right against its script's direction (Arabic-Indic digits): not what laying out `text` gives. */
  readonly forcedLeftToRight: boolean;
  readonly advanceWidth: number;
  /** Only spaces: left out at the end of a line. */
  readonly blank: boolean;
  readonly glyphs: GlyphView[];
  readonly positions: FontkitGlyphPosition[];

  constructor(text: string, run: { glyphs: readonly FontkitGlyph[]; positions: readonly FontkitGlyphPosition[]; rtl: boolean; forcedLeftToRight: boolean }, parts: ShapeParts) {
    const { glyphs, positions, rtl } = run;
    this.text = text;
    this.forcedLeftToRight = run.forcedLeftToRight;
    this.blank = /^\s*$/.test(text);
    this.positions = positions.map((position) => parts.position(position));
    this.advanceWidth = this.positions.reduce((sum, position) => sum + position.xAdvance, 0);
    const inLogicalOrder = <T>(items: readonly T[]) => (rtl ? [...items].reverse() : items);
    const assigned = alignCodePoints(
      Array.from(text, (char) => char.codePointAt(0)!),
      inLogicalOrder(glyphs).map((glyph) => glyph.id),
      inLogicalOrder(this.positions).map((position) => position.xAdvance === 0),
      parts.nominal,
    );
    if (rtl) assigned.reverse();
    this.glyphs = glyphs.map((glyph, index) => parts.view(glyph, assigned[index]!));
  }
}

/**
 * What shapes of one font are made of, shared between them: most shapes are
 * short words whose glyphs (with the same text) and positions recur.
 */
export class ShapeParts {
  private readonly views = new Map<number, GlyphView>();
  private readonly plainPositions = new Map<number, FontkitGlyphPosition>();

  constructor(readonly nominal: (codePoint: number) => number) {}

  view(glyph: FontkitGlyph, codePoints: number[]): GlyphView {
    if (codePoints.length !== 1) return { id: glyph.id, advanceWidth: glyph.advanceWidth, codePoints };
    const key = glyph.id * 0x110000 + codePoints[0]!;
    let view = this.views.get(key);
    if (!view) this.views.set(key, (view = { id: glyph.id, advanceWidth: glyph.advanceWidth, codePoints }));
    return view;
  }

  /** A position, shared when it is a plain advance (no offset), as most are. */
  position({ xAdvance, yAdvance, xOffset, yOffset }: FontkitGlyphPosition): FontkitGlyphPosition {
    if (yAdvance !== 0 || xOffset !== 0 || yOffset !== 0) return { xAdvance, yAdvance, xOffset, yOffset };
    let position = this.plainPositions.get(xAdvance);
    if (!position) this.plainPositions.set(xAdvance, (position = { xAdvance, yAdvance: 0, xOffset: 0, yOffset: 0 }));
    return position;
  }
}

/** How far ahead to look for the next glyph that is again the plain glyph of a character. */
const WINDOW = 8;

/**
 * Which code points each glyph stands for, glyphs and code points both in
 * logical order. A glyph that is the font's plain glyph for the next
 * character stands for it. Between two such anchors, the characters go to
 * the glyphs that take up room, in order, the last one taking the rest (a
 * ligature such as "fi", an Arabic joining form, a Devanagari conjunct);
 * marks of no width there (the dots Noto Sans Arabic adds to a dotless
 * letter) stand for nothing. A character whose glyph comes earlier (a
 * Devanagari vowel sign drawn before its consonant) goes with the next glyph.
 */
export function alignCodePoints(codePoints: readonly number[], glyphs: readonly number[], zeroWidth: readonly boolean[], nominal: (codePoint: number) => number): number[][] {
  const assigned: number[][] = glyphs.map(() => []);
  let carry: number[] = [];
  let i = 0;
  let j = 0;
  const anchors = (a: number, b: number) => i + a < glyphs.length && j + b < codePoints.length && glyphs[i + a] === nominal(codePoints[j + b]!);
  while (i < glyphs.length) {
    if (anchors(0, 0)) {
      assigned[i]!.push(...carry, codePoints[j]!);
      carry = [];
      i++;
      j++;
      continue;
    }
    let di = glyphs.length - i;
    let dj = codePoints.length - j;
    search: for (let distance = 1; distance <= 2 * WINDOW; distance++) {
      for (let a = Math.max(0, distance - WINDOW); a <= Math.min(distance, WINDOW); a++) {
        if (anchors(a, distance - a)) {
          di = a;
          dj = distance - a;
          break search;
        }
      }
    }
    const block = [...carry, ...codePoints.slice(j, j + dj)];
    if (di === 0) carry = block;
    else {
      const bases = Array.from({ length: di }, (_, k) => i + k).filter((index) => !zeroWidth[index]);
      const takers = bases.length ? bases : [i];
      takers.forEach((index, k) => assigned[index]!.push(...(k < takers.length - 1 ? block.slice(k, k + 1) : block.slice(k))));
      carry = [];
    }
    i += di;
    j += dj;
  }
  const rest = [...carry, ...codePoints.slice(j)];
  if (rest.length && assigned.length) assigned[assigned.length - 1]!.push(...rest);
  return assigned;
}

/**
 * `runs` joined into one run that pdfkit may scale in place (it multiplies
 * the positions, adds each glyph's advance, then reads the width).
 */
export function runForPdfkit(runs: readonly GlyphRun[]): GlyphRunView {
  // pdfkit only reads the glyphs; the positions are copied.
  const glyphs: GlyphView[] = runs.length === 1 ? runs[0]!.glyphs : runs.flatMap((run) => run.glyphs);
  const positions: GlyphRunView['positions'] = [];
  for (const run of runs) {
    for (const { xAdvance, yAdvance, xOffset, yOffset } of run.positions) positions.push({ xAdvance, yAdvance, xOffset, yOffset, advanceWidth: 0 });
  }
  return {
    glyphs,
    positions,
    get advanceWidth() {
      let width = 0;
      for (const position of positions) width += position.xAdvance;
      return width;
    },
  };
}

/** A call into fontkit, which parses a font's tables and glyphs only when they are first read. */
type FontRead = <T>(call: () => T) => T;

/**
 * The fontkit font as pdfkit sees it: fontkit's own parsed font (shared by
 * every document of the process), except for `layout`, and for the name of
 * each extra embedding of the font in a document (`variant` > 0), which has
 * to differ for pdfkit to keep it apart. What pdfkit reads of it, and of the
 * subset it embeds, goes through `read`; the subset takes its glyphs from `records`.
 */
export function fontForPdfkit(font: FontkitFont, variant: number, layout: (text: string) => GlyphRunView, read: FontRead, records: GlyphRecords): FontkitFont {
  const postscriptName = variant > 0 ? `${font.postscriptName}-${variant}` : font.postscriptName;
  return new Proxy(font, {
    get(target, key) {
      if (key === 'layout') return layout;
      if (key === 'postscriptName') return postscriptName;
      if (key === 'createSubset') return () => readingThrough(reusingGlyphRecords(read(() => target.createSubset()), records), read);
      return member(target, key, read);
    },
  });
}

/** `object` with every member read through `read`; each method wrapped once, as pdfkit calls the subset's `includeGlyph` for every glyph it draws. */
function readingThrough<T extends object>(object: T, read: FontRead): T {
  const methods = new Map<PropertyKey, unknown>();
  return new Proxy(object, {
    get(target, key) {
      if (methods.has(key)) return methods.get(key);
      const value = member(target, key, read);
      if (typeof value === 'function') methods.set(key, value);
      return value;
    },
  });
}

/** `object[key]` read through `read`; a method comes bound to `object`, its calls read through `read` too. */
function member(object: object, key: PropertyKey, read: FontRead): unknown {
  const value: unknown = read(() => Reflect.get(object, key, object));
  const own = Object.getOwnPropertyDescriptor(object, key);
  // A proxy must return a fixed own property as it is.
  if (typeof value !== 'function' || (own && !own.configurable && !own.writable)) return value;
  return (...args: unknown[]) => read(() => (value as (...args: unknown[]) => unknown).apply(object, args));
}
