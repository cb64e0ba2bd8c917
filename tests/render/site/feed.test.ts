import { parseFeed } from '@rowanmanning/feed-parser';
import { describe, expect, it } from 'vitest';
import { archiveEntry, renderArchive, renderHtmlPage, renderPairPage, type ArchiveEntry } from '../../../src/render/html/page.js';
import { entryId, renderFeed } from '../../../src/render/site/feed.js';
import { configuredContext, fixtureStatement, projectContext } from '../../helpers/context.js';
import { elements, parseHtml } from '../../helpers/html.js';
import { edition } from '../../helpers/variants.js';
import { allElements, childrenNamed, parseXml, type XmlElement } from '../../helpers/xml.js';

const ATOM = 'http://www.w3.org/2005/Atom';
/** RFC 3339 date-time, as RFC 4287 section 3.3 requires of every Atom date. */
const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
/** RFC 4151: tag:<DNS name>,<date>:<specific>. */
const TAG_URI = /^tag:[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*,\d{4}(-\d{2}(-\d{2})?)?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*$/;

const ctx = await projectContext();
const completeStatement = await fixtureStatement('complete-statement');
const hostileStatement = await fixtureStatement('hostile-input');
const complete = archiveEntry(completeStatement);
const hostile = archiveEntry(hostileStatement);
/** A statement never translated, published between the two fixtures. */
const englishOnly: ArchiveEntry = { slug: 'english-only', date: '2019-05-01', titles: { en: 'Only in English & nowhere else' }, summaries: {} };
const entries = [complete, englishOnly, hostile];

const text = (element: XmlElement, local: string) => childrenNamed(element, ATOM, local).map((child) => child.text);

/** What RFC 4287 requires of a feed and of each entry: checked on the parsed tree, since a lenient feed parser accepts less. */
function expectValidAtom(xml: string): void {
  const feed = parseXml(xml);
  expect([feed.uri, feed.local]).toEqual([ATOM, 'feed']);
  for (const element of allElements(feed)) expect(element.uri, element.local).toBe(ATOM);
  // Text constructs of type text, dates, ids and names hold characters only, never markup.
  for (const element of allElements(feed).filter((candidate) => ['id', 'title', 'summary', 'updated', 'name', 'uri'].includes(candidate.local))) expect(element.children, element.local).toEqual([]);
  for (const local of ['id', 'title', 'updated']) expect(text(feed, local), `feed ${local}`).toHaveLength(1);
  expect(text(feed, 'updated')[0]).toMatch(RFC_3339);
  // A feed needs an author unless every entry has one.
  expect(childrenNamed(feed, ATOM, 'author').flatMap((author) => text(author, 'name'))).toHaveLength(1);
  const links = childrenNamed(feed, ATOM, 'link');
  expect(links.filter((link) => link.attributes.rel === 'self')).toHaveLength(1);
  for (const entry of childrenNamed(feed, ATOM, 'entry')) {
    for (const local of ['id', 'title', 'updated']) expect(text(entry, local), `entry ${local}`).toHaveLength(1);
    expect(text(entry, 'updated')[0]).toMatch(RFC_3339);
    expect(new URL(text(entry, 'id')[0]!).protocol).toBe('tag:');
    // Without content, an entry must link to its page (rel="alternate").
    expect(childrenNamed(entry, ATOM, 'content')).toEqual([]);
    expect(childrenNamed(entry, ATOM, 'link').filter((link) => link.attributes.rel === 'alternate')).toHaveLength(1);
  }
}

describe.each(['en', 'es'])('feed.%s.xml', (lang) => {
  const xml = renderFeed(entries, lang, ctx);
  const feed = parseFeed(xml);

  it('is an Atom 1.0 feed, well-formed, every element in the Atom namespace, with what RFC 4287 requires', () => {
    expect(feed.meta).toEqual({ type: 'atom', version: '1.0' });
    expectValidAtom(xml);
  });

  it('is named in its language, links to itself and to the archive, and is by the publisher', () => {
    expect(feed.language).toBe(lang);
    expect(feed.title).toBe(lang === 'en' ? 'Coalition for Rivers and Communities: statements' : 'Coalición por los Ríos y las Comunidades: declaraciones');
    expect(feed.self).toBe(`https://statements.example.org/feed.${lang}.xml`);
    expect(feed.url).toBe('https://statements.example.org/');
    expect(feed.authors.map((author) => author.name)).toEqual([lang === 'en' ? 'Coalition for Rivers and Communities' : 'Coalición por los Ríos y las Comunidades']);
  });

  it('lists the statements that have the language, newest first, each with its title, summary, page and date', () => {
    const listed = lang === 'en' ? [hostile, englishOnly, complete] : [hostile, complete];
    expect(feed.items.map((item) => item.url)).toEqual(listed.map((entry) => `https://statements.example.org/${entry.slug}/${lang}.html`));
    expect(feed.items.map((item) => item.title)).toEqual(listed.map((entry) => entry.titles[lang]));
    // The summaries as the statements' front matter has them (the hostile fixture has none in Spanish).
    const summaries = { en: [hostileStatement.text.en!.summary, null, completeStatement.text.en!.summary], es: [null, completeStatement.text.es!.summary] }[lang]!;
    expect(summaries.filter(Boolean).length).toBeGreaterThan(0);
    expect(feed.items.map((item) => item.description)).toEqual(summaries);
    expect(feed.items.map((item) => item.updated?.toISOString())).toEqual(listed.map((entry) => `${entry.date}T00:00:00.000Z`));
  });

  it("is updated when its newest statement is dated, whatever the clock says", () => {
    expect(feed.updated?.toISOString()).toBe('2020-02-29T00:00:00.000Z');
  });

  it('gives each statement a tag: id of its own in each language, which its title and its place in the list do not change', () => {
    const ids = feed.items.map((item) => item.id);
    expect(ids).toEqual((lang === 'en' ? [hostile, englishOnly, complete] : [hostile, complete]).map((entry) => `tag:statements.example.org,${entry.date}:${entry.slug}/${lang}`));
    for (const id of ids) expect(id).toMatch(TAG_URI);
    const retitled = parseFeed(renderFeed([{ ...complete, titles: { en: 'New title', es: 'Nuevo título' } }], lang, ctx));
    expect(retitled.items[0]!.id).toBe(ids.at(-1));
  });

  it('is the same bytes whatever order the manifests were read in', () => {
    expect(renderFeed([hostile, complete, englishOnly], lang, ctx)).toBe(xml);
  });
});

describe('every page links each feed in its head', () => {
  const pages = { 'en.html': renderHtmlPage(completeStatement, 'en', ctx), 'index.html': renderPairPage(completeStatement, edition('bilingual'), ctx), archive: renderArchive([complete], ctx) };
  it.each(Object.keys(pages))('%s', (page) => {
    const links = elements(parseHtml(pages[page as keyof typeof pages]), (node) => node.tagName === 'link' && node.properties.type === 'application/atom+xml');
    expect(links.map((link) => [String(link.properties.rel), link.properties.hrefLang, link.properties.href, link.properties.title])).toEqual([
      ['alternate', 'en', 'https://statements.example.org/feed.en.xml', 'Coalition for Rivers and Communities: statements'],
      ['alternate', 'es', 'https://statements.example.org/feed.es.xml', 'Coalición por los Ríos y las Comunidades: declaraciones'],
    ]);
  });
});

describe('feed ids', () => {
  it('differ between the languages of one statement', () => {
    expect(entryId(ctx, complete, 'en')).not.toBe(entryId(ctx, complete, 'es'));
  });

  it('carry the folder of a site published below its host, and never its scheme or port', async () => {
    const below = await configuredContext('name: Test Coalition\nbaseUrl: http://example.org:8080/coalition/press\nemail:\n  from: press@example.org\n');
    expect(entryId(below, complete, 'es')).toBe('tag:example.org,2017-12-04:coalition/press/complete-statement/es');
    expect(entryId(below, complete, 'es')).toMatch(TAG_URI);
  });
});

describe('a feed of a language no statement has yet', () => {
  it('has no entry and is dated at the epoch, never by the clock', () => {
    const xml = renderFeed([englishOnly], 'es', ctx);
    expectValidAtom(xml);
    const feed = parseFeed(xml);
    expect(feed.items).toEqual([]);
    expect(feed.updated?.toISOString()).toBe('1970-01-01T00:00:00.000Z');
  });
});

describe('hostile text', () => {
  const xml = renderFeed(entries, 'en', ctx);

  it('stays text: the markup in a title or summary is escaped, and the parser reads the very same characters back', () => {
    const item = parseFeed(xml).items[0]!;
    expect(item.title).toBe(hostile.titles.en);
    expect(item.title).toContain('<script>');
    expect(item.description).toBe(hostile.summaries.en);
    expect(xml).not.toContain('<script>');
    const entryTitles = childrenNamed(parseXml(xml), ATOM, 'entry').map((entry) => text(entry, 'title')[0]);
    expect(entryTitles).toEqual([hostile.titles.en, englishOnly.titles.en, complete.titles.en]);
  });

  it('drops what XML cannot hold at all (a noncharacter, a lone surrogate) and keeps the feed readable', () => {
    const odd: ArchiveEntry = { ...englishOnly, titles: { en: 'Before\uFFFF after \uD800 end' } };
    const broken = renderFeed([odd], 'en', ctx);
    expectValidAtom(broken);
    expect(parseFeed(broken).items[0]!.title).toBe('Before after  end');
  });
});

describe('feeds of a three-language site', async () => {
  const trilingual = await configuredContext('languages: [en, es, pt]\nname: Test Coalition\nbaseUrl: https://example.org/coalition/\nemail:\n  from: press@example.org\n');
  const three = archiveEntry(await fixtureStatement('three-languages', trilingual));

  it('has a Portuguese feed, in Portuguese, with the statements that have Portuguese', () => {
    const feed = parseFeed(renderFeed([three, englishOnly], 'pt', trilingual));
    expect(feed.title).toBe('Test Coalition: declarações');
    expect(feed.self).toBe('https://example.org/coalition/feed.pt.xml');
    expect(feed.items.map((item) => [item.url, item.title])).toEqual([['https://example.org/coalition/three-languages/pt.html', three.titles.pt]]);
  });
});
