import { languageSettings, publisherName } from '../../model/config.js';
import { isPair, variantsOf, type Lang } from '../../model/languages.js';
import { t, type RenderContext } from '../context.js';
import type { ArchiveEntry } from '../html/page.js';
import { pageUrl } from '../view.js';

/** A page's address in one language (or `x-default`), as `<link rel="alternate" hreflang>` and the sitemap's `xhtml:link` give it. */
export interface LanguageAlternate {
  hreflang: string;
  href: string;
}

/**
 * The language versions of a statement that has `languages`, in the
 * config's order, and `x-default`: its first side-by-side page, else the
 * original's. Every page of the statement and the sitemap list the same.
 */
export function languageAlternates(ctx: RenderContext, slug: string, languages: readonly Lang[]): LanguageAlternate[] {
  const variants = variantsOf(languageSettings(ctx.config), languages);
  const byLanguage = variants.filter((variant) => !isPair(variant));
  const fallback = variants.find(isPair) ?? byLanguage[0]!;
  return [
    ...byLanguage.map((variant) => ({ hreflang: variant.langs[0]!, href: pageUrl(ctx, slug, variant.page) })),
    { hreflang: 'x-default', href: pageUrl(ctx, slug, fallback.page) },
  ];
}

/** The address of every page of a statement that has `languages`: each language, then each side-by-side page. */
export function statementPageUrls(ctx: RenderContext, slug: string, languages: readonly Lang[]): string[] {
  return variantsOf(languageSettings(ctx.config), languages).map((variant) => pageUrl(ctx, slug, variant.page));
}

/** The languages a statement of the archive has, in the config's order (a manifest lists them as its titles' keys). */
export function entryLanguages(ctx: RenderContext, entry: ArchiveEntry): Lang[] {
  return languageSettings(ctx.config).languages.filter((lang) => lang in entry.titles);
}

/** The archive's order: newest first, then by slug, so two statements of one day always come out alike. */
export function newestFirst(entries: readonly ArchiveEntry[]): ArchiveEntry[] {
  return [...entries].sort((a, b) => b.date.localeCompare(a.date) || a.slug.localeCompare(b.slug));
}

/** `out/feed.<lang>.xml`, absolute: feed readers fetch it from anywhere. */
export function feedUrl(ctx: RenderContext, lang: Lang): string {
  return new URL(`feed.${lang}.xml`, ctx.config.baseUrl).href;
}

/** A feed's name in its own language: "Coalition for Rivers and Communities: statements". */
export function feedTitle(ctx: RenderContext, lang: Lang): string {
  return t(ctx, lang)('feed.title', { publisher: publisherName(ctx.config, lang) });
}

/** One feed per configured language, for `<link rel="alternate" type="application/atom+xml">` in every page's head. */
export function feedLinks(ctx: RenderContext): { lang: Lang; href: string; title: string }[] {
  return languageSettings(ctx.config).languages.map((lang) => ({ lang, href: feedUrl(ctx, lang), title: feedTitle(ctx, lang) }));
}
