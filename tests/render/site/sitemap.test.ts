import { describe, expect, it } from 'vitest';
import { archiveEntry, renderHtmlPage, renderPairPage, type ArchiveEntry } from '../../../src/render/html/page.js';
import { renderRobots, renderSitemap } from '../../../src/render/site/sitemap.js';
import { configuredContext, fixtureStatement, projectContext } from '../../helpers/context.js';
import { elements, parseHtml } from '../../helpers/html.js';
import { edition } from '../../helpers/variants.js';
import { allElements, childrenNamed, parseXml, type XmlElement } from '../../helpers/xml.js';

const SITEMAP = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const XHTML = 'http://www.w3.org/1999/xhtml';

const ctx = await projectContext();
const completeStatement = await fixtureStatement('complete-statement');
const complete = archiveEntry(completeStatement);
const englishOnly: ArchiveEntry = { slug: 'english-only', date: '2019-05-01', titles: { en: 'Only in English' }, summaries: {} };

/** Each `<url>`: its `<loc>` and its alternates as `hreflang href` lines. */
function urlsOf(urlset: XmlElement): { loc: string; alternates: string[] }[] {
  return childrenNamed(urlset, SITEMAP, 'url').map((url) => ({
    loc: childrenNamed(url, SITEMAP, 'loc').map((loc) => loc.text).join(),
    alternates: childrenNamed(url, XHTML, 'link').map((link) => `${link.attributes.rel} ${link.attributes.hreflang} ${link.attributes.href}`),
  }));
}

/** A page's own hreflang alternates, from its head. */
function headAlternates(html: string): string[] {
  return elements(parseHtml(html), (node) => node.tagName === 'link' && String(node.properties.rel) === 'alternate' && node.properties.type === undefined).map(
    (node) => `alternate ${String(node.properties.hrefLang)} ${String(node.properties.href)}`,
  );
}

describe('sitemap.xml', () => {
  const urlset = parseXml(renderSitemap([englishOnly, complete], ctx));
  const urls = urlsOf(urlset);

  it('is a sitemaps.org urlset whose alternates are XHTML links: every element in one of the two namespaces', () => {
    expect([urlset.uri, urlset.local]).toEqual([SITEMAP, 'urlset']);
    for (const element of allElements(urlset)) {
      expect(element.uri === XHTML ? element.local : `${element.uri} ${element.local}`).toMatch(element.uri === XHTML ? /^link$/ : new RegExp(`^${SITEMAP} (urlset|url|loc)$`));
    }
  });

  it('lists the archive, then every page of each statement, newest first, each once', () => {
    expect(urls.map((url) => url.loc)).toEqual([
      'https://statements.example.org/',
      'https://statements.example.org/english-only/en.html',
      'https://statements.example.org/complete-statement/en.html',
      'https://statements.example.org/complete-statement/es.html',
      'https://statements.example.org/complete-statement/',
    ]);
  });

  it("gives each statement page the alternates its own head gives: each language, and x-default the side-by-side page", () => {
    const pages = { en: renderHtmlPage(completeStatement, 'en', ctx), es: renderHtmlPage(completeStatement, 'es', ctx), '': renderPairPage(completeStatement, edition('bilingual'), ctx) };
    const expected = [
      'alternate en https://statements.example.org/complete-statement/en.html',
      'alternate es https://statements.example.org/complete-statement/es.html',
      'alternate x-default https://statements.example.org/complete-statement/',
    ];
    for (const [page, html] of Object.entries(pages)) {
      const url = urls.find((candidate) => candidate.loc === `https://statements.example.org/complete-statement/${page && `${page}.html`}`)!;
      expect(url.alternates).toEqual(expected);
      expect(headAlternates(html)).toEqual(expected);
    }
  });

  it('points x-default at the original when a statement has no translation, and the archive has no alternates', () => {
    expect(urls[1]!.alternates).toEqual(['alternate en https://statements.example.org/english-only/en.html', 'alternate x-default https://statements.example.org/english-only/en.html']);
    expect(urls[0]!.alternates).toEqual([]);
  });

  it('with no statement published, lists the archive alone', () => {
    expect(urlsOf(parseXml(renderSitemap([], ctx))).map((url) => url.loc)).toEqual(['https://statements.example.org/']);
  });
});

describe('sitemap.xml of a three-language site published below its host', async () => {
  const trilingual = await configuredContext('languages: [en, es, pt]\nname: Test Coalition\nbaseUrl: https://example.org/coalition\nemail:\n  from: press@example.org\n');
  const three = archiveEntry(await fixtureStatement('three-languages', trilingual));
  const urls = urlsOf(parseXml(renderSitemap([three], trilingual)));

  it('lists each language and both side-by-side pages, with the three languages and x-default as alternates of each', () => {
    const base = 'https://example.org/coalition/three-languages/';
    expect(urls.map((url) => url.loc)).toEqual(['https://example.org/coalition/', `${base}en.html`, `${base}es.html`, `${base}pt.html`, base, `${base}en-pt.html`]);
    for (const url of urls.slice(1)) {
      expect(url.alternates).toEqual([`alternate en ${base}en.html`, `alternate es ${base}es.html`, `alternate pt ${base}pt.html`, `alternate x-default ${base}`]);
    }
  });

  it('robots.txt names the sitemap at its full address', () => {
    expect(renderRobots(trilingual)).toBe('User-agent: *\nDisallow:\n\nSitemap: https://example.org/coalition/sitemap.xml\n');
  });
});

describe('robots.txt', () => {
  it('lets every crawler in and says where the sitemap is', () => {
    const lines = renderRobots(ctx).split('\n');
    expect(lines.filter((line) => line.startsWith('Sitemap:'))).toEqual(['Sitemap: https://statements.example.org/sitemap.xml']);
    expect(lines.filter((line) => /^(Allow|Disallow):/.test(line))).toEqual(['Disallow:']);
  });
});
