import { LANGUAGES, VARIANTS, type Statement } from '../model/statement.js';
import type { RenderContext } from './context.js';
import { renderEmail } from './email/index.js';
import { renderBilingualPage, renderHtmlPage } from './html/page.js';
import { renderPdf } from './pdf/index.js';
import type { RenderResult } from './result.js';

/** One file of `out/<slug>/`, and the renderer that makes it from the model. */
export interface StatementOutput {
  file: string;
  render: (statement: Statement, ctx: RenderContext) => Promise<RenderResult>;
}

/** Every file a statement builds to, in the order they are written. */
export const statementOutputs: readonly StatementOutput[] = [
  ...LANGUAGES.map((lang) => ({ file: `${lang}.html`, render: async (statement: Statement, ctx: RenderContext) => ({ output: renderHtmlPage(statement, lang, ctx), diagnostics: [] }) })),
  { file: 'index.html', render: async (statement: Statement, ctx: RenderContext) => ({ output: renderBilingualPage(statement, ctx), diagnostics: [] }) },
  ...VARIANTS.map((variant) => ({ file: `${variant}.eml`, render: (statement: Statement, ctx: RenderContext) => renderEmail(statement, variant, ctx) })),
  ...VARIANTS.map((variant) => ({ file: `${variant}.pdf`, render: (statement: Statement, ctx: RenderContext) => renderPdf(statement, variant, ctx) })),
];
