import { isIgnorable, type FontSet, type LoadedFont } from '../fonts.js';
import { LEADING } from '../theme.js';
import type { Shape } from '../shape.js';
import { visualOrder } from './bidi.js';
import type { Fragment, Line, Piece, Run, RunStyle, SourcePlace } from './types.js';

/** Characters in a row that no font can draw (a word of a script no font has), where they first appear in a file, and how often. */
export interface MissingGlyph {
  text: string;
  place: SourcePlace;
  count: number;
}

/** What no font can draw, each text kept once per file (a long text of it stays one entry). */
export class MissingGlyphs {
  private readonly byText = new Map<string, MissingGlyph>();

  add(text: string, place: SourcePlace): void {
    const key = `${text}\0${place.file}`;
    const known = this.byText.get(key);
    if (known) known.count++;
    else this.byText.set(key, { text, place, count: 1 });
  }

  get list(): MissingGlyph[] {
    return [...this.byText.values()];
  }

  get length(): number {
    return this.byText.size;
  }
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** Text with nothing that combines (Latin, Greek, Cyrillic, punctuation; no marks): each UTF-16 unit is a character of its own. */
const SIMPLE_TEXT = /^[\u0000-\u02ff\u0370-\u0482\u048a-\u052f\u1e00-\u1fff\u2000-\u206f]*$/;
/** Text every main face draws as it is (printable ASCII and line ends): one piece, nothing to look up. */
const PLAIN_ASCII = /^[\x20-\x7e\n\r\t]*$/;
/** Spaces and punctuation, which may be drawn by the font of the text around them. */
const NEUTRAL = /^[\p{Z}\p{P}]+$/u;

interface Span {
  start: number;
  end: number;
  font?: LoadedFont;
}

/** Text segmented at a time: Intl.Segmenter slows down more than linearly on long strings. */
const SEGMENT_WINDOW = 1024;

/** Calls `visit(start, end)` for each grapheme cluster (a letter with its marks, an emoji sequence) of `text`. */
function eachCluster(text: string, visit: (start: number, end: number) => void): void {
  if (SIMPLE_TEXT.test(text)) {
    for (let i = 0; i < text.length; i++) visit(i, i + 1);
    return;
  }
  // Window by window, each starting where the last whole cluster of the one before ended.
  for (let start = 0; start < text.length; ) {
    const end = Math.min(text.length, start + SEGMENT_WINDOW);
    const clusters = Array.from(segmenter.segment(text.slice(start, end)), ({ index, segment }) => [start + index, start + index + segment.length] as const);
    const whole = end === text.length ? clusters.length : Math.max(1, clusters.length - 1);
    for (let k = 0; k < whole; k++) visit(clusters[k]![0], clusters[k]![1]);
    start = clusters[whole - 1]![1];
  }
}

/** Where in the source a run's character at `offset` was written, tracking lines as the run is scanned in order. */
class PlaceTracker {
  private line: number;
  private lineStart = 0;
  private scanned = 0;

  constructor(private readonly run: Run) {
    this.line = run.place.line ?? 0;
  }

  at(offset: number): SourcePlace {
    const { text, place } = this.run;
    for (; this.scanned < offset; this.scanned++) {
      if (text.charCodeAt(this.scanned) === 10) {
        this.line++;
        this.lineStart = this.scanned + 1;
      }
    }
    if (place.line === undefined) return { file: place.file };
    if (place.columns) return { file: place.file, line: place.line, column: place.columns[offset] ?? place.column };
    if (this.line > place.line) return { file: place.file, line: this.line, column: offset - this.lineStart + 1 + (place.indent ?? 0) };
    // A value whose column is not known (a signatory's line) gets none rather than a made-up one.
    return place.column === undefined ? { file: place.file, line: this.line } : { file: place.file, line: this.line, column: place.column + offset };
  }
}

function codePoints(text: string): number[] {
  return Array.from(text, (char) => char.codePointAt(0)!);
}

/**
 * Stretches of a run each drawn by one font: a cluster goes to the first font
 * that has all of it, else each of its characters to the first font that has
 * it (none: the character is missing).
 */
function spans(run: Run, fonts: FontSet): Span[] {
  const out: Span[] = [];
  const face = run.style.face;
  const main = fonts.faces[face];
  const add = (start: number, end: number, font: LoadedFont | undefined) => {
    const last = out[out.length - 1];
    if (last && last.font === font && last.end === start) last.end = end;
    else out.push({ start, end, font });
  };
  const { text } = run;
  if (PLAIN_ASCII.test(text)) return [{ start: 0, end: text.length, font: main }];
  // Characters drawn as no glyph go with what comes before them.
  const previous = () => out[out.length - 1]?.font ?? main;
  const visit = (start: number, end: number) => {
    const cluster = text.slice(start, end);
    const visible = codePoints(cluster).filter((codePoint) => !isIgnorable(String.fromCodePoint(codePoint)));
    if (visible.length === 0) return add(start, end, previous());
    const font = fonts.fontFor(face, visible);
    if (font || visible.length === 1) return add(start, end, font);
    let offset = start;
    for (const char of cluster) {
      add(offset, offset + char.length, isIgnorable(char) ? previous() : fonts.fontFor(face, codePoints(char)));
      offset += char.length;
    }
  };
  if (SIMPLE_TEXT.test(text)) {
    // Latin text: most characters are the main face's, without a look at clusters.
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if ((code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code !== 0xad && main.has(code))) add(i, i + 1, main);
      else visit(i, i + 1);
    }
  } else eachCluster(text, visit);
  // Spaces and punctuation between two stretches of the same fallback font stay in it, so
  // a right-to-left name is one run of one font, shaped and reordered as a whole.
  for (let i = 1; i + 1 < out.length; i++) {
    const around = out[i - 1]!.font;
    const between = text.slice(out[i]!.start, out[i]!.end);
    if (around?.fallback && out[i + 1]!.font === around && NEUTRAL.test(between) && codePoints(between).every((codePoint) => around.has(codePoint))) out[i]!.font = around;
  }
  return out;
}

/** Code as laid out: line ends start new lines, spaces and tabs (four columns) never break or shrink. */
function preformatted(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').replace(/ /g, '\u00a0');
}

/**
 * Cut runs into pieces each drawn by one font, and report characters that no
 * font has. Positions are counted in the text as written; only then do soft
 * line breaks become spaces.
 */
export function pieces(runs: readonly Run[], fonts: FontSet, missing: MissingGlyphs): Piece[] {
  const out: Piece[] = [];
  for (const run of runs) {
    const places = new PlaceTracker(run);
    let current: Span | undefined;
    const flush = () => {
      if (!current?.font || current.end <= current.start) return;
      const written = run.text.slice(current.start, current.end);
      const text = run.preformatted ? preformatted(written) : written.replace(/\r\n?|\n/g, ' ');
      out.push({ text, style: run.style, font: current.font });
    };
    for (const span of spans(run, fonts)) {
      if (!span.font) missing.add(run.text.slice(span.start, span.end), places.at(span.start));
      if (current && span.font === current.font) {
        current.end = span.end;
        continue;
      }
      flush();
      current = { ...span };
    }
    flush();
  }
  return out;
}

interface WordPart {
  text: string;
  piece: Piece;
  /** The part shaped as drawn, kept so drawing shapes nothing again. */
  shape: Shape;
  width: number;
}

/** Text with no break opportunity inside, and whether a space (or a hard break) follows. */
interface Word {
  parts: WordPart[];
  width: number;
  after: 'space' | 'break' | 'none';
  space?: WordPart;
}

/** Characters after which a URL or a compound word may break. */
const BREAK_AFTER = /[/\-–—.?&=_,;:)\]]/;

function part(text: string, piece: Piece): WordPart {
  const shape = piece.font.shape(piece.font.drawable(text));
  return { text, piece, shape, width: (shape.advanceWidth / piece.font.unitsPerEm) * piece.style.size };
}

function words(input: readonly Piece[]): Word[] {
  const out: Word[] = [];
  let current: Word = { parts: [], width: 0, after: 'none' };
  const finish = (after: Word['after'], space?: WordPart) => {
    current.after = after;
    current.space = space;
    if (current.parts.length || after === 'break') out.push(current);
    current = { parts: [], width: 0, after: 'none' };
  };
  for (const piece of input) {
    // Spaces, tabs and line ends are break opportunities; no-break spaces (U+00A0, U+202F) are not.
    for (const token of piece.text.split(/([ \t\r\u200b]+|\n)/)) {
      if (token === '') continue;
      if (token === '\n') finish('break');
      else if (/^[ \t\r\u200b]+$/.test(token)) {
        if (current.parts.length) finish('space', token.includes(' ') || token.includes('\t') ? part(' ', piece) : undefined);
      } else {
        const wordPart = part(token.replace(/\u00ad/g, ''), piece);
        current.parts.push(wordPart);
        current.width += wordPart.width;
      }
    }
  }
  finish('none');
  return out;
}

/**
 * Cut a word wider than the line into pieces that fit, preferring to break
 * after a slash, hyphen or dot (URLs), else between any two characters.
 */
export function splitWord(word: Word, maxWidth: number): Word[] {
  const graphemes: WordPart[] = [];
  for (const p of word.parts) eachCluster(p.text, (start, end) => graphemes.push(part(p.text.slice(start, end), p.piece)));
  const out: Word[] = [];
  let start = 0;
  while (start < graphemes.length) {
    let width = 0;
    let end = start;
    let preferred = -1;
    while (end < graphemes.length && width + graphemes[end]!.width <= maxWidth) {
      width += graphemes[end]!.width;
      if (BREAK_AFTER.test(graphemes[end]!.text) && end + 1 < graphemes.length) preferred = end + 1;
      end++;
    }
    if (end === start) end = start + 1; // a single glyph wider than the column: draw it anyway
    else if (end < graphemes.length && preferred > start + (end - start) * 0.5) end = preferred;
    out.push(joinParts(graphemes.slice(start, end)));
    start = end;
  }
  const last = out[out.length - 1];
  if (last) {
    last.after = word.after;
    last.space = word.space;
  }
  return out;
}

function joinParts(graphemes: WordPart[]): Word {
  const parts: WordPart[] = [];
  for (const g of graphemes) {
    const previous = parts[parts.length - 1];
    if (previous && previous.piece === g.piece) previous.text += g.text;
    else parts.push({ ...g });
  }
  const joined = parts.map((p) => part(p.text, p.piece));
  return { parts: joined, width: joined.reduce((sum, p) => sum + p.width, 0), after: 'none' };
}

function sameLook(a: RunStyle, b: RunStyle): boolean {
  return a === b || (a.face === b.face && a.size === b.size && a.color === b.color && a.link === b.link && a.underline === b.underline && a.strike === b.strike && a.rise === b.rise);
}

class LineBuilder {
  fragments: Fragment[] = [];
  width = 0;
  height = 0;
  size = 0;
  private pendingSpace?: WordPart;

  constructor(private readonly minHeight: number) {}

  get empty(): boolean {
    return this.fragments.length === 0;
  }

  widthWith(word: Word): number {
    return this.width + (this.empty || !this.pendingSpace ? 0 : this.pendingSpace.width) + word.width;
  }

  add(word: Word): void {
    if (!this.empty && this.pendingSpace) this.append(this.pendingSpace);
    for (const p of word.parts) this.append(p);
    this.pendingSpace = word.after === 'space' ? word.space : undefined;
  }

  private append(p: WordPart): void {
    const last = this.fragments[this.fragments.length - 1];
    if (last && last.font === p.piece.font && sameLook(last.style, p.piece.style)) {
      last.text += p.text;
      last.width += p.width;
      last.shapes.push(p.shape);
    } else {
      this.fragments.push({ text: p.text, font: p.piece.font, style: p.piece.style, x: this.width, width: p.width, shapes: [p.shape] });
    }
    this.width += p.width;
    this.height = Math.max(this.height, p.piece.style.size * LEADING);
    this.size = Math.max(this.size, p.piece.style.size);
  }

  finish(): Line {
    return visualOrder({ fragments: this.fragments, width: this.width, height: Math.max(this.height, this.minHeight), size: this.size || this.minHeight / LEADING });
  }
}

/**
 * Greedy line breaking of styled text into lines no wider than `maxWidth`,
 * each in visual order. Words too long for a whole line are cut (see
 * `splitWord`), so text never leaves its column.
 */
export function breakLines(input: readonly Piece[], maxWidth: number, minLineHeight: number): Line[] {
  const lines: Line[] = [];
  let line = new LineBuilder(minLineHeight);
  for (const word of words(input)) {
    const fitted = word.width > maxWidth ? splitWord(word, maxWidth) : [word];
    for (const piece of fitted) {
      if (!line.empty && line.widthWith(piece) > maxWidth) {
        lines.push(line.finish());
        line = new LineBuilder(minLineHeight);
      }
      if (piece.parts.length) line.add(piece);
    }
    if (word.after === 'break') {
      lines.push(line.finish());
      line = new LineBuilder(minLineHeight);
    }
  }
  if (!line.empty || lines.length === 0) lines.push(line.finish());
  return lines;
}
