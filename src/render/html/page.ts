import path from 'node:path';
import { formatDate } from '../../i18n/dates.js';
import { LANGUAGES, SOURCE_LANGUAGE, type Lang, type Statement } from '../../model/statement.js';
import { publisherName } from '../../model/config.js';
import { t, type RenderContext } from '../context.js';
import { pageUrl, statementView } from '../view.js';
import { bodyToHtml } from './markdown.js';

/** Where the logo is copied in `out/`, relative to the output root. */
export function logoOutputPath(ctx: RenderContext): string | undefined {
  return ctx.config.logoPath ? `assets/logo${path.extname(ctx.config.logoPath).toLowerCase()}` : undefined;
}

function siteView(ctx: RenderContext, lang: Lang, root: string) {
  const logo = logoOutputPath(ctx);
  const { primary, accent } = ctx.config.colors;
  return {
    publisher: publisherName(ctx.config, lang),
    logo: logo ? `${root}${logo}` : undefined,
    logoUrl: logo ? new URL(logo, ctx.config.baseUrl).href : undefined,
    homeUrl: `${root}index.html`,
    // Colours are validated hex values, so this is safe to embed as CSS.
    css: `:root{--primary:${primary};--accent:${accent}}\n${ctx.html.css}`,
  };
}

function sectionView(statement: Statement, lang: Lang, ctx: RenderContext, idPrefix: string) {
  return {
    ...statementView(statement, lang, ctx),
    bodyHtml: bodyToHtml(statement.text[lang].body, lang, t(ctx, lang)),
    id: `${idPrefix}${lang}`,
  };
}

function alternates(statement: Statement, ctx: RenderContext) {
  return [
    ...LANGUAGES.map((lang) => ({ hreflang: lang, href: pageUrl(ctx, statement.slug, lang) })),
    { hreflang: 'x-default', href: pageUrl(ctx, statement.slug, 'index') },
  ];
}

/** `out/<slug>/<lang>.html`: one language, with a link to the other. */
export function renderHtmlPage(statement: Statement, lang: Lang, ctx: RenderContext): string {
  const others = LANGUAGES.filter((other) => other !== lang);
  return ctx.html.page({
    lang,
    site: siteView(ctx, lang, '../'),
    statement: sectionView(statement, lang, ctx, 'statement-'),
    url: pageUrl(ctx, statement.slug, lang),
    alternates: alternates(statement, ctx),
    ogLocale: t(ctx, lang)('language.ogLocale'),
    ogLocaleAlternates: others.map((other) => t(ctx, other)('language.ogLocale')),
    otherLanguages: [
      ...others.map((other) => ({ lang: other, href: `${other}.html`, label: t(ctx, other)('language.switchTo') })),
      { lang, href: 'index.html', label: t(ctx, lang)('archive.bilingual') },
    ],
  });
}

/** `out/<slug>/index.html`: both languages on one page, each half marked with its lang. */
export function renderBilingualPage(statement: Statement, ctx: RenderContext): string {
  const lang = SOURCE_LANGUAGE;
  return ctx.html.bilingual({
    lang,
    site: siteView(ctx, lang, '../'),
    sections: LANGUAGES.map((sectionLang) => sectionView(statement, sectionLang, ctx, 'statement-')),
    title: LANGUAGES.map((sectionLang) => statement.text[sectionLang].title).join(' / '),
    summary: statement.text[lang].summary,
    url: pageUrl(ctx, statement.slug, 'index'),
    alternates: alternates(statement, ctx),
    ogLocale: t(ctx, lang)('language.ogLocale'),
    languageLinks: LANGUAGES.map((linkLang) => ({ lang: linkLang, href: `#statement-${linkLang}`, label: t(ctx, linkLang)('language.name') })),
  });
}

/** What the archive page lists of one statement; kept in `out/<slug>/statement.json`. */
export interface ArchiveEntry {
  slug: string;
  date: string;
  titles: Record<Lang, string>;
}

export function archiveEntry(statement: Statement): ArchiveEntry {
  return {
    slug: statement.slug,
    date: statement.text[SOURCE_LANGUAGE].date,
    titles: Object.fromEntries(LANGUAGES.map((lang) => [lang, statement.text[lang].title])) as Record<Lang, string>,
  };
}

/** `out/index.html`: every statement, newest first, both languages. */
export function renderArchive(entries: readonly ArchiveEntry[], ctx: RenderContext): string {
  const lang = SOURCE_LANGUAGE;
  const sorted = [...entries].sort((a, b) => b.date.localeCompare(a.date) || a.slug.localeCompare(b.slug));
  return ctx.html.archive({
    lang,
    site: siteView(ctx, lang, ''),
    url: ctx.config.baseUrl,
    headings: LANGUAGES.map((headingLang) => ({ lang: headingLang, title: t(ctx, headingLang)('archive.title'), description: t(ctx, headingLang)('archive.description') })),
    entries: sorted.map((entry) => ({
      slug: entry.slug,
      date: entry.date,
      bilingualHref: `${entry.slug}/index.html`,
      versions: LANGUAGES.map((versionLang) => ({
        lang: versionLang,
        title: entry.titles[versionLang],
        href: `${entry.slug}/${versionLang}.html`,
        dateText: formatDate(entry.date, versionLang),
      })),
    })),
  });
}
