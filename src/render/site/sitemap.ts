import type { RenderContext } from '../context.js';
import type { ArchiveEntry } from '../html/page.js';
import { entryLanguages, languageAlternates, newestFirst, statementPageUrls } from './pages.js';
import { xmlText } from './xml.js';

/**
 * `out/sitemap.xml` (sitemaps.org 0.9): the archive, then every page of each
 * published statement, newest first, each with its language versions and
 * `x-default` as `xhtml:link` alternates, the same its head lists. No
 * `lastmod`: the only date a statement has is its release date, which an
 * edit after it does not change, and a wrong `lastmod` is worse than none.
 */
export function renderSitemap(entries: readonly ArchiveEntry[], ctx: RenderContext): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    `  <url><loc>${xmlText(ctx.config.baseUrl)}</loc></url>`,
  ];
  for (const entry of newestFirst(entries)) {
    const languages = entryLanguages(ctx, entry);
    // A manifest from before the config's languages all changed: none of its languages has a page name here.
    if (languages.length === 0) continue;
    const alternates = languageAlternates(ctx, entry.slug, languages).map(
      (alternate) => `    <xhtml:link rel="alternate" hreflang="${xmlText(alternate.hreflang)}" href="${xmlText(alternate.href)}"/>`,
    );
    for (const url of statementPageUrls(ctx, entry.slug, languages)) lines.push('  <url>', `    <loc>${xmlText(url)}</loc>`, ...alternates, '  </url>');
  }
  lines.push('</urlset>', '');
  return lines.join('\n');
}

/** `out/robots.txt`: every crawler welcome, and where the sitemap is (read only at the root of a host: see the README). */
export function renderRobots(ctx: RenderContext): string {
  return `User-agent: *\nDisallow:\n\nSitemap: ${new URL('sitemap.xml', ctx.config.baseUrl).href}\n`;
}
