import { beforeAll, describe, expect, it } from 'vitest';
import { embargoAt } from '../../../src/model/embargo.js';
import type { Statement } from '../../../src/model/statement.js';
import type { RenderContext } from '../../../src/render/context.js';
import { renderEmail } from '../../../src/render/email/index.js';
import { renderHtmlPage, renderPairPage } from '../../../src/render/html/page.js';
import { fixtureStatement, parseEml, projectContext } from '../../helpers/email.js';
import { outputOf } from '../../helpers/render.js';
import { edition } from '../../helpers/variants.js';

let ctx: RenderContext;
let statement: Statement;
let held: Statement;

beforeAll(async () => {
  ctx = await projectContext();
  statement = await fixtureStatement();
  // The fixture's embargo lifts on 5 December 2017, 10:30 in Mexico City.
  held = { ...statement, underEmbargo: embargoAt(statement, new Date('2017-12-01T00:00:00Z')) };
});

/** The preheader: the hidden first line of the HTML part. */
function preheader(html: string): string {
  return /<div class="preheader"[^>]*>([^<]*)<\/div>/.exec(html)?.[1] ?? '';
}

describe('an email of a statement under embargo', () => {
  it.each([
    ['en', 'Embargoed until December 5, 2017 at 10:30 AM Central Standard Time: '],
    ['es', 'Embargado hasta el 5 de diciembre de 2017 a las 10:30 hora estándar central: '],
    ['bilingual', 'Embargoed until December 5, 2017 at 10:30 AM Central Standard Time: '],
  ])('%s.eml says so in its subject and preheader, in its language', async (variant, notice) => {
    const mail = await parseEml(outputOf(await renderEmail(held, edition(variant), ctx)));
    const plain = await parseEml(outputOf(await renderEmail(statement, edition(variant), ctx)));
    expect(mail.subject).toBe(`${notice}${plain.subject}`);
    expect(preheader(String(mail.html))).toMatch(new RegExp(`^${notice.slice(0, -2)}\\. `));
    expect(plain.subject).not.toMatch(/mbarg/);
    expect(preheader(String(plain.html))).not.toMatch(/mbarg/);
  });
});

describe('a page of a statement under embargo (a preview)', () => {
  it('is kept out of search engines and carries a band in its language', () => {
    const page = renderHtmlPage(held, 'es', ctx);
    expect(page).toContain('<meta name="robots" content="noindex">');
    expect(page).toMatch(/<p class="preview-band"[^>]*>EMBARGADO – vista previa: no publicar antes del 5 de diciembre de 2017/);
    expect(renderPairPage(held, edition('bilingual'), ctx)).toMatch(/<p class="preview-band"[^>]*>EMBARGOED – preview/);
  });

  it('a published page has neither', () => {
    const page = renderHtmlPage(statement, 'es', ctx);
    expect(page).not.toContain('noindex');
    expect(page).not.toContain('preview-band');
  });
});
