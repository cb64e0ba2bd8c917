import type { Resource } from 'i18next';
import { languageName, type Lang } from '../../model/languages.js';
import { FROZEN, OPENING_TAG, type ProseRun } from './typography-prose.js';

/**
 * A language's typographic conventions, read from `locales/<lang>/typography.json`:
 * data, so adding a language never means adding code.
 */
export interface Typography {
  /** The language's name in English, for messages. */
  name: string;
  /** Quotation marks by nesting level, outermost first: `« » “ ” ‘ ’`. */
  quotes: (readonly [string, string])[];
  /** What a straight `'…'` quotation becomes (a gloss, a quote in a quote). */
  singleQuotes: readonly [string, string];
  apostrophe: string;
  /** Between the outermost quotation marks and the words they hold (French: a narrow no-break space). */
  spaceInsideQuotes: string;
  spaceBeforePercent: string;
  /** Before `°C` and `°F`. */
  spaceBeforeDegree: string;
  /** Before `;`, `:`, `!` and `?` (never before `,` and `.`, in any of these languages). */
  spaceBeforeHighPunctuation: string;
  /** The mark that opens what `?` and `!` close (Spanish `¿`, `¡`), when the language has one. */
  inverted: Partial<Record<'?' | '!', string>>;
}

const KEYS = ['quotes', 'singleQuotes', 'apostrophe', 'spaceInsideQuotes', 'spaceBeforePercent', 'spaceBeforeDegree', 'spaceBeforeHighPunctuation', 'invertedQuestion', 'invertedExclamation'] as const;

function pairs(marks: string): (readonly [string, string])[] {
  const list = marks.split(/\s+/).filter(Boolean);
  return list.flatMap((mark, index) => (index % 2 === 0 && list[index + 1] ? [[mark, list[index + 1]!] as const] : []));
}

/** A language's conventions, or nothing when its locale folder has no (complete) typography.json: then it gets no typography findings. */
export function typographyOf(resources: Resource, lang: Lang): Typography | undefined {
  const data = resources[lang]?.typography as Record<string, unknown> | undefined;
  if (!data || KEYS.some((key) => typeof data[key] !== 'string')) return undefined;
  const value = data as Record<(typeof KEYS)[number], string>;
  const quotes = pairs(value.quotes);
  const single = pairs(value.singleQuotes)[0];
  if (quotes.length === 0 || !single) return undefined;
  return {
    name: languageName(lang),
    quotes,
    singleQuotes: single,
    apostrophe: value.apostrophe,
    spaceInsideQuotes: value.spaceInsideQuotes,
    spaceBeforePercent: value.spaceBeforePercent,
    spaceBeforeDegree: value.spaceBeforeDegree,
    spaceBeforeHighPunctuation: value.spaceBeforeHighPunctuation,
    inverted: { ...(value.invertedQuestion && { '?': value.invertedQuestion }), ...(value.invertedExclamation && { '!': value.invertedExclamation }) },
  };
}

/** A typographic fault in a run: where (an index of the run's text), why, and what replaces `text[start, end)` to fix it. */
export interface Finding {
  at: number;
  reason: string;
  fix?: { start: number; end: number; text: string };
}

const FIX = '`statements check --fix` does it';
const SPACE = '[ \\u00a0\\u202f\\u2009]';
const IS_SPACE = new RegExp(`^${SPACE}$`);
const NO_BREAK = /^[\u00a0\u202f]$/;

/** How many spaces (of any width) are next to `at` in `text`, going forward (`step` 1) or back (-1). */
function spacesBeside(text: string, at: number, step: 1 | -1): number {
  let length = 0;
  while (IS_SPACE.test(text[at + step * (length + 1)] ?? '')) length++;
  return length;
}

/** Whether the space written (`have`) is the one wanted; any no-break space (U+00A0 or U+202F) does where one is wanted. */
function fits(have: string, want: string): boolean {
  return NO_BREAK.test(want) ? NO_BREAK.test(have) : have === want;
}

const SPACE_NAMES: Record<string, string> = {
  '': 'no space',
  ' ': 'a space',
  '\u00a0': 'a no-break space (U+00A0)',
  '\u202f': 'a narrow no-break space (U+202F)',
  '\u2009': 'a thin space (U+2009)',
};

function spaceName(space: string): string {
  return SPACE_NAMES[space] ?? `${space.length} spaces`;
}

/** A space (or none) where the language wants another: `<have> before <what>: <Language> writes <want> there`. */
function spacing(at: number, start: number, have: string, want: string, where: string, c: Typography): Finding {
  const reason = `${spaceName(have)} ${where}: ${c.name} writes ${spaceName(want)} there; ${FIX}`;
  return { at, reason, fix: { start, end: start + have.length, text: want } };
}

/** `31%`, `31 %`, `32°C`: the space between a number and `%` or `°C` the language wants. */
function unitSpaces(text: string, c: Typography): Finding[] {
  const found: Finding[] = [];
  for (const match of text.matchAll(new RegExp(`(\\p{Nd})(${SPACE}*)(%|°[CF])`, 'gu'))) {
    const start = match.index + match[1]!.length;
    const [, , have, unit] = match;
    const want = unit === '%' ? c.spaceBeforePercent : c.spaceBeforeDegree;
    if (!fits(have!, want)) found.push(spacing(start, start, have!, want, `before \`${unit}\``, c));
  }
  return found;
}

const HIGH = ';:!?';
/** Where a space before `;:!?` does not belong: after another mark or an opening bracket (`?!`, `(?)`). */
const NO_SPACE_AFTER = /[\s!?;:([{«“‘¿¡]/u;

/** A space before `,` `.` (never wanted), and the space before `;` `:` `!` `?` the language wants (none, or French's narrow no-break space). */
function punctuationSpaces(text: string, c: Typography): Finding[] {
  const found: Finding[] = [];
  // Punctuation ends a word here: what follows is a space, the end, another mark or a closing quote or bracket (not `10:30`, `.5`, `...`).
  const pattern = new RegExp(`(?<=\\S)(${SPACE}*)([,.;:!?])(?=$|[\\s!?]|[)\\]»”’"'](?:$|[\\s,.;:!?]))`, 'gu');
  for (const match of text.matchAll(pattern)) {
    const [, have, mark] = match;
    const start = match.index;
    const want = HIGH.includes(mark!) ? c.spaceBeforeHighPunctuation : '';
    if (fits(have!, want)) continue;
    if (want && NO_SPACE_AFTER.test(text[start - 1]!)) continue;
    found.push(spacing(start, start, have!, want, `before \`${mark}\``, c));
  }
  return found;
}

/** Two or more spaces between words, where one is meant (indentation and a line's end are Markdown's business). */
function doubleSpaces(text: string): Finding[] {
  return [...text.matchAll(/(?<=\S) {2,}(?=\S)/g)].map((match) => ({
    at: match.index,
    reason: `${match[0].length} spaces in a row: write one; ${FIX}`,
    fix: { start: match.index, end: match.index + match[0].length, text: ' ' },
  }));
}

/** Before an opening quote: the start, a space, an opening bracket or dash, another opening mark. */
const OPENS_AFTER = new RegExp(`[\\s([{\u2014\u2013\\-/«“‘„‚‹¿¡${OPENING_TAG}]`, 'u');
const WORDISH = /[\p{L}\p{N}\uFFFC]/u;
const AFTER_CLOSE = /[\s\p{P}\p{S}]/u;
const DIGIT = /\p{Nd}/u;
/** What a closing quote without its opening follows: a word or punctuation, not a digit (`12"` is inches) or a symbol (`href="`). */
const ENDS_QUOTE = /[\p{L}\p{P}]/u;

const isSpace = (char: string | undefined) => char === undefined || /\s/u.test(char);
const opensAfter = (char: string | undefined) => char === undefined || OPENS_AFTER.test(char);

interface OpenQuote {
  close: string;
  level: number;
  single: boolean;
  /** A straight quote, and the index of its finding, while it may still turn out to be an apostrophe (`'tis`). */
  straight?: number;
}

/** What an open quote is looked up by: a straight `"` closes the innermost `double`, a straight `'` the innermost `straight single`, a typed mark the innermost it closes. */
type QuoteKind = 'double' | 'straight single' | `closed by ${string}`;

/**
 * The quotes open at a point of a run, innermost last, with the innermost of
 * each kind at hand: a run may hold thousands of unclosed marks, and each
 * quote must not search them all.
 */
class OpenQuotes {
  private readonly stack: OpenQuote[] = [];
  /** The stack indices of the open quotes of each kind, innermost last. */
  private readonly byKind = new Map<QuoteKind, number[]>();
  private readonly kinds: QuoteKind[][] = [];

  get top(): OpenQuote | undefined {
    return this.stack[this.stack.length - 1];
  }

  at(index: number): OpenQuote {
    return this.stack[index]!;
  }

  push(open: OpenQuote): void {
    const kinds: QuoteKind[] = [`closed by ${open.close}`];
    if (!open.single) kinds.push('double');
    else if (open.straight !== undefined) kinds.push('straight single');
    for (const kind of kinds) {
      const indices = this.byKind.get(kind);
      if (indices) indices.push(this.stack.length);
      else this.byKind.set(kind, [this.stack.length]);
    }
    this.kinds.push(kinds);
    this.stack.push(open);
  }

  /** The stack index of the innermost open quote of a kind, or -1. */
  innermost(kind: QuoteKind): number {
    return this.byKind.get(kind)?.at(-1) ?? -1;
  }

  /** Close the quote at `index` and every quote opened inside it, answering them. */
  closeFrom(index: number): OpenQuote[] {
    // They are the innermost of their kinds: each of its kinds' lists ends with their indices.
    for (const kinds of this.kinds.splice(index)) for (const kind of kinds) this.byKind.get(kind)!.pop();
    return this.stack.splice(index);
  }
}

/**
 * Straight quotes and apostrophes: each `"` becomes the language's quotation
 * mark for its nesting level (opening or closing, told by what is around it),
 * each `'` an apostrophe, or a single quotation mark when it opens and closes
 * one. A quote that cannot be told (`5 " 6`, an inch mark `12"`) is left.
 */
function straightQuotes(run: ProseRun, c: Typography): Finding[] {
  const { text } = run;
  const found: Finding[] = [];
  const stack = new OpenQuotes();
  const openers = new Map<string, { close: string; level: number; single: boolean }>();
  c.quotes.forEach(([open, close], level) => openers.set(open, { close, level, single: false }));
  // Single quotation marks nest like the level that uses them, or like the innermost.
  const singleIndex = c.quotes.findIndex(([open]) => open === c.singleQuotes[0]);
  const singleLevel = singleIndex >= 0 ? singleIndex : c.quotes.length - 1;
  if (!openers.has(c.singleQuotes[0])) openers.set(c.singleQuotes[0], { close: c.singleQuotes[1], level: singleLevel, single: true });
  const closers = new Set([...openers.values()].map((opener) => opener.close));
  /** Close the quote at `index` of the stack; straight single quotes opened inside it and never closed were apostrophes. */
  const closeAt = (index: number) => {
    for (const open of stack.closeFrom(index)) if (open.straight !== undefined && open.single) found[open.straight] = apostrophe(found[open.straight]!.at);
  };
  const apostrophe = (at: number): Finding => ({ at, reason: `a straight apostrophe: write ${c.apostrophe}; ${FIX}`, fix: { start: at, end: at + 1, text: c.apostrophe } });
  const quote = (at: number, level: number, opening: boolean, single: boolean): Finding => {
    const mark = single ? c.singleQuotes[opening ? 0 : 1] : c.quotes[level]![opening ? 0 : 1];
    const inside = !single && level === 0 ? c.spaceInsideQuotes : '';
    // The spaces between the mark and the words become the one the language puts there.
    const spaces = inside ? spacesBeside(text, at, opening ? 1 : -1) : 0;
    const fix = opening ? { start: at, end: at + 1 + spaces, text: mark + inside } : { start: at - spaces, end: at + 1, text: inside + mark };
    const which = single ? 'single quotation mark' : `quotation mark${level > 0 ? ` for a quotation inside a quotation` : ''}`;
    const after = inside ? `, with ${spaceName(inside)} ${opening ? 'after' : 'before'} it` : '';
    return { at, reason: `a straight quote: write ${mark} here (${c.name} ${opening ? 'opening' : 'closing'} ${which})${after}; ${FIX}`, fix };
  };

  // After a `"` that could not be told, a closing one without its opening is left too: it may close that one.
  let undecided = false;
  for (let at = 0; at < text.length; at++) {
    const char = text[at]!;
    if (run.from[at] === FROZEN) continue;
    const prev = text[at - 1];
    const next = text[at + 1];
    if (char === '"') {
      const double = stack.innermost('double');
      const opens = opensAfter(prev) && !isSpace(next);
      const closes = !isSpace(prev) && (next === undefined || AFTER_CLOSE.test(next));
      let action: 'open' | 'close' | undefined;
      if (opens !== closes) action = opens ? 'open' : 'close';
      else if (opens || (!isSpace(prev) && !isSpace(next))) action = double >= 0 ? 'close' : opens ? 'open' : undefined;
      else if (c.spaceInsideQuotes && prev !== undefined && next !== undefined) {
        // `" Bonjour "`, as typed for French on many keyboards: the spaces belong inside the marks.
        const wordAfter = !isSpace(text[at + 1 + spacesBeside(text, at, 1)]);
        const wordBefore = !isSpace(text[at - 1 - spacesBeside(text, at, -1)]);
        action = double >= 0 && wordBefore ? 'close' : double < 0 && wordAfter && opensAfter(prev) ? 'open' : undefined;
      }
      if (action === 'open') {
        const top = stack.top;
        const level = top ? (top.level + 1) % c.quotes.length : 0;
        stack.push({ close: c.quotes[level]![1], level, single: false });
        found.push(quote(at, level, true, false));
      } else if (action === 'close' && double >= 0) {
        found.push(quote(at, stack.at(double).level, false, false));
        closeAt(double);
      } else if (action === 'close' && !undecided && ENDS_QUOTE.test(prev ?? '')) {
        found.push(quote(at, 0, false, false));
      } else if (!action) undecided = true;
    } else if (char === "'") {
      const single = stack.innermost('straight single');
      if (WORDISH.test(prev ?? '') && WORDISH.test(next ?? '')) found.push(apostrophe(at));
      else if (single >= 0 && !isSpace(prev) && (next === undefined || AFTER_CLOSE.test(next))) {
        // It was a quotation mark after all, not an apostrophe.
        stack.at(single).straight = undefined;
        found.push(quote(at, 0, false, true));
        closeAt(single);
      } else if (WORDISH.test(prev ?? '')) found.push(apostrophe(at));
      else if (opensAfter(prev) && DIGIT.test(next ?? '')) found.push(apostrophe(at));
      else if (opensAfter(prev) && !isSpace(next)) {
        stack.push({ close: c.singleQuotes[1], level: singleLevel, single: true, straight: found.length });
        found.push(quote(at, 0, true, true));
      }
    } else if (openers.has(char)) {
      stack.push({ ...openers.get(char)! });
    } else if (closers.has(char)) {
      const open = stack.innermost(`closed by ${char}`);
      if (open >= 0) closeAt(open);
    }
  }
  closeAt(0);
  return found;
}

/** The space inside the language's outermost quotation marks already written (`« hola »` in Spanish, `«Bonjour»` in French). */
function spacesInsideQuotes(text: string, c: Typography): Finding[] {
  const [open, close] = c.quotes[0]!;
  const want = c.spaceInsideQuotes;
  const found: Finding[] = [];
  for (let at = 0; at < text.length; at++) {
    if (text[at] !== open && text[at] !== close) continue;
    const opening = text[at] === open;
    const spaces = spacesBeside(text, at, opening ? 1 : -1);
    const start = opening ? at + 1 : at - spaces;
    const have = text.slice(start, start + spaces);
    // A mark at a line's start or end has no space beside it to fix.
    const beyond = text[opening ? at + 1 + spaces : at - 1 - spaces];
    if (beyond !== undefined && beyond !== '\n' && !fits(have, want)) found.push(spacing(start, start, have, want, `${opening ? 'after' : 'before'} ${text[at]}`, c));
  }
  return found;
}

/** Spanish questions and exclamations open with `¿` and `¡`: each `?` needs one before it in its paragraph, each `¿` a `?` after it. */
function invertedMarks(text: string, c: Typography): Finding[] {
  const found: Finding[] = [];
  for (const [close, open] of Object.entries(c.inverted)) {
    const opened: number[] = [];
    for (let at = 0; at < text.length; at++) {
      if (text[at] === open) opened.push(at);
      else if (text[at] === close && opened.pop() === undefined) {
        found.push({ at, reason: `\`${close}\` ends what does not open with \`${open}\`: add ${open} where it begins (\`statements check --fix\` cannot tell where)` });
      }
    }
    for (const at of opened) found.push({ at, reason: `\`${open}\` opens what no \`${close}\` closes in this paragraph: add ${close} where it ends, or remove ${open}` });
  }
  return found;
}

/**
 * Every typographic fault of a run of prose, the most specific first: when
 * two fixes would touch the same characters, the first wins (`31  %` is a
 * space before `%`, not two spaces).
 */
export function typographyFindings(run: ProseRun, c: Typography): Finding[] {
  return [...unitSpaces(run.text, c), ...punctuationSpaces(run.text, c), ...straightQuotes(run, c), ...spacesInsideQuotes(run.text, c), ...doubleSpaces(run.text), ...invertedMarks(run.text, c)];
}
