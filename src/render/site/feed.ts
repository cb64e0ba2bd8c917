import { publisherName } from '../../model/config.js';
import type { Lang } from '../../model/languages.js';
import type { RenderContext } from '../context.js';
import type { ArchiveEntry } from '../html/page.js';
import { pageUrl } from '../view.js';
import { feedTitle, feedUrl, newestFirst } from './pages.js';
import { xmlText } from './xml.js';

/** A statement's date as an Atom date-time: its day, at midnight UTC (a statement has a day, not an hour). */
function atomDate(date: string): string {
  return `${date}T00:00:00Z`;
}

/**
 * An entry's permanent id, a tag URI (RFC 4151): the site's host and folder,
 * the statement's date, slug and language, so it survives a move from http to
 * https or a new page layout. Changing a published statement's date or slug,
 * or the site's host, makes readers see a new entry.
 */
export function entryId(ctx: RenderContext, entry: ArchiveEntry, lang: Lang): string {
  const site = new URL(ctx.config.baseUrl);
  return `tag:${site.hostname},${entry.date}:${site.pathname.slice(1)}${entry.slug}/${lang}`;
}

/** Before any statement is published a feed still needs an `updated`, and never the clock's: the start of the epoch says "never". */
const NEVER = '1970-01-01';

/**
 * `out/feed.<lang>.xml`: an Atom 1.0 feed (RFC 4287) of every published
 * statement that has `lang`, newest first, from the archive's manifests.
 */
export function renderFeed(entries: readonly ArchiveEntry[], lang: Lang, ctx: RenderContext): string {
  const listed = newestFirst(entries).filter((entry) => lang in entry.titles);
  const self = feedUrl(ctx, lang);
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlText(lang)}">`,
    `  <id>${xmlText(self)}</id>`,
    `  <title type="text">${xmlText(feedTitle(ctx, lang))}</title>`,
    `  <updated>${atomDate(listed[0]?.date ?? NEVER)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(ctx.config.baseUrl)}"/>`,
    `  <author><name>${xmlText(publisherName(ctx.config, lang))}</name><uri>${xmlText(ctx.config.baseUrl)}</uri></author>`,
  ];
  for (const entry of listed) {
    const summary = entry.summaries[lang];
    lines.push(
      '  <entry>',
      `    <id>${xmlText(entryId(ctx, entry, lang))}</id>`,
      `    <title type="text">${xmlText(entry.titles[lang]!)}</title>`,
      `    <link rel="alternate" type="text/html" hreflang="${xmlText(lang)}" href="${xmlText(pageUrl(ctx, entry.slug, lang))}"/>`,
      `    <updated>${atomDate(entry.date)}</updated>`,
      ...(summary ? [`    <summary type="text">${xmlText(summary)}</summary>`] : []),
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
