import type { FontSet } from '../fonts.js';
import { eachCluster, fontSpans, type FontSpan } from '../font-spans.js';
import { LEADING } from '../theme.js';
import type { Shape } from '../shape.js';
import { visualOrder } from './bidi.js';
import type { Fragment, Line, Piece, Run, RunStyle } from './types.js';

/** Code as laid out: line ends start new lines, spaces and tabs (four columns) never break or shrink. */
function preformatted(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').replace(/ /g, '\u00a0');
}

/**
 * Cut runs into pieces each drawn by one font. A character no font has is
 * left out: the `glyphs` check holds such a PDF back unless `--force`.
 * Only after the fonts are chosen do soft line breaks become spaces.
 */
export function pieces(runs: readonly Run[], fonts: FontSet): Piece[] {
  const out: Piece[] = [];
  for (const run of runs) {
    let current: FontSpan | undefined;
    const flush = () => {
      if (!current?.font || current.end <= current.start) return;
      const written = run.text.slice(current.start, current.end);
      const text = run.preformatted ? preformatted(written) : written.replace(/\r\n?|\n/g, ' ');
      out.push({ text, style: run.style, font: current.font });
    };
    for (const span of fontSpans(run.text, run.style.face, fonts)) {
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
