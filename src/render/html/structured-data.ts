import type { Lang, Statement, Variant } from '../../model/statement.js';
import type { RenderContext } from '../context.js';
import { pageUrl, type StatementView } from '../view.js';

/**
 * JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` written
 * as \u escapes, so no text (a title holding `</script>` or `<!--`) can end
 * the element or change how the HTML parser reads it, and U+2028/U+2029 too,
 * which older JavaScript engines refuse in a string. JSON.parse reads the same data.
 */
export function scriptSafeJson(data: unknown): string {
  return JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Another language version of the statement, by its page. */
function articleRef(ctx: RenderContext, slug: string, lang: Lang) {
  const url = pageUrl(ctx, slug, lang);
  return { '@type': 'NewsArticle', '@id': url, url, inLanguage: lang };
}

function organization(name: string, url: string | undefined) {
  return { '@type': 'Organization', name, ...(url ? { url } : {}) };
}

/** Where the page is and what names it: its address, and the publisher's logo in out/assets/, when there is one. */
export interface ArticlePlace {
  url: string;
  logoUrl?: string;
}

/** The publisher, named in the page's language, with its logo when it has one. */
function publisher(view: StatementView, place: ArticlePlace, ctx: RenderContext) {
  return { ...organization(view.publisher, ctx.config.baseUrl), ...(place.logoUrl ? { logo: { '@type': 'ImageObject', url: place.logoUrl } } : {}) };
}

/**
 * The authors: a joint statement is the text of the organisations that sign
 * it, listed as the page lists them; individuals sign as themselves and are
 * not authors. Without an organisation among the signatories, the publisher.
 */
function authors(view: StatementView, place: ArticlePlace, ctx: RenderContext) {
  const signing = view.signatories.organizations;
  return signing.length > 0 ? signing.map((signatory) => organization(signatory.name, signatory.url)) : [publisher(view, place, ctx)];
}

/** What every page's article says, from the view of its (first) language. */
function article(view: StatementView, place: ArticlePlace, ctx: RenderContext) {
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': place.url,
    url: place.url,
    headline: view.title,
    ...(view.summary ? { description: view.summary } : {}),
    datePublished: view.date,
    publisher: publisher(view, place, ctx),
    author: authors(view, place, ctx),
  };
}

/**
 * A page in one language: its NewsArticle, which the original links to each
 * translation (`workTranslation`) and a translation to the original
 * (`translationOfWork`).
 */
export function languageArticle(statement: Statement, view: StatementView, place: ArticlePlace, ctx: RenderContext): string {
  const [original, ...translations] = statement.languages;
  const links =
    view.lang === original
      ? translations.length > 0 ? { workTranslation: translations.map((lang) => articleRef(ctx, statement.slug, lang)) } : {}
      : { translationOfWork: articleRef(ctx, statement.slug, original!) };
  return scriptSafeJson({ ...article(view, place, ctx), inLanguage: view.lang, ...links });
}

/** A side-by-side page: one article in both languages (`headline` as the page's title), made of the two language versions. */
export function pairArticle(statement: Statement, pair: Variant, first: StatementView, title: string, place: ArticlePlace, ctx: RenderContext): string {
  return scriptSafeJson({
    ...article(first, place, ctx),
    headline: title,
    inLanguage: pair.langs,
    hasPart: pair.langs.map((lang) => articleRef(ctx, statement.slug, lang)),
  });
}
