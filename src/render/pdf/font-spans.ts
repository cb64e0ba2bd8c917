import { isIgnorable, type Face, type FontSet, type LoadedFont } from './fonts.js';

/**
 * A stretch of text drawn by one font; `font` undefined: no font has these
 * characters. The PDF lays out what `fontSpans` gives and the `glyphs` check
 * reports the stretches without a font, so both agree on what is printable.
 */
export interface FontSpan {
  start: number;
  end: number;
  font?: LoadedFont;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** Text with nothing that combines (Latin, Greek, Cyrillic, punctuation; no marks): each UTF-16 unit is a character of its own. */
const SIMPLE_TEXT = /^[\u0000-\u02ff\u0370-\u0482\u048a-\u052f\u1e00-\u1fff\u2000-\u206f]*$/;
/** Text every main face draws as it is (printable ASCII and line ends): one span, nothing to look up. */
const PLAIN_ASCII = /^[\x20-\x7e\n\r\t]*$/;
/** Spaces and punctuation, which may be drawn by the font of the text around them. */
const NEUTRAL = /^[\p{Z}\p{P}]+$/u;

/** Text segmented at a time: Intl.Segmenter slows down more than linearly on long strings. */
const SEGMENT_WINDOW = 1024;

/** Calls `visit(start, end)` for each grapheme cluster (a letter with its marks, an emoji sequence) of `text`. */
export function eachCluster(text: string, visit: (start: number, end: number) => void): void {
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

function codePoints(text: string): number[] {
  return Array.from(text, (char) => char.codePointAt(0)!);
}

/**
 * Stretches of `text` in `face` each drawn by one font: a cluster goes to the
 * first font that has all of it, else each of its characters to the first
 * font that has it (none: the character is missing). Fonts are parsed, and
 * fallbacks opened, only as far as the text needs.
 */
export function fontSpans(text: string, face: Face, fonts: FontSet): FontSpan[] {
  const out: FontSpan[] = [];
  const main = fonts.faces[face];
  const add = (start: number, end: number, font: LoadedFont | undefined) => {
    const last = out[out.length - 1];
    if (last && last.font === font && last.end === start) last.end = end;
    else out.push({ start, end, font });
  };
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
