import type { FigureFormats } from './formats.js';
import { NUMBER, numberValues, scaled } from './numbers.js';
import { asciiDigits, EMAIL_IN_TEXT, emailKey, URL_IN_TEXT, urlInText, urlKey } from './text.js';

export type FigureKind = 'number' | 'percent' | 'date' | 'time' | 'url' | 'email' | 'code';

/** A figure found in a piece of text, at its offset. */
export interface FoundFigure {
  kind: FigureKind;
  /** As written (`244 millones`, `31 %`, `15 de enero de 2027`). */
  written: string;
  /** What it reads as, each prefixed by its kind: two figures agree when they share one. */
  keys: string[];
  /** Weaker readings, tried on figures nothing else agrees with: a percentage's bare value, a URL's site and numbers. */
  loose: string[];
  /**
   * A date's day, month and year as number keys (`n:15`): the same date
   * written otherwise (`15/01/2027`, `the 15th of January 2027`) agrees with a
   * date that has a day when the other side has its day and year.
   */
  date?: { day?: string; month: string; year?: string };
  offset: number;
}

/** Written in code: compared as written, in no language's format. */
export type TextMode = 'prose' | 'code';

/** A time of day on a 24-hour clock (`9:30`, `14:00`): one figure, so `10:00` is not the numbers 10 and 0. */
const TIME = /(?<![\p{Nd}:])\p{Nd}{1,2}:\p{Nd}{2}(?![\p{Nd}:])/gu;

/** Masks what was read so it is not read again, keeping every offset. */
const MASK = '\u0000';

/**
 * The figures of a piece of text in order: URLs and email addresses first (a
 * number inside a URL is part of it), then dates with a month name, then
 * numbers with what follows them (a scale word, a percent sign). Currency
 * symbols and words are left alone: `$1.2 million` is the number 1200000.
 * Only decimal digits make figures: `³`, `₂` and a footnote-like `¹` are not
 * numbers, and neither is their plain-digit spelling in a unit ({@link unitIndex}).
 */
export function scanText(text: string, formats: FigureFormats, mode: TextMode): FoundFigure[] {
  const found: FoundFigure[] = [];
  let rest = text;
  // One pass per pattern; what a pass found is masked in one go (masking each match would copy the text once per figure).
  const pass = (pattern: RegExp, read: (match: RegExpExecArray) => FoundFigure | undefined, mask: boolean) => {
    const pieces: string[] = [];
    let kept = 0;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(rest); match; match = pattern.exec(rest)) {
      const figure = read(match);
      if (!figure) continue;
      found.push(figure);
      const end = figure.offset + figure.written.length;
      pattern.lastIndex = Math.max(pattern.lastIndex, end);
      if (mask) pieces.push(rest.slice(kept, figure.offset), MASK.repeat(end - figure.offset));
      kept = end;
    }
    if (mask && pieces.length) rest = pieces.join('') + rest.slice(kept);
  };
  if (rest.includes('://')) pass(URL_IN_TEXT, (match) => urlFigure(urlInText(match[0]), match.index), true);
  if (rest.includes('@')) pass(EMAIL_IN_TEXT, (match) => emailFigure(match[0], match.index), true);
  if (mode === 'prose') pass(formats.date, (match) => dateFigure(match, formats), true);
  if (mode === 'prose' && rest.includes(':')) pass(TIME, (match) => timeFigure(match[0], match.index), true);
  pass(NUMBER, (match) => (mode === 'code' ? codeFigure(match[0], match.index) : unitIndex(match, rest) ? undefined : numberFigure(match[0], match.index, rest, formats)), false);
  return found.sort((a, b) => a.offset - b.offset);
}

/**
 * One digit written right after a letter (`m3`, `km2`, `CO2`, `H2O`) is a
 * unit's power or a formula's index, the `³` of `m³` or the `₂` of `CO₂`
 * written on the line: like those (digits, but not decimal ones) it is part of
 * a unit, not a figure, so `m3` and `m³` read the same. `G20`, `PM2.5` and
 * `COP29` stay figures.
 */
function unitIndex(match: RegExpExecArray, text: string): boolean {
  return [...match[0]].length === 1 && LETTER_BEFORE.test(text.slice(Math.max(0, match.index - 2), match.index));
}

const LETTER_BEFORE = /\p{L}$/u;

/** A link's URL, or a URL in the text. */
export function urlFigure(url: string, offset: number): FoundFigure | undefined {
  const key = urlKey(url);
  if (!key) return undefined;
  if (key.kind === 'email') return { kind: 'email', written: key.key, keys: [`e:${key.key}`], loose: [], offset };
  return { kind: 'url', written: url, keys: [`u:${key.key}`], loose: [`s:${site(key.key)}`], offset };
}

function emailFigure(address: string, offset: number): FoundFigure {
  return { kind: 'email', written: address, keys: [`e:${emailKey(address)}`], loose: [], offset };
}

/**
 * A translation may link to the page in its own language: the same site, with
 * the same numbers in the address (`/en/report-2026` and `/es/informe-2026`).
 */
function site(url: string): string {
  let origin = '';
  let path = url;
  try {
    const parsed = new URL(url);
    origin = parsed.origin;
    path = parsed.pathname + parsed.search;
  } catch {
    // A relative URL: its numbers alone.
  }
  return `${origin} ${asciiDigits(path).match(/[0-9]+/g)?.join(' ') ?? ''}`;
}

function dateFigure(match: RegExpExecArray, formats: FigureFormats): FoundFigure | undefined {
  const groups = match.groups!;
  const dayWritten = groups.day1 ?? groups.day2;
  const monthName = (groups.month1 ?? groups.month2 ?? groups.month3)!;
  const yearWritten = groups.year1 ?? groups.year2 ?? groups.year3;
  const day = dayWritten === undefined ? undefined : Number(asciiDigits(dayWritten));
  if (day !== undefined && (day < 1 || day > 31)) return undefined;
  const month = formats.months.get(monthName.toLowerCase())!;
  const year = yearWritten === undefined ? undefined : asciiDigits(yearWritten);
  const two = (value: number) => String(value).padStart(2, '0');
  const key = [year ?? '-', two(month), ...(day === undefined ? [] : [two(day)])].join('-');
  const date = { month: `n:${month}`, ...(day !== undefined && { day: `n:${day}` }), ...(year !== undefined && { year: `n:${Number(year)}` }) };
  return { kind: 'date', written: match[0], keys: [`d:${key}`], loose: [], date, offset: match.index };
}

/** `09:00` is `9:00`, and on the hour it may stand for the bare hour (`10 a. m.`, `10 h`). */
function timeFigure(written: string, offset: number): FoundFigure | undefined {
  const [hours, minutes] = asciiDigits(written).split(':').map(Number) as [number, number];
  if (hours > 24 || minutes > 59) return undefined;
  return { kind: 'time', written, keys: [`t:${hours}:${String(minutes).padStart(2, '0')}`], loose: minutes === 0 ? [`n:${hours}`] : [], offset };
}

function codeFigure(written: string, offset: number): FoundFigure {
  return { kind: 'code', written, keys: [`c:${asciiDigits(written)}`], loose: [], offset };
}

function numberFigure(written: string, offset: number, text: string, formats: FigureFormats): FoundFigure {
  const values = numberValues(written, formats);
  // Separators that make no number (`1.2.3`) are compared as written.
  if (!values) return codeFigure(written, offset);
  let end = offset + written.length;
  let power = 0;
  for (const [pattern, powers, fold] of [
    [formats.scaleWord, formats.scalePowers, true],
    [formats.scaleSymbol, formats.symbolPowers, false],
  ] as const) {
    pattern.lastIndex = end;
    const scale = pattern.exec(text);
    if (!scale) continue;
    const word = scale[0].trim().replace(/\s+/gu, ' ');
    power = powers.get(fold ? word.toLowerCase() : word) ?? 0;
    end += scale[0].length;
    break;
  }
  const numbers = values.map((value) => `n:${scaled(value, power)}`);
  formats.percent.lastIndex = end;
  const percent = formats.percent.exec(text);
  if (percent) {
    end += percent[0].length;
    return { kind: 'percent', written: text.slice(offset, end), keys: numbers.map((key) => `p:${key.slice(2)}`), loose: numbers, offset };
  }
  return { kind: 'number', written: text.slice(offset, end), keys: numbers, loose: numbers, offset };
}
