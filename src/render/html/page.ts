import path from 'node:path';
import { formatDate, formatEmbargo } from '../../i18n/dates.js';
import { languageSettings, publisherName } from '../../model/config.js';
import { isPair, sourceLanguage, variantsOf, type Lang, type LanguageSettings, type Variant } from '../../model/languages.js';
import { sourceText, textIn, type Statement } from '../../model/statement.js';
import { t, type RenderContext } from '../context.js';
import { feedLinks, languageAlternates, newestFirst } from '../site/pages.js';
import { SHARE_IMAGE, shareImageFile } from '../image/size.js';
import { pageUrl, statementView } from '../view.js';
import { bodyToHtml } from './markdown.js';
import { languageArticle, pairArticle } from './structured-data.js';

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
    feeds: feedLinks(ctx),
    // Colours are validated hex values, so this is safe to embed as CSS.
    css: `:root{--primary:${primary};--accent:${accent}}\n${ctx.html.css}`,
  };
}

function sectionView(statement: Statement, lang: Lang, ctx: RenderContext, idPrefix: string) {
  return {
    ...statementView(statement, lang, ctx),
    bodyHtml: bodyToHtml(textIn(statement, lang).body, lang, t(ctx, lang)),
    id: `${idPrefix}${lang}`,
  };
}

/** The side-by-side editions of a statement in these languages, in the config's order. */
function pairsOf(settings: LanguageSettings, languages: readonly Lang[]): Variant[] {
  return variantsOf(settings, languages).filter(isPair);
}

/** The share image of the statement in `lang` (`out/<slug>/<lang>.png`), for Open Graph and X: its address, size and alternative text (the headline it shows). */
function shareImage(statement: Statement, lang: Lang, ctx: RenderContext) {
  const url = new URL(`${statement.slug}/${shareImageFile(lang)}`, ctx.config.baseUrl).href;
  return { url, ...SHARE_IMAGE, alt: textIn(statement, lang).title };
}

/** A link to a side-by-side page: "Both languages" when there is one, the languages' names when there are several. */
function pairLink(pair: Variant, lang: Lang, only: boolean, ctx: RenderContext) {
  const label = only ? t(ctx, lang)('archive.bilingual') : pair.langs.map((pairLang) => t(ctx, pairLang)('language.name')).join(' / ');
  return { lang, href: `${pair.page}.html`, label };
}

/** A preview of a statement under embargo (`build --preview`) says so in a band, in `lang`; a published page has none. */
function previewBand(statement: Statement, lang: Lang, ctx: RenderContext): string | undefined {
  const embargo = statement.underEmbargo;
  return embargo && t(ctx, lang)('release.preview', { when: formatEmbargo(embargo.until, lang, embargo.timezone) });
}

/** `out/<slug>/<lang>.html`: one language, with links to its other languages and the side-by-side pages it is part of. */
export function renderHtmlPage(statement: Statement, lang: Lang, ctx: RenderContext): string {
  const others = statement.languages.filter((other) => other !== lang);
  const pairs = pairsOf(languageSettings(ctx.config), statement.languages);
  const site = siteView(ctx, lang, '../');
  const section = sectionView(statement, lang, ctx, 'statement-');
  const url = pageUrl(ctx, statement.slug, lang);
  return ctx.html.page({
    lang,
    preview: previewBand(statement, lang, ctx),
    site,
    statement: section,
    url,
    alternates: languageAlternates(ctx, statement.slug, statement.languages),
    structuredData: languageArticle(statement, section, { url, logoUrl: site.logoUrl }, ctx),
    shareImage: shareImage(statement, lang, ctx),
    ogLocale: t(ctx, lang)('language.ogLocale'),
    ogLocaleAlternates: others.map((other) => t(ctx, other)('language.ogLocale')),
    otherLanguages: [
      ...others.map((other) => ({ lang: other, href: `${other}.html`, label: t(ctx, other)('language.switchTo') })),
      ...pairs.filter((pair) => pair.langs.includes(lang)).map((pair) => pairLink(pair, lang, pairs.length === 1, ctx)),
    ],
  });
}

/** `out/<slug>/index.html` (the first pair) or `<a>-<b>.html`: two languages on one page, each half marked with its lang. */
export function renderPairPage(statement: Statement, pair: Variant, ctx: RenderContext): string {
  const lang = pair.langs[0]!;
  const site = siteView(ctx, lang, '../');
  const sections = pair.langs.map((sectionLang) => sectionView(statement, sectionLang, ctx, 'statement-'));
  const title = pair.langs.map((sectionLang) => textIn(statement, sectionLang).title).join(' / ');
  const url = pageUrl(ctx, statement.slug, pair.page);
  return ctx.html.bilingual({
    lang,
    preview: previewBand(statement, lang, ctx),
    site,
    sections,
    title,
    summary: textIn(statement, lang).summary,
    url,
    alternates: languageAlternates(ctx, statement.slug, statement.languages),
    structuredData: pairArticle(statement, pair, sections[0]!, title, { url, logoUrl: site.logoUrl }, ctx),
    // A side-by-side page is shared with the headline in its first language.
    shareImage: shareImage(statement, lang, ctx),
    ogLocale: t(ctx, lang)('language.ogLocale'),
    languageLinks: pair.langs.map((linkLang) => ({ lang: linkLang, href: `#statement-${linkLang}`, label: t(ctx, linkLang)('language.name') })),
  });
}

/** What the archive page, the feeds and the sitemap list of one statement; kept in `out/<slug>/statement.json`. */
export interface ArchiveEntry {
  slug: string;
  date: string;
  titles: Record<Lang, string>;
  /** The `summary` of each language that has one, for the feeds. */
  summaries: Record<Lang, string>;
}

export function archiveEntry(statement: Statement): ArchiveEntry {
  const texts = statement.languages.map((lang) => textIn(statement, lang));
  return {
    slug: statement.slug,
    date: sourceText(statement).date,
    titles: Object.fromEntries(texts.map((text) => [text.lang, text.title])),
    summaries: Object.fromEntries(texts.flatMap((text) => (text.summary ? [[text.lang, text.summary]] : []))),
  };
}

/** `out/index.html`: every statement, newest first, in every language it has. */
export function renderArchive(entries: readonly ArchiveEntry[], ctx: RenderContext): string {
  const settings = languageSettings(ctx.config);
  const lang = sourceLanguage(settings);
  return ctx.html.archive({
    lang,
    site: siteView(ctx, lang, ''),
    url: ctx.config.baseUrl,
    headings: settings.languages.map((headingLang) => ({ lang: headingLang, title: t(ctx, headingLang)('archive.title'), description: t(ctx, headingLang)('archive.description') })),
    entries: newestFirst(entries).map((entry) => ({
      slug: entry.slug,
      date: entry.date,
      pairs: pairsOf(settings, Object.keys(entry.titles)).map((pair) => ({ href: `${entry.slug}/${pair.page}.html`, langs: pair.langs })),
      versions: settings.languages.filter((versionLang) => versionLang in entry.titles).map((versionLang) => ({
        lang: versionLang,
        title: entry.titles[versionLang],
        href: `${entry.slug}/${versionLang}.html`,
        dateText: formatDate(entry.date, versionLang),
      })),
    })),
  });
}
