import type { FigureFormats } from './formats.js';
import { asciiDigits } from './text.js';

/**
 * A number as written: digits (of any script) joined by `.`, `,`, an
 * apostrophe or the Arabic separators, or space-grouped (`1 000 000,5`: one
 * to three digits, then groups of exactly three), so that `2026 150` stays two
 * numbers.
 */
export const NUMBER = /(?<!\p{Nd})(?:\p{Nd}{1,3}(?:[ \u00A0\u2009\u202F]\p{Nd}{3}(?!\p{Nd}))+(?:[.,\u066B]\p{Nd}+)?|\p{Nd}+(?:[.,'\u2019\u066B\u066C]\p{Nd}+)*)/gu;

const SPACES = /[ \u00A0\u2009\u202F]/u;
const ARABIC_DECIMAL = '\u066B';
const DEFINITE_GROUP = /[ \u00A0\u2009\u202F'\u2019\u066C]/u;

/**
 * The values a written number can have, as canonical decimals (`1000`, `12.4`),
 * the language's reading first. `1,000` and `1.000` are read both ways (a
 * thousand, or one with three decimals) so the figure on the other side
 * settles it; `12,4` can only be twelve point four. `undefined` when the
 * separators make no number (`1.2.3`, a version or an address).
 */
export function numberValues(written: string, formats: FigureFormats): string[] | undefined {
  const text = asciiDigits(written);
  const runs = text.split(/[^0-9]/);
  const separators = text.replace(/[0-9]/g, '');
  if (separators === '') return [canonical(text, '')];
  const last = [...separators].at(-1)!;
  const readings: string[] = [];
  const asDecimal = () => decimalReading(runs, separators, last);
  const asGroups = () => groupedReading(runs, separators);
  const order = last === ARABIC_DECIMAL || (last === formats.decimal && !DEFINITE_GROUP.test(last)) ? [asDecimal, asGroups] : [asGroups, asDecimal];
  for (const reading of order) {
    const value = reading();
    if (value !== undefined && !readings.includes(value)) readings.push(value);
  }
  return readings.length ? readings : undefined;
}

/** The last separator is the decimal point; those before it group thousands. */
function decimalReading(runs: string[], separators: string, last: string): string | undefined {
  if (DEFINITE_GROUP.test(last)) return undefined;
  const groups = separators.slice(0, -1);
  if (groups.includes(last) || (groups && !validGroups(runs.slice(0, -1), groups))) return undefined;
  return canonical(runs.slice(0, -1).join(''), runs.at(-1)!);
}

/** Every separator groups thousands: one to three digits first, then groups of three, one kind of separator. */
function groupedReading(runs: string[], separators: string): string | undefined {
  return validGroups(runs, separators) ? canonical(runs.join(''), '') : undefined;
}

function validGroups(runs: string[], separators: string): boolean {
  if (separators.includes(ARABIC_DECIMAL)) return false;
  const kinds = new Set([...separators].map((separator) => (SPACES.test(separator) ? ' ' : separator)));
  return kinds.size === 1 && runs[0]!.length <= 3 && runs.slice(1).every((run) => run.length === 3);
}

/** A decimal without leading zeros in its whole part or trailing zeros in its fraction: `012.40` is `12.4`. */
function canonical(whole: string, fraction: string): string {
  const integer = whole.replace(/^0+(?=\d)/, '') || '0';
  const decimals = fraction.replace(/0+$/, '');
  return decimals ? `${integer}.${decimals}` : integer;
}

/** A canonical decimal times a power of ten: `1.2` × 10⁶ is `1200000`. */
export function scaled(value: string, power: number): string {
  const [whole, fraction = ''] = value.split('.');
  const digits = whole! + fraction;
  const point = whole!.length + power;
  if (point >= digits.length) return canonical(digits + '0'.repeat(point - digits.length), '');
  if (point <= 0) return canonical('0', '0'.repeat(-point) + digits);
  return canonical(digits.slice(0, point), digits.slice(point));
}
