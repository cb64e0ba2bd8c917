import { z } from 'zod';

/** Text shown on one line (titles, names, headers): a line break here is a mistake, never a feature. */
export const oneLine = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .refine((value) => !/[\r\n\u2028\u2029]/.test(value), 'must be on one line: remove the line break');

/** Free text that may wrap in YAML; whitespace runs become one space. */
export const paragraphText = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .transform((value) => value.replace(/\s+/g, ' '));

/** A spreadsheet cell: line breaks typed into a cell (Alt+Enter) become spaces. */
export const cellText = z
  .string()
  .transform((value) => value.replace(/\s+/g, ' ').trim())
  .pipe(z.string().min(1, 'must not be empty'));

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD, e.g. 2026-12-04')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'is not a real calendar date');

/** ISO 8601 date-time with an explicit offset, so an embargo means one instant everywhere. */
export const isoDateTimeWithOffset = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$/,
    'must be an ISO 8601 date-time with a time zone offset, e.g. 2026-12-04T10:00:00-06:00',
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

/** Only http(s) links from data ever become an href: `javascript:` and `data:` are refused here. */
export const webUrl = z.string().trim().refine((value) => {
  try {
    return SAFE_SCHEMES.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}, 'must be a full http:// or https:// address');

/** Deliberately strict: an address that could smuggle a second recipient or header is refused. */
export const emailAddress = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/, 'must be one email address, e.g. press@example.org');

export const phoneNumber = oneLine.refine((value) => /^[+0-9 ().-]{5,}$/.test(value), 'must be a phone number made of digits, spaces, + ( ) . and -');

/** `#rgb` or `#rrggbb` only, because the value is written into CSS. */
export const hexColor = z.string().regex(/^#(?:[0-9a-fA-F]{3}){1,2}$/, 'must be a hex colour such as #0b5394');

/** A value left empty in a spreadsheet cell means "not set". */
export function optionalCell<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === '' || value === null ? undefined : value), schema.optional());
}
