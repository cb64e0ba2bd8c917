import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../../src/load/markdown.js';
import { bodyToHtml } from '../../../src/render/html/markdown.js';
import { t } from '../../../src/render/context.js';
import { elements, executableMarkup, parseHtml } from '../../helpers/html.js';
import { projectContext } from '../../helpers/context.js';
import { loadBody } from '../../helpers/markdown.js';

const ctx = await projectContext();

function render(markdown: string, lang: 'en' | 'es' = 'en', baseUrl?: string): string {
  return bodyToHtml(loadBody(markdown), lang, t(ctx, lang), { baseUrl });
}

describe('bodyToHtml', () => {
  it('renders CommonMark and GFM: tables, footnotes, strikethrough, autolinks', () => {
    const html = render('A ~~b~~ <https://example.org> c[^1].\n\n| x | y |\n|---|--:|\n| 1 | 2 |\n\n[^1]: Note.\n');
    expect(html).toContain('<del>b</del>');
    expect(html).toContain('<a href="https://example.org">https://example.org</a>');
    expect(html).toContain('<td align="right">2</td>');
    expect(html).toMatch(/<h2 class="sr-only" id="user-content-en-footnote-label">Notes<\/h2>/);
  });

  it('links footnote references to ids that exist after sanitizing', () => {
    const tree = parseHtml(render('Claim[^a].\n\n[^a]: Source.\n', 'es'));
    const ids = new Set(elements(tree).map((node) => node.properties.id));
    const fragments = elements(tree, (node) => node.tagName === 'a' && String(node.properties.href).startsWith('#')).map((node) => String(node.properties.href).slice(1));
    expect(fragments.length).toBe(2);
    for (const fragment of fragments) expect(ids).toContain(fragment);
    expect(elements(tree, (node) => node.tagName === 'h2')[0]?.children[0]).toMatchObject({ value: 'Notas' });
  });

  it('wraps tables in a focusable region with a translated label', () => {
    expect(render('| a |\n|---|\n| 1 |\n', 'es')).toMatch(/<div class="table-scroll" tabindex="0" role="region" aria-label="Tabla \(se desplaza horizontalmente\)"><table>/);
  });

  it('removes scripts, event handlers, iframes, styles and javascript:/data: URLs, keeping the text', () => {
    const html = render(
      'Text <script>alert(1)</script> <img src="https://e.org/x.png" onerror="alert(2)">\n\n' +
        '[a](javascript:alert(3)) [b](data:text/html,x) <a href="JaVaScRiPt:alert(4)">c</a> <a href="vbscript:x">d</a>\n\n' +
        '<iframe src="https://e.org"></iframe><style>p{}</style><div onclick="x()">kept text</div>\n\n<svg onload="alert(5)"><circle/></svg>\n',
    );
    expect(executableMarkup(parseHtml(html))).toEqual([]);
    expect(html).not.toMatch(/alert|<style|<iframe|<svg/);
    expect(html).toContain('kept text');
    expect(html).toContain('<img src="https://e.org/x.png" alt="">');
  });

  it('makes relative links absolute on the tree, never in the text', () => {
    const html = render('A sentence about href="relative/page.html" and [the brief](briefs/a.pdf) and [a note](#top).', 'en', 'https://example.org/s/en.html');
    expect(html).toContain('href="https://example.org/s/briefs/a.pdf"');
    expect(html).toContain('A sentence about href="relative/page.html" and');
    expect(html).toContain('href="#user-content-top"');
  });

  it('keeps a link title as a title when the text before it holds a literal href="', () => {
    const tree = parseHtml(render('See href=" [our site](https://example.org/ "<script>document.documentElement.dataset.pwned=1</script>")', 'en', 'https://example.org/s/en.html'));
    expect(executableMarkup(tree)).toEqual([]);
    const link = elements(tree, (node) => node.tagName === 'a')[0];
    expect(link?.properties.title).toBe('<script>document.documentElement.dataset.pwned=1</script>');
  });

  it('leaves template syntax in the text alone', () => {
    expect(render('{{title}} {{{body}}} $t(release.immediate)')).toContain('{{title}} {{{body}}} $t(release.immediate)');
  });

  it('does not change the model’s tree', () => {
    const { body } = parseMarkdown('A[^1] <b>raw</b>\n\n[^1]: n\n');
    const before = JSON.stringify(body);
    bodyToHtml(body, 'en', t(ctx, 'en'));
    expect(JSON.stringify(body)).toBe(before);
  });
});
