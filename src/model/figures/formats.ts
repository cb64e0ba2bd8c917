import type { Lang } from '../languages.js';

/**
 * How one language writes figures, all of it taken from Intl (no word lists):
 * its decimal and group separators, the scale words that follow a number
 * (`millones`, `M`), how it spells a percentage, its month names and the
 * words that join a date's day, month and year (`de`). Made once per check
 * and language.
 */
export interface FigureFormats {
  lang: Lang;
  decimal: string;
  group: string;
  /** A scale word or two right after a number (`244 millones`), long forms ignoring case: the power of ten it stands for. */
  scaleWord: RegExp;
  scalePowers: ReadonlyMap<string, number>;
  /** Short compact forms (`M`, `mil M`, `Md`), case counted: `5 m` is five metres. */
  scaleSymbol: RegExp;
  symbolPowers: ReadonlyMap<string, number>;
  /** A percent sign or the spelled unit right after a number (`31 %`, `31 por ciento`). */
  percent: RegExp;
  /** A date written with a month name: day, month and year; day and month; month and year. */
  date: RegExp;
  /** Month names (nominative and as a date writes them), lowercased: their number, 1 to 12. */
  months: ReadonlyMap<string, number>;
}

const SPACE = '[ \\u00A0\\u202F]';
/** Powers of ten that Intl's compact notation names (thousand to trillion), each with a singular and a plural count. */
const COMPACT_POWERS = [3, 6, 9, 12];
const COMPACT_COUNTS = [1, 2, 244];

export function figureFormats(lang: Lang): FigureFormats {
  const parts = new Intl.NumberFormat(lang).formatToParts(1234567.5);
  const decimal = parts.find((part) => part.type === 'decimal')?.value ?? '.';
  const group = parts.find((part) => part.type === 'group')?.value ?? ',';
  const scalePowers = compactWords(lang, 'long');
  const symbolPowers = compactWords(lang, 'short');
  const months = monthNames(lang);
  return {
    lang,
    decimal,
    group,
    scaleWord: after(alternation(scalePowers.keys()), 'iuy'),
    scalePowers,
    scaleSymbol: after(alternation(symbolPowers.keys()), 'uy'),
    symbolPowers,
    percent: after(alternation(percentWords(lang)), 'iuy'),
    date: datePattern(lang, months),
    months,
  };
}

/** `thousand`, `millones`, `mil millones` (long) or `K`, `M`, `mil M` (short), as Intl writes them after a number: the power of ten each stands for. */
function compactWords(lang: Lang, display: 'long' | 'short'): Map<string, number> {
  const format = new Intl.NumberFormat(lang, { notation: 'compact', compactDisplay: display });
  const words = new Map<string, number>();
  for (const power of COMPACT_POWERS) {
    for (const count of COMPACT_COUNTS) {
      const parts = format.formatToParts(count * 10 ** power);
      const integer = parts.find((part) => part.type === 'integer');
      const word = parts.find((part) => part.type === 'compact')?.value;
      // French writes 1000 as `mille` alone, with no number to follow: no scale word after a number.
      if (!integer || !word) continue;
      // Spanish writes 10⁹ short as `1000 M`: the word is worth the value over the number written.
      const wordPower = power - Math.round(Math.log10(Number(integer.value) / count));
      const key = display === 'long' ? word.toLowerCase() : word;
      if (!words.has(key)) words.set(key, wordPower);
    }
  }
  return words;
}

/** The percent sign (`%`, and the language's own) and the spelled unit (`percent`, `por ciento`, `pour cent`). */
function percentWords(lang: Lang): string[] {
  const sign = new Intl.NumberFormat(lang, { style: 'percent' }).formatToParts(0.31).find((part) => part.type === 'percentSign')?.value;
  const unit = new Intl.NumberFormat(lang, { style: 'unit', unit: 'percent', unitDisplay: 'long' }).formatToParts(31).find((part) => part.type === 'unit')?.value;
  return [...new Set(['%', sign, unit?.toLowerCase()].filter((word): word is string => !!word))];
}

function monthNames(lang: Lang): Map<string, number> {
  const alone = new Intl.DateTimeFormat(lang, { month: 'long', timeZone: 'UTC' });
  // Some languages decline a month in a date (Russian `января`, not `январь`): take it from a whole date too.
  const inDate = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', timeZone: 'UTC' });
  const months = new Map<string, number>();
  for (let month = 1; month <= 12; month++) {
    const day = Date.UTC(2027, month - 1, 15);
    const names = [alone.format(day), inDate.formatToParts(day).find((part) => part.type === 'month')?.value];
    for (const name of names) if (name) months.set(name.toLowerCase(), month);
  }
  return months;
}

/** The words between a date's parts as Intl writes them (`de` in `15 de enero de 2027`); the commas and spaces are allowed anyway. */
function dateJoiners(lang: Lang): string[] {
  const joiners = new Set<string>();
  const day = Date.UTC(2027, 0, 15);
  for (const options of [{ day: 'numeric', month: 'long', year: 'numeric' }, { month: 'long', year: 'numeric' }] as const) {
    for (const part of new Intl.DateTimeFormat(lang, { ...options, timeZone: 'UTC' }).formatToParts(day)) {
      if (part.type !== 'literal') continue;
      for (const word of part.value.split(/[\s,]+/u)) if (/^\p{L}+$/u.test(word)) joiners.add(word.toLowerCase());
    }
  }
  return [...joiners];
}

/**
 * Day, month and year in either order (`15 January 2027`, `January 15, 2027`,
 * `15 de enero de 2027`, `1er janvier`), or month and year (`noviembre de
 * 2026`). Groups: day and month, or month and day (`day1`/`month1`,
 * `month2`/`day2`), each with an optional year, or `month3` with `year3`.
 * A day may carry an ordinal ending glued to it (`1st`, `1er`, `1.º`).
 */
function datePattern(lang: Lang, months: ReadonlyMap<string, number>): RegExp {
  const month = alternation(months.keys());
  const words = dateJoiners(lang);
  const join = `(?:,?${SPACE}+${words.length ? `(?:(?:${alternation(words)})${SPACE}+)?` : ''})`;
  const day = (name: string) => `(?<${name}>\\p{Nd}{1,2})(?!\\p{Nd})(?:\\.?[ºª°]|\\p{Ll}{1,2}(?!\\p{L}))?`;
  const year = (name: string) => `(?<${name}>\\p{Nd}{4})(?!\\p{Nd})`;
  const named = (name: string) => `(?<${name}>${month})(?!\\p{L})`;
  return new RegExp(
    `(?<![\\p{L}\\p{Nd}])(?:${day('day1')}${join}${named('month1')}(?:${join}${year('year1')})?` +
      `|${named('month2')}${join}${day('day2')}(?:${join}${year('year2')})?` +
      `|${named('month3')}${join}${year('year3')})`,
    'giu',
  );
}

/** Longest first, so `mil millones` wins over `mil`. */
function alternation(words: Iterable<string>): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, `${SPACE}+`))
    .join('|');
}

/** A sticky pattern for what may follow a number, after an optional space, and not run on into a word. */
function after(words: string, flags: string): RegExp {
  return new RegExp(words ? `${SPACE}?(?:${words})(?![\\p{L}\\p{N}])` : '(?!)', flags);
}
