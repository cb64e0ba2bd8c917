import type { Text } from 'mdast';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { renderArchive, renderPairPage, renderHtmlPage, archiveEntry } from '../../../src/render/html/page.js';
import { DEFAULT_LANGUAGES } from '../../../src/model/languages.js';
import { edition } from '../../helpers/variants.js';
import { elements, executableMarkup, parseHtml, text } from '../../helpers/html.js';
import { fixtureStatement, projectContext } from '../../helpers/context.js';

const ctx = await projectContext();
const statement = await fixtureStatement('complete-statement');

const expected = {
  en: {
    release: 'Embargoed until December 5, 2017 at 10:30 AM Central Standard Time',
    dateline: 'Puerto Vallarta, México, December 4, 2017',
    signatories: '5 signatories',
    individuals: 'Individuals',
    note: 'Affiliations are listed for identification purposes only.',
    contacts: 'Media contacts',
  },
  es: {
    release: 'Embargado hasta el 5 de diciembre de 2017 a las 10:30 hora estándar central',
    dateline: 'Puerto Vallarta, México, 4 de diciembre de 2017',
    signatories: '5 firmantes',
    individuals: 'Personas',
    note: 'Las afiliaciones se indican solo con fines de identificación.',
    contacts: 'Contactos de prensa',
  },
} as const;

describe.each(DEFAULT_LANGUAGES as ('en' | 'es')[])('renderHtmlPage(%s)', (lang) => {
  const html = renderHtmlPage(statement, lang, ctx);
  const tree = parseHtml(html);
  const pageText = text(elements(tree, (node) => node.tagName === 'main')[0]!);
  const words = expected[lang];

  it('is a page in that language with alternates and a visible link to the other', () => {
    expect(html).toMatch(new RegExp(`^<!doctype html>\\n<html lang="${lang}">`));
    const alternates = elements(tree, (node) => node.tagName === 'link' && node.properties.rel?.toString() === 'alternate' && node.properties.type === undefined);
    expect(alternates.map((node) => [node.properties.hrefLang, node.properties.href])).toEqual([
      ['en', 'https://statements.example.org/complete-statement/en.html'],
      ['es', 'https://statements.example.org/complete-statement/es.html'],
      ['x-default', 'https://statements.example.org/complete-statement/'],
    ]);
    const other = lang === 'en' ? 'es' : 'en';
    const switchLink = elements(tree, (node) => node.tagName === 'a' && node.properties.hrefLang === other)[0];
    expect(switchLink?.properties.href).toBe(`${other}.html`);
  });

  it('shows the release line, title, subtitle, localized dateline and end mark', () => {
    expect(text(elements(tree, (node) => String(node.properties.className).includes('release-line'))[0]!)).toBe(words.release);
    expect(text(elements(tree, (node) => node.tagName === 'h1')[0]!)).toBe(statement.text[lang]!.title);
    expect(pageText).toContain(statement.text[lang]!.subtitle);
    expect(text(elements(tree, (node) => node.tagName === 'time')[0]!)).toBe(words.dateline);
    expect(pageText).toContain('###');
  });

  it('contains every piece of body text', () => {
    const pieces: string[] = [];
    visit(statement.text[lang]!.body, 'text', (node: Text) => {
      pieces.push(...node.value.split('\n').map((line) => line.trim()).filter(Boolean));
    });
    expect(pieces.length).toBeGreaterThan(15);
    for (const piece of pieces) expect(pageText).toContain(piece);
  });

  it('lists every signatory, organisations first, with the count and the affiliation note', () => {
    expect(pageText).toContain(words.signatories);
    const items = elements(tree, (node) => node.tagName === 'li' && elements({ type: 'root', children: [node] }, (n) => String(n.properties.className).includes('signatory')).length > 0);
    const names = items.map((item) => text(item));
    expect(names).toHaveLength(5);
    expect(names[0]).toMatch(/^Ábaco Colectivo/);
    expect(names.slice(3).map((n) => n.split(/[,(]/)[0]!.trim())).toEqual(['Émile Zola Fixture', 'María "Mae" Pérez'].sort((a, b) => a.localeCompare(b, lang)));
    expect(pageText).toContain('María "Mae" Pérez, University of Testing, Dept. of Air (Guadalajara, Jalisco, México)');
    expect(pageText).toContain(words.individuals);
    expect(pageText).toContain(words.note);
    const zeta = elements(tree, (node) => node.tagName === 'a' && node.properties.href === 'https://zeta.example.org')[0];
    expect(text(zeta!)).toBe('Zeta Network, Inc.');
  });

  it('lists the media contacts with mailto and tel links', () => {
    expect(pageText).toContain(words.contacts);
    expect(elements(tree, (node) => node.properties.href === 'mailto:ana@test.example.org')).toHaveLength(1);
    expect(elements(tree, (node) => node.properties.href === 'tel:+523225550101')).toHaveLength(1);
  });

  it('has meta description and Open Graph tags', () => {
    const meta = (attribute: 'name' | 'property', value: string) =>
      elements(tree, (node) => node.tagName === 'meta' && node.properties[attribute] === value)[0]?.properties.content;
    expect(meta('name', 'description')).toBe(statement.text[lang]!.summary);
    expect(meta('property', 'og:title')).toBe(statement.text[lang]!.title);
    expect(meta('property', 'og:locale')).toBe(lang === 'en' ? 'en_US' : 'es_ES');
    expect(meta('property', 'og:url')).toBe(`https://statements.example.org/complete-statement/${lang}.html`);
  });

  it('shares the statement with its share image in this language, its size and its headline as alternative text', () => {
    const meta = (attribute: 'name' | 'property', value: string) =>
      elements(tree, (node) => node.tagName === 'meta' && node.properties[attribute] === value).map((node) => node.properties.content);
    const image = `https://statements.example.org/complete-statement/${lang}.png`;
    expect(meta('property', 'og:image')).toEqual([image]);
    expect(meta('property', 'og:image:type')).toEqual(['image/png']);
    expect([meta('property', 'og:image:width'), meta('property', 'og:image:height')]).toEqual([['1200'], ['630']]);
    expect(meta('property', 'og:image:alt')).toEqual([statement.text[lang]!.title]);
    expect(meta('name', 'twitter:card')).toEqual(['summary_large_image']);
    expect(meta('name', 'twitter:image')).toEqual([image]);
    expect(meta('name', 'twitter:image:alt')).toEqual([statement.text[lang]!.title]);
  });
});

describe('renderBilingualPage', () => {
  const tree = parseHtml(renderPairPage(statement, edition('bilingual'), ctx));
  it('is shared with the share image of its first language', () => {
    const meta = (value: string) => elements(tree, (node) => node.tagName === 'meta' && node.properties.property === value)[0]?.properties.content;
    expect(meta('og:image')).toBe('https://statements.example.org/complete-statement/en.png');
    expect(meta('og:image:alt')).toBe(statement.text.en!.title);
  });

  it('has both halves, each marked with its lang, with unique ids', () => {
    const articles = elements(tree, (node) => node.tagName === 'article');
    expect(articles.map((node) => node.properties.lang)).toEqual(['en', 'es']);
    expect(text(articles[1]!)).toContain('4 de diciembre de 2017');
    const ids = elements(tree).map((node) => node.properties.id).filter(Boolean);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('renderArchive', () => {
  it('lists statements newest first with both titles', () => {
    const older = { ...archiveEntry(statement), slug: 'older', date: '2016-01-01' };
    const tree = parseHtml(renderArchive([older, archiveEntry(statement)], ctx));
    const links = elements(tree, (node) => node.tagName === 'a' && String(node.properties.href).endsWith('.html') && node.properties.hrefLang !== undefined);
    expect(links.map((node) => node.properties.href)).toEqual(['complete-statement/en.html', 'complete-statement/es.html', 'older/en.html', 'older/es.html']);
    expect(text(links[1]!)).toBe(statement.text.es!.title);
    expect(text(elements(tree, (node) => node.tagName === 'time')[0]!)).toBe('December 4, 2017 · 4 de diciembre de 2017');
  });

  it('is shared with the logo, as a small card: it has no share image of its own', () => {
    const tree = parseHtml(renderArchive([archiveEntry(statement)], ctx));
    const meta = (attribute: 'name' | 'property', value: string) => elements(tree, (node) => node.tagName === 'meta' && node.properties[attribute] === value)[0]?.properties.content;
    expect(meta('property', 'og:image')).toBe('https://statements.example.org/assets/logo.svg');
    expect(meta('name', 'twitter:card')).toBe('summary');
  });
});

describe('hostile input', async () => {
  const hostile = await fixtureStatement('hostile-input');
  const pages = [renderHtmlPage(hostile, 'en', ctx), renderHtmlPage(hostile, 'es', ctx), renderPairPage(hostile, edition('bilingual'), ctx)];

  it.each([0, 1, 2])('page %i has no executable markup', (index) => {
    expect(executableMarkup(parseHtml(pages[index]!))).toEqual([]);
  });

  it('shows hostile metadata and template syntax as text', () => {
    const pageText = text(parseHtml(pages[0]!));
    expect(pageText).toContain("<script>window.pwned = 'title'</script> {{title}} $t(release.immediate)");
    expect(pageText).toContain('<svg onload="window.pwned=\'dateline\'">');
    expect(pageText).toContain('<b onmouseover="window.pwned=\'contact\'">Eve</b>');
    expect(pageText).toContain('{{#each this}}x{{/each}}');
    expect(pageText).toContain("<script>window.pwned='signatory'</script>");
    expect(pageText).toContain("{{constructor.constructor 'alert(1)'}}");
    expect(pageText).toContain('Literal template syntax: {{title}} and {{{body}}} and $t(release.embargoed) and <%= x %>.');
  });
});
