import { describe, expect, it } from 'vitest';
import type { Statement } from '../../../src/model/statement.js';
import { archiveEntry, renderArchive, renderHtmlPage, renderPairPage } from '../../../src/render/html/page.js';
import { scriptSafeJson } from '../../../src/render/html/structured-data.js';
import { configuredContext, fixtureStatement, projectContext } from '../../helpers/context.js';
import { elements, executableMarkup, isJsonLd, parseHtml, text } from '../../helpers/html.js';
import { edition } from '../../helpers/variants.js';

const ctx = await projectContext();
const statement = await fixtureStatement('complete-statement');
const BASE = 'https://statements.example.org/complete-statement/';

/** The page's JSON-LD, read as a browser's parser and a search engine read it: the script element's text, through JSON.parse. */
function structuredData(html: string): Record<string, unknown> {
  const scripts = elements(parseHtml(html), (node) => node.tagName === 'script');
  expect(scripts.filter(isJsonLd)).toHaveLength(1);
  expect(scripts).toHaveLength(1);
  return JSON.parse(text(scripts[0]!)) as Record<string, unknown>;
}

const publisher = (name: string) => ({
  '@type': 'Organization',
  name,
  url: 'https://statements.example.org/',
  logo: { '@type': 'ImageObject', url: 'https://statements.example.org/assets/logo.svg' },
});
const ref = (lang: string) => ({ '@type': 'NewsArticle', '@id': `${BASE}${lang}.html`, url: `${BASE}${lang}.html`, inLanguage: lang });
/** The signing organisations, in the order the page lists them in that language (individuals are not authors). */
const authors = [
  { '@type': 'Organization', name: 'Ábaco Colectivo' },
  { '@type': 'Organization', name: 'Beta Alliance' },
  { '@type': 'Organization', name: 'Zeta Network, Inc.', url: 'https://zeta.example.org' },
];

describe('schema.org NewsArticle on each page', () => {
  it('the original: headline, description, date, language, publisher with logo, signing organisations, its address, and its translations', () => {
    expect(structuredData(renderHtmlPage(statement, 'en', ctx))).toEqual({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      '@id': `${BASE}en.html`,
      url: `${BASE}en.html`,
      headline: statement.text.en!.title,
      description: statement.text.en!.summary,
      datePublished: '2017-12-04',
      publisher: publisher('Coalition for Rivers and Communities'),
      author: authors,
      inLanguage: 'en',
      workTranslation: [ref('es')],
    });
  });

  it('a translation: in its language, with the publisher named in it, and the original it translates', () => {
    const data = structuredData(renderHtmlPage(statement, 'es', ctx));
    expect(data).toMatchObject({ '@id': `${BASE}es.html`, headline: statement.text.es!.title, description: statement.text.es!.summary, inLanguage: 'es', publisher: publisher('Coalición por los Ríos y las Comunidades') });
    expect(data.translationOfWork).toEqual(ref('en'));
    expect(data).not.toHaveProperty('workTranslation');
  });

  it('the side-by-side page: one article in both languages, made of the two language versions', () => {
    const data = structuredData(renderPairPage(statement, edition('bilingual'), ctx));
    expect(data).toMatchObject({ '@type': 'NewsArticle', url: BASE, headline: `${statement.text.en!.title} / ${statement.text.es!.title}`, inLanguage: ['en', 'es'], author: authors });
    expect(data.hasPart).toEqual([ref('en'), ref('es')]);
  });

  it('names the publisher as the author when no organisation signs, and gives no logo when there is none', async () => {
    const unsigned: Statement = { ...statement, signatories: statement.signatories.filter((signatory) => signatory.type === 'individual') };
    const noLogo = await configuredContext('name: Test Coalition\nbaseUrl: https://example.org/\nemail:\n  from: press@example.org\n');
    const data = structuredData(renderHtmlPage(unsigned, 'en', noLogo));
    expect(data.publisher).toEqual({ '@type': 'Organization', name: 'Test Coalition', url: 'https://example.org/' });
    expect(data.author).toEqual([data.publisher]);
  });

  it('the archive is no article: it has none', () => {
    const tree = parseHtml(renderArchive([archiveEntry(statement)], ctx));
    expect(elements(tree, (node) => node.tagName === 'script')).toEqual([]);
  });
});

describe('hostile text in the JSON-LD', async () => {
  const hostile = await fixtureStatement('hostile-input');
  const pages = [renderHtmlPage(hostile, 'en', ctx), renderHtmlPage(hostile, 'es', ctx), renderPairPage(hostile, edition('bilingual'), ctx)];

  it.each([0, 1, 2])('page %i: a title holding </script> stays inside its script element and reads back exactly', (index) => {
    const html = pages[index]!;
    expect(executableMarkup(parseHtml(html))).toEqual([]);
    const data = structuredData(html);
    const titles = index === 2 ? `${hostile.text.en!.title} / ${hostile.text.es!.title}` : hostile.text[index === 0 ? 'en' : 'es']!.title;
    expect(data.headline).toBe(titles);
    expect(data.author).toEqual([{ '@type': 'Organization', name: "<script>window.pwned='signatory'</script>", url: 'https://example.org/?q=<script>' }]);
    const script = html.slice(html.indexOf('<script type="application/ld+json">'), html.indexOf('</script>') + '</script>'.length);
    expect(script.slice('<script type="application/ld+json">'.length, -'</script>'.length)).not.toMatch(/[<>&]/);
  });

  it('escapes <, >, & and the two line separators, and JSON.parse reads the same value', () => {
    const value = { headline: '</script><!-- a & b --> \u2028 \u2029 <script>' };
    const json = scriptSafeJson(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});
