import path from 'node:path';
import { diagnostic, type Diagnostic, type Place } from '../../model/diagnostic.js';
import type { Statement } from '../../model/statement.js';
import { fontSpans } from '../../render/pdf/font-spans.js';
import { FontFailure, fontFailureDiagnostic, type FontSet } from '../../render/pdf/fonts.js';
import type { CheckContext, StatementRule } from '../rule.js';
import { pdfTexts, placeTracker } from './pdf-texts.js';

const FONTS_TRIED = 'tried Noto Serif, Noto Sans, the fonts of `pdf.fonts.fallback` and the bundled Noto fonts for Arabic, Hebrew, Devanagari, symbols, emoji, Chinese, Japanese and Korean';
/** At most this many texts no font has are reported one by one; the rest are counted. */
const REPORTED_GLYPHS = 20;

/** Scripts the bundled fonts lack that statements are likely to hold, to name in the message. */
const SCRIPTS = ['Ethiopic', 'Armenian', 'Georgian', 'Thai', 'Lao', 'Khmer', 'Myanmar', 'Bengali', 'Gurmukhi', 'Gujarati', 'Oriya', 'Tamil', 'Telugu', 'Kannada', 'Malayalam', 'Sinhala', 'Tibetan', 'Mongolian', 'Syriac', 'Thaana', 'Tifinagh', 'Cherokee', 'Canadian_Aboriginal', 'Nko', 'Adlam', 'Vai'];

function scriptHint(text: string): string {
  const script = SCRIPTS.find((name) => new RegExp(`\\p{Script=${name}}`, 'u').test(text));
  return script ? ` (${script.replace('_', ' ')} script: Noto has a font for it)` : '';
}

function codePointLabel(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The characters, shown only when they show as something (never a control or an unassigned code point), and their code points. */
function describeCharacters(text: string): string {
  const chars = Array.from(text);
  const codes = chars.slice(0, 8).map(codePointLabel).join(', ') + (chars.length > 8 ? ', …' : '');
  const shown = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]+$/u.test(text) ? `"${text}" ` : '';
  return `${chars.length === 1 ? 'character' : 'characters'} ${shown}(${codes})`;
}

/** Characters in a row that no font can draw (a word of a script no font has), where they first appear in a file, and at how many places. */
interface Unprintable {
  text: string;
  place: Place;
  label?: string;
  places: Set<string>;
}

/**
 * What no font can draw, each text kept once per file (a word repeated is
 * one finding that counts its places; a value a translation inherits is
 * counted once, though every language prints it).
 */
function unprintable(statement: Statement, ctx: CheckContext, fonts: FontSet): Unprintable[] {
  const found = new Map<string, Unprintable>();
  for (const printed of pdfTexts(statement, ctx)) {
    let placeAt: ((offset: number) => Place) | undefined;
    for (const span of fontSpans(printed.text, printed.face, fonts)) {
      if (span.font) continue;
      placeAt ??= placeTracker(printed);
      const text = printed.text.slice(span.start, span.end);
      const place = placeAt(span.start);
      const key = `${text}\0${place.file}`;
      const entry = found.get(key) ?? { text, place, label: printed.label, places: new Set<string>() };
      entry.places.add(`${place.line}:${place.column}:${printed.label}`);
      found.set(key, entry);
    }
  }
  return [...found.values()];
}

function glyphDiagnostics(found: readonly Unprintable[], configFile: string): Diagnostic[] {
  const out = found.slice(0, REPORTED_GLYPHS).map(({ text, place, label, places }) => {
    const count = places.size;
    const of = label ? ` in ${label}` : '';
    const more = count > 1 ? ` (and ${count - 1} more time${count > 2 ? 's' : ''} in this file)` : '';
    return diagnostic(
      'error',
      'glyphs',
      `${describeCharacters(text)}${of} cannot be printed in the PDF${more}: no font has a glyph for ${Array.from(text).length === 1 ? 'it' : 'them'} (${FONTS_TRIED}). The HTML page and the email of this statement are still built (a browser and a mail client use their own fonts). To print it in the PDF, add a .ttf or .otf font that has it${scriptHint(text)} to ${path.basename(configFile)} as \`pdf: { fonts: { fallback: fonts/YourFont.ttf } }\`, or remove it`,
      place,
    );
  });
  if (found.length > REPORTED_GLYPHS) {
    const rest = found.slice(REPORTED_GLYPHS);
    out.push(diagnostic('error', 'glyphs', `${rest.length} more texts cannot be printed in the PDF, first "${rest[0]!.text}": add a font that has them, as above`, rest[0]!.place));
  }
  return out;
}

export const glyphs: StatementRule = {
  id: 'glyphs',
  severity: 'error',
  description: "a character no PDF font can print, in a statement's text in any language, its signatories, the publisher name or the UI strings (its PDFs are not built; its pages and emails are)",
  stage: 'statement',
  withholds: 'pdf',
  async check(statement, ctx) {
    try {
      return glyphDiagnostics(unprintable(statement, ctx, await ctx.fonts.load()), ctx.config.file);
    } catch (error) {
      // A damaged font: what it cannot draw is unknown, and the PDF cannot be built either.
      if (!(error instanceof FontFailure)) throw error;
      const failure = fontFailureDiagnostic(error);
      return [diagnostic('error', 'glyphs', failure.reason, { file: String(failure.file) })];
    }
  },
};
