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
 * when one is set ("December 4, 2026, 10:00 AM CST"), otherwise at the
 * offset written in the timestamp ("…, 10:00 AM UTC−06:00").
 */
export function formatEmbargo(embargo: string, lang: Lang, timeZone?: string): string {
  const instant = new Date(embargo);
  if (timeZone) {
    return formatter(lang, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(instant) +
      ' ' + zoneName(instant, lang, timeZone);
  }
  const offset = /(Z|[+-]\d{2}:\d{2})$/.exec(embargo)?.[1] ?? 'Z';
  const minutes = offset === 'Z' ? 0 : (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  // Intl on Node 20 cannot format at a bare offset, so shift the instant and format it as UTC wall time.
  const wallClock = new Date(instant.getTime() + minutes * 60_000);
  return `${formatter(lang, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(wallClock)} ${offsetLabel(offset)}`;
}

function zonePart(instant: Date, lang: Lang, timeZone: string, style: 'short' | 'long'): string | undefined {
  return formatter(lang, { timeZone, timeZoneName: style }).formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value;
}

/**
 * The zone's name as readers of the language know it: its short name where
 * the language has one ("CST"), else its long name ("hora estándar central"),
 * never a bare offset ("GMT-6") that names no zone.
 */
function zoneName(instant: Date, lang: Lang, timeZone: string): string {
  const short = zonePart(instant, lang, timeZone, 'short');
  if (short && !/^(GMT|UTC)([+\-−]|$)/.test(short)) return short;
  return zonePart(instant, lang, timeZone, 'long') ?? short ?? timeZone;
}
