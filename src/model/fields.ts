import { z } from 'zod';

/** Line breaks, including the Unicode ones a word processor can paste. */
const LINE_BREAK = /[\r\n\u0085\u2028\u2029]/;
/** Control characters other than tab and line breaks: never meant, and some rewrite the terminal or a header. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f]/;

const CONTROL_NAMES: Record<number, string> = { 0: 'a NUL character', 0x08: 'a backspace', 0x1b: 'an escape character', 0x7f: 'a delete character' };

/** A line break or another control character: what may never be in a header or a one-line value. */
const UNSAFE_IN_A_LINE = new RegExp(`${LINE_BREAK.source}|${CONTROL.source}`);

/** The first line break or control character in `value`, named with its code point (`a NUL character (U+0000)`), or undefined. */
export function unsafeCharacterIn(value: string): string | undefined {
  const found = UNSAFE_IN_A_LINE.exec(value)?.[0];
  return found === undefined ? undefined : LINE_BREAK.test(found) ? `a line break (U+${found.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})` : controlName(found);
}

/** A control character called by its name and code point, so the message says what is there. */
function controlName(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  return `${CONTROL_NAMES[code] ?? 'a control character'} (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
}

type TextSchema = z.ZodType<string, unknown>;

function checkLength(value: string, max: number, context: z.RefinementCtx): void {
  if (value.length > max) {
    context.addIssue({ code: 'custom', message: `is ${value.length.toLocaleString('en')} characters long; at most ${max.toLocaleString('en')} are allowed: shorten it` });
  }
}

/** At most `max` characters, saying how long the value is. */
export function atMost<T extends TextSchema>(schema: T, max: number) {
  return schema.superRefine((value, context) => checkLength(value, max, context));
}

/** Text checks every field shares: no control character, and at most `max` characters. */
function withinLimits<T extends TextSchema>(schema: T, max: number) {
  return schema.superRefine((value, context) => {
    const control = CONTROL.exec(value);
    if (control) {
      context.addIssue({ code: 'custom', message: `contains ${controlName(control[0])} at character ${control.index + 1}: delete it (most editors do not show it; retype the text around it)` });
    }
    checkLength(value, max, context);
  });
}

/** Text shown on one line (titles, names, headers), at most `max` characters: a line break here is a mistake, never a feature. */
export function oneLineOf(max: number) {
  return withinLimits(
    z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .refine((value) => !LINE_BREAK.test(value), 'must be on one line: remove the line break'),
    max,
  );
}

/** One-line settings and names that have no length of their own (publisher name, sender name, recipient name). */
export const oneLine = oneLineOf(1000);

/** Free text that may wrap in YAML, at most `max` characters once whitespace runs are one space each. */
export function paragraphOf(max: number) {
  return z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .transform((value) => value.replace(/\s+/g, ' '))
    .pipe(withinLimits(z.string(), max));
}

/** A spreadsheet cell, at most `max` characters: line breaks typed into a cell (Alt+Enter) become spaces. */
export function cellOf(max: number) {
  return z
    .string()
    .transform((value) => value.replace(/\s+/g, ' ').trim())
    .pipe(withinLimits(z.string().min(1, 'must not be empty'), max));
}

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date written YYYY-MM-DD, e.g. 2026-12-04', abort: true })
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'is not a real calendar date');

/** ISO 8601 date-time with an explicit offset, so an embargo means one instant everywhere. */
export const isoDateTimeWithOffset = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$/,
    { message: 'must be an ISO 8601 date-time with a time zone offset, e.g. 2026-12-04T10:00:00-06:00', abort: true },
  )
  .refine((value) => !Number.isNaN(Date.parse(value)), 'is not a real date and time');

export const ianaTimeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone name, e.g. America/Mexico_City');

const SAFE_SCHEMES = ['http:', 'https:'];

/**
 * Only http(s) links from data ever become an href: `javascript:` and `data:`
 * are refused here. The URL parser would quietly drop a line break or a tab and
 * encode a space, so those are refused first: the address is used as written.
 */
export const webUrl = withinLimits(
  z
    .string()
    .trim()
    .refine((value) => !/\s/.test(value), 'must be one web address, without spaces or line breaks (write a space as %20)')
    .refine((value) => {
      try {
        return SAFE_SCHEMES.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }, 'must be a full http:// or https:// address'),
  2000,
);

/** Deliberately strict: an address that could smuggle a second recipient or header is refused. */
export const emailAddress = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/, 'must be one email address, e.g. press@example.org');

/** The domain of an address `emailAddress` accepted (everything after its one @). */
export function addressDomain(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

export const phoneNumber = oneLine.refine((value) => /^[+0-9 ().-]{5,}$/.test(value), 'must be a phone number made of digits, spaces, + ( ) . and -');

/** `#rgb` or `#rrggbb` only, because the value is written into CSS. */
export const hexColor = z.string().regex(/^#(?:[0-9a-fA-F]{3}){1,2}$/, 'must be a hex colour such as #0b5394');

/** A value left empty in a spreadsheet cell means "not set". */
export function optionalCell<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === '' || value === null ? undefined : value), schema.optional());
}
