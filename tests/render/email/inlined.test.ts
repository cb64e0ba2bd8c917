import { readFileSync } from 'node:fs';
import path from 'node:path';
import juice from 'juice';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Statement } from '../../../src/model/statement.js';
import type { RenderContext } from '../../../src/render/context.js';
import { renderEmailHtml } from '../../../src/render/email/htmlPart.js';
import { renderEmail } from '../../../src/render/email/index.js';
import { outputOf } from '../../helpers/render.js';
import { edition, VARIANT_NAMES } from '../../helpers/variants.js';
import { fixtureStatement, parseEml, projectContext } from '../../helpers/email.js';

let ctx: RenderContext;
let statement: Statement;

beforeAll(async () => {
  ctx = await projectContext();
  statement = await fixtureStatement();
});

/** The same context with another stylesheet (and a cache of its own, as a new context has). */
function withCss(css: string): RenderContext {
  return { ...ctx, email: { ...ctx.email, css, inlined: new Map() } };
}

const withoutStyleBlock = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/g, '');

describe('styles inlined into the templates once, not into every message', () => {
  it.each(VARIANT_NAMES)('%s.eml has the very HTML part that juice over the whole message gave (golden file from before)', async (variant) => {
    const golden = readFileSync(path.join(import.meta.dirname, 'golden', `complete-statement.${variant}.html`), 'utf8');
    const mail = await parseEml(outputOf(await renderEmail(statement, edition(variant), ctx)));
    expect(mail.html).toBe(golden);
  });

  it('styles the body as juice over the whole message does, for attribute selectors and child combinators too', async () => {
    const css = `${ctx.email.css}\na[href$="/data"] { color: #ff0000; }\nth[align="right"] { font-style: italic; }\n.statement-body > ol > li { font-weight: bold; }\ntd.section p.dateline { letter-spacing: 1px; }\n`;
    const inlined = await renderEmailHtml(statement, edition('bilingual'), 'Subject', withCss(css));
    // The same message from the templates with no stylesheet, then juiced whole, as every message used to be.
    const plain = await renderEmailHtml(statement, edition('bilingual'), 'Subject', withCss(''));
    const colours = (text: string) => text.replaceAll('var(--primary)', ctx.config.colors.primary).replaceAll('var(--accent)', ctx.config.colors.accent);
    const whole = juice(plain, { extraCss: colours(css), preserveImportant: true, applyWidthAttributes: true, applyAttributesTableElements: true });
    expect(inlined).toMatch(/<a href="https:\/\/example\.org\/data" style="[^"]*color: #ff0000/);
    expect(inlined).toMatch(/<th align="right" style="[^"]*font-style: italic/);
    expect(inlined).toMatch(/<li style="[^"]*font-weight: bold/);
    expect(withoutStyleBlock(inlined)).toBe(withoutStyleBlock(whole));
  });

  it('prepares the templates once per stylesheet: the brand colours of the config', async () => {
    const fresh = withCss(ctx.email.css);
    await renderEmail(statement, edition('en'), fresh);
    await renderEmail(statement, edition('bilingual'), fresh);
    expect(fresh.email.inlined.size).toBe(1);
    const recoloured = { ...fresh, config: { ...fresh.config, colors: { primary: '#00aa33', accent: '#123456' } } };
    const html = await renderEmailHtml(statement, edition('en'), 'Subject', recoloured);
    expect(fresh.email.inlined.size).toBe(2);
    expect(html).toMatch(/<td class="masthead" style="[^"]*color: #00aa33/);
    expect(html).toMatch(/<p class="release-line release-line--embargoed" style="[^"]*color: #123456/);
    expect(html).not.toContain(ctx.config.colors.primary);
  });
});
