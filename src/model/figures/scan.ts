import type { FigureFormats } from './formats.js';
import { NUMBER, numberValues, scaled } from './numbers.js';
import { asciiDigits, EMAIL_IN_TEXT, emailKey, URL_IN_TEXT, urlInText, urlKey } from './text.js';

export type FigureKind = 'number' | 'percent' | 'date' | 'url' | 'email' | 'code';

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
   * A date's day and year as number keys, and with its month what it covers:
   * the same date written otherwise (`15/01/2027`, `the 15th of January`)
   * agrees with it when the other side has its day and year as numbers
   * (dates without a day have none).
   */
  parts?: { written: string[]; covers: string[] };
  offset: number;
}

/** Written in code: compared as written, in no language's format. */
export type TextMode = 'prose' | 'code';

/** Masks what was read so it is not read again, keeping every offset. */
const MASK = '\u0000';

/**
 * The figures of a piece of text in order: URLs and email addresses first (a
 * number inside a URL is part of it), then dates with a month name, then
 * numbers with what follows them (a scale word, a percent sign). Currency
 * symbols and words are left alone: `$1.2 million` is the number 1200000.
 */
export function scanText(text: string, formats: FigureFormats, mode: TextMode): FoundFigure[] {
  const found: FoundFigure[] = [];
  let rest = text;
  const take = (pattern: RegExp, read: (match: RegExpExecArray) => FoundFigure | undefined) => {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(rest); match; match = pattern.exec(rest)) {
      const figure = read(match);
      if (!figure) continue;
      found.push(figure);
      rest = rest.slice(0, figure.offset) + MASK.repeat(figure.written.length) + rest.slice(figure.offset + figure.written.length);
    }
  };
  if (rest.includes('://')) take(URL_IN_TEXT, (match) => urlFigure(urlInText(match[0]), match.index));
  if (rest.includes('@')) take(EMAIL_IN_TEXT, (match) => emailFigure(match[0], match.index));
  if (mode === 'prose') take(formats.date, (match) => dateFigure(match, formats));
  take(NUMBER, (match) => (mode === 'code' ? codeFigure(match[0], match.index) : numberFigure(match[0], match.index, rest, formats)));
  return found.sort((a, b) => a.offset - b.offset);
}

/** A link's URL, or a URL in the text. */
export function urlFigure(url: string, offset: number): FoundFigure | undefined {
  const key = urlKey(url);
  if (!key) return undefined;
  if (key.kind === 'email') return { kind: 'email', written: url, keys: [`e:${key.key}`], loose: [], offset };
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
  const numbers = (values: (number | string | undefined)[]) => values.filter((value) => value !== undefined).map((value) => `n:${Number(value)}`);
  // Only a date with a day is matched against numbers: a month and year alone would match any mention of the year.
  const parts = day === undefined ? undefined : { written: numbers([day, year]), covers: numbers([day, month, year]) };
  return { kind: 'date', written: match[0], keys: [`d:${key}`], loose: [], ...(parts && { parts }), offset: match.index };
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
