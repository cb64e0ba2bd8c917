import type { Lang } from '../model/statement.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Building an Intl formatter costs far more than using one; every output formats the same few dates. */
function formatter(lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang} ${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(lang, options);
    formatters.set(key, cached);
  }
  return cached;
}

/** "December 4, 2017" / "4 de diciembre de 2017"; the date is a calendar day, so no zone shifts it. */
export function formatDate(isoDay: string, lang: Lang): string {
  return formatter(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDay}T00:00:00Z`));
}

function offsetLabel(offset: string): string {
  return offset === 'Z' ? 'UTC' : `UTC${offset.replace('-', '\u2212')}`;
}

/**
 * The embargo instant in words, as the statement wrote it: in `timeZone`
 * when one is set ("December 4, 2026 at 10:00 AM Central Standard Time"),
 * otherwise at the offset written in the timestamp ("…, 10:00 AM UTC−06:00").
 */
export function formatEmbargo(embargo: string, lang: Lang, timeZone?: string): string {
  const instant = new Date(embargo);
  if (timeZone) {
    return formatter(lang, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(instant) +
      ' ' + zoneName(instant, lang, timeZone);
  }
  const offset = writtenOffset(embargo);
  // Intl on Node 20 cannot format at a bare offset, so shift the instant and format it as UTC wall time.
  return `${formatter(lang, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(wallClock(instant, offset))} ${offsetLabel(offset)}`;
}

/** The offset a timestamp is written at: "-06:00", or "Z". */
function writtenOffset(timestamp: string): string {
  return /(Z|[+-]\d{2}:\d{2})$/.exec(timestamp)?.[1] ?? 'Z';
}

/** The instant moved by an offset ("-06:00"), so that its UTC fields read as the clock there. */
function wallClock(instant: Date, offset: string): Date {
  const minutes = offset === 'Z' ? 0 : (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  return new Date(instant.getTime() + minutes * 60_000);
}

/**
 * The embargo's date and time on the clocks it is read by, `YYYY-MM-DDTHH:MM`:
 * in `timeZone` when one is set, otherwise at the offset written in the timestamp.
 */
export function embargoLocalTime(embargo: string, lang: Lang, timeZone?: string): string {
  const instant = new Date(embargo);
  const offset = timeZone ? zoneOffset(instant, lang, timeZone) : writtenOffset(embargo);
  return wallClock(instant, offset).toISOString().slice(0, 16);
}

/** A zone name that is only an offset from UTC ("GMT-6", "UTC−05:00", "GMT"): it names no zone. */
const OFFSET_FORM = /^(GMT|UTC)([+\-\u2212]\d|$)/;

function zonePart(instant: Date, lang: Lang, timeZone: string, style: 'long' | 'longOffset'): string | undefined {
  return formatter(lang, { timeZone, timeZoneName: style, numberingSystem: 'latn' }).formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value;
}

/**
 * The zone's name, the same way in every language: its long name ("Central
 * Standard Time", "hora estándar central"). Short names would differ between
 * languages, since CLDR has them for a zone in some languages only ("CST" in
 * English is "GMT-6" in Spanish, "CET" in Spanish is "GMT+1" in English), and
 * a statement's languages are formatted one at a time. A zone with no name
 * (`Etc/GMT+5`) is shown by its offset, "UTC−05:00", as when no zone is set.
 */
function zoneName(instant: Date, lang: Lang, timeZone: string): string {
  const long = zonePart(instant, lang, timeZone, 'long');
  if (long && !OFFSET_FORM.test(long)) return long;
  return offsetLabel(zoneOffset(instant, lang, timeZone));
}

/** The offset of `timeZone` from UTC at `instant`, as a timestamp writes it: "-06:00", or "Z". */
function zoneOffset(instant: Date, lang: Lang, timeZone: string): string {
  // "GMT-05:00", "UTC−05:00" (French), or "GMT" at no offset.
  const offset = /([+\-\u2212])(\d{2}):(\d{2})/.exec(zonePart(instant, lang, timeZone, 'longOffset') ?? '');
  return offset ? `${offset[1] === '+' ? '+' : '-'}${offset[2]}:${offset[3]}` : 'Z';
}
