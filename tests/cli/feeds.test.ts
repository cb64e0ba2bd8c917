import { parseFeed } from '@rowanmanning/feed-parser';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles } from '../build/files.js';
import { runCli, scratchProject } from '../helpers/cli.js';
import { elements, isJsonLd, parseHtml, text } from '../helpers/html.js';
import { childrenNamed, parseXml } from '../helpers/xml.js';

const SLUG = 'complete-statement';
const BASE = 'https://statements.example.org/';
const SITE_FILES = ['feed.en.xml', 'feed.es.xml', 'sitemap.xml', 'robots.txt'];
const BEFORE = ['--now', '2026-11-20T12:00:00Z'];
const AFTER = ['--now', '2026-12-03T15:00:00Z'];
const SITEMAP = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/** The fixture, embargoed until 3 December 2026, beside a statement published at once (dated 22 March 2026). */
async function project(): Promise<string> {
  const dir = await scratchProject([SLUG, 'multi-script']);
  const en = path.join(dir, 'statements', SLUG, 'en.md');
  await writeFile(en, (await readFile(en, 'utf8')).replace(/^embargo: .*$/m, 'embargo: 2026-12-03T09:00:00-06:00'));
  return dir;
}

async function feedItems(out: string, lang: string): Promise<(string | null)[]> {
  return parseFeed(await readFile(path.join(out, `feed.${lang}.xml`), 'utf8')).items.map((item) => item.url);
}

async function sitemapLocs(out: string): Promise<string[]> {
  const urlset = parseXml(await readFile(path.join(out, 'sitemap.xml'), 'utf8'));
  return childrenNamed(urlset, SITEMAP, 'url').flatMap((url) => childrenNamed(url, SITEMAP, 'loc').map((loc) => loc.text));
}

const pagesOf = (slug: string) => [`${BASE}${slug}/en.html`, `${BASE}${slug}/es.html`, `${BASE}${slug}/`];

describe('feeds, sitemap and robots.txt in out/', () => {
  it('list only what out/ holds: nothing of a statement under embargo, all of it once the embargo lifts', async () => {
    const dir = await project();
    const out = path.join(dir, 'out');
    const titles = await Promise.all(['en', 'es'].map(async (lang) => /^title: "(.*)"$/m.exec(await readFile(path.join(dir, 'statements', SLUG, `${lang}.md`), 'utf8'))![1]!));

    const before = await runCli(['build', ...BEFORE], { cwd: dir });
    expect(before.code, before.stderr).toBe(0);
    expect(await listFiles(out)).toEqual(expect.arrayContaining(SITE_FILES));
    for (const lang of ['en', 'es']) expect(await feedItems(out, lang)).toEqual([`${BASE}multi-script/${lang}.html`]);
    expect(await sitemapLocs(out)).toEqual([BASE, ...pagesOf('multi-script')]);
    for (const file of SITE_FILES) {
      const content = await readFile(path.join(out, file), 'utf8');
      for (const needle of [SLUG, ...titles]) expect(content, file).not.toContain(needle);
    }
    expect(await readFile(path.join(out, 'robots.txt'), 'utf8')).toContain(`\nSitemap: ${BASE}sitemap.xml\n`);

    // Every feed a page's head names is in out/, where the page says.
    const page = parseHtml(await readFile(path.join(out, 'multi-script/es.html'), 'utf8'));
    const feedLinks = elements(page, (node) => node.tagName === 'link' && node.properties.type === 'application/atom+xml');
    expect(feedLinks.map((link) => [link.properties.hrefLang, String(link.properties.href).replace(BASE, '')])).toEqual([['en', 'feed.en.xml'], ['es', 'feed.es.xml']]);
    expect(JSON.parse(text(elements(page, isJsonLd)[0]!))).toMatchObject({ '@type': 'NewsArticle', inLanguage: 'es', url: `${BASE}multi-script/es.html` });

    const after = await runCli(['build', ...AFTER], { cwd: dir });
    expect(after.code, after.stderr).toBe(0);
    for (const lang of ['en', 'es']) expect(await feedItems(out, lang)).toEqual([`${BASE}multi-script/${lang}.html`, `${BASE}${SLUG}/${lang}.html`]);
    expect(await sitemapLocs(out)).toEqual([BASE, ...pagesOf('multi-script'), ...pagesOf(SLUG)]);
  });
});
