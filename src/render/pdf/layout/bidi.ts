import bidiFactory, { type Bidi } from 'bidi-js';
import { RIGHT_TO_LEFT_SCRIPT } from '../fonts.js';
import type { Fragment, Line } from './types.js';

// bidi-js is CommonJS whose types describe an ES default export: Node gives the factory itself.
const bidi = (bidiFactory as unknown as () => Bidi)();

/** Characters of right-to-left scripts and the marks that start a right-to-left run: without one, a line needs no reordering. */
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u200f\u202b\u202e\u2067\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

interface Piece extends Fragment {
  level: number;
}

function mirrored(text: string): string {
  let out = '';
  for (const char of text) out += bidi.getMirroredCharacter(char) ?? char;
  return out;
}

/**
 * A line in visual order, by the Unicode bidirectional algorithm with a
 * left-to-right paragraph direction (a statement is left to right; an Arabic
 * or Hebrew name inside it is a right-to-left run), applied per line after
 * line breaking. Fragments are cut where the embedding level changes; those
 * at odd levels get mirrored brackets and are marked to be drawn from the
 * right (their text stays in logical order, for shaping), and the sequence
 * of fragments is reordered (rule L2).
 */
export function visualOrder(line: Line): Line {
  if (!line.fragments.some((fragment) => RIGHT_TO_LEFT.test(fragment.text))) return line;
  const text = line.fragments.map((fragment) => fragment.text).join('');
  const { levels } = bidi.getEmbeddingLevels(text, 'ltr');
  const pieces: Piece[] = [];
  let offset = 0;
  for (const fragment of line.fragments) {
    let start = 0;
    for (let i = 1; i <= fragment.text.length; i++) {
      if (i < fragment.text.length && levels[offset + i] === levels[offset + start]) continue;
      const piece = fragment.text.slice(start, i);
      const whole = start === 0 && i === fragment.text.length;
      pieces.push(whole ? { ...fragment, level: levels[offset]! } : { ...fragment, text: piece, level: levels[offset + start]!, width: fragment.font.width(piece, fragment.style.size), shapes: fragment.font.shapes(piece) });
      start = i;
    }
    offset += fragment.text.length;
  }

  for (const piece of pieces) {
    if (piece.level % 2 === 1) {
      piece.text = mirrored(piece.text);
      piece.rtl = true;
    } else if (RIGHT_TO_LEFT_SCRIPT.test(piece.text)) {
      // Arabic-Indic digits are of the Arabic script, which fontkit would lay out from the right.
      piece.shapes = piece.font.shapes(piece.text, 'ltr');
    }
  }

  const highest = Math.max(...pieces.map((piece) => piece.level));
  const lowestOdd = Math.min(...pieces.map((piece) => (piece.level % 2 === 1 ? piece.level : Number.POSITIVE_INFINITY)));
  for (let level = highest; level >= lowestOdd; level--) {
    for (let i = 0; i < pieces.length; ) {
      if (pieces[i]!.level < level) {
        i++;
        continue;
      }
      let end = i;
      while (end < pieces.length && pieces[end]!.level >= level) end++;
      pieces.splice(i, end - i, ...pieces.slice(i, end).reverse());
      i = end;
    }
  }

  let x = 0;
  const fragments = pieces.map(({ level: _level, ...piece }) => {
    const fragment: Fragment = { ...piece, x };
    x += piece.width;
    return fragment;
  });
  return { ...line, fragments, width: x };
}
