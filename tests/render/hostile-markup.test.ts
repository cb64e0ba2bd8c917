import type { ParsedMail } from 'mailparser';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Lang, Statement } from '../../src/model/statement.js';
import type { RenderContext } from '../../src/render/context.js';
import { renderEmail } from '../../src/render/email/index.js';
import { renderHtmlPage, renderPairPage } from '../../src/render/html/page.js';
import { renderPdf } from '../../src/render/pdf/index.js';
import { fixtureStatement, projectContext } from '../helpers/context.js';
import { parseEml } from '../helpers/email.js';
import { elements, executableMarkup, parseHtml, text } from '../helpers/html.js';
import { readPdf } from '../helpers/pdf.js';
import { outputOf } from '../helpers/render.js';
import { edition, VARIANT_NAMES } from '../helpers/variants.js';

/** What the sanitizer removes, and the URLs it refuses: none of it may show anywhere. */
const REMOVED = /alert\(|\.leak|block-style-leak|javascript:|vbscript:|data:text|file:\/\//;
/** A relative link, or one with a scheme the tool itself writes (contacts' phone numbers are `tel:`). */
const isSafeHref = (href: string) => !/^[a-z][a-z0-9+.-]*:/i.test(href) || /^(https?|mailto|tel):/i.test(href);

let ctx: RenderContext;
let statement: Statement;
const LANGS: Lang[] = ['en', 'es'];

beforeAll(async () => {
  ctx = await projectContext();
  statement = await fixtureStatement('hostile-markup');
});

function checkPage(html: string, where: string): void {
  const tree = parseHtml(html);
  expect(executableMarkup(tree), where).toEqual([]);
  expect(elements(tree, (node) => node.tagName === 'meta' && node.properties.httpEquiv !== undefined), where).toEqual([]);
  expect(text(tree), where).not.toMatch(REMOVED);
  for (const link of elements(tree, (node) => node.tagName === 'a' && node.properties.href !== undefined)) expect(isSafeHref(String(link.properties.href)), `${where}: ${String(link.properties.href)}`).toBe(true);
}

describe('markup from statement text stays inert in every output', () => {
  it('web pages: no script, no refresh, nothing removed shows as text', () => {
    for (const lang of LANGS) checkPage(renderHtmlPage(statement, lang, ctx), `${lang}.html`);
    checkPage(renderPairPage(statement, edition('bilingual'), ctx), 'index.html');
  });

  describe.each(VARIANT_NAMES)('%s.eml', (variant) => {
    let mail: ParsedMail;
    beforeAll(async () => {
      mail = await parseEml(outputOf(await renderEmail(statement, edition(variant), ctx)));
    });

    it('HTML part: a link title stays a title; no script, refresh or unsafe link', () => {
      checkPage(mail.html as string, `${variant}.eml`);
      const titled = elements(parseHtml(mail.html as string), (node) => node.tagName === 'a' && String(node.properties.title ?? '').includes('<script>'));
      expect(titled.length).toBeGreaterThan(0);
      for (const link of titled) expect(link.properties.href).toBe('https://example.org/');
    });

    it('HTML part: text that mentions href="…" keeps its words and gets no link', () => {
      if (variant === 'es') return;
      const tree = parseHtml(mail.html as string);
      expect(text(tree)).toContain('mentions href="relative/page.html" in plain words');
      expect(elements(tree, (node) => node.tagName === 'a' && String(node.properties.href).includes('relative/page.html'))).toEqual([]);
    });

    it('text part: nothing removed, no unsafe link listed', () => {
      expect(mail.text).not.toMatch(REMOVED);
      expect(mail.text).toMatch(variant === 'es' ? /En línea y desaparecen\./ : /Inline and both vanish\./);
    });
  });

  it.each(VARIANT_NAMES)('%s.pdf: nothing removed is printed, every link is safe', async (variant) => {
    const pdf = await readPdf(outputOf(await renderPdf(statement, edition(variant), ctx)));
    expect(pdf.text).not.toMatch(REMOVED);
    expect(pdf.text.replace(/\s+/g, ' ')).toMatch(variant === 'es' ? /En línea y desaparecen\./ : /Inline and both vanish\./);
    for (const link of pdf.pages.flatMap((page) => page.links)) expect(isSafeHref(link), link).toBe(true);
  });
});
