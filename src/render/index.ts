import { isPair, variantsOf, type LanguageSettings, type Variant } from '../model/languages.js';
import type { Statement } from '../model/statement.js';
import type { RenderContext } from './context.js';
import { shareImageFile } from './image/size.js';
import type { RenderResult } from './result.js';

/** One file of `out/<slug>/`, and the renderer that makes it from the model. */
export interface StatementOutput {
  file: string;
  format: Format;
  render: (statement: Statement, ctx: RenderContext) => Promise<RenderResult>;
}

/** Every kind of output, in the order a statement's files are written. */
export const FORMAT_NAMES = ['page', 'email', 'pdf', 'image'] as const;
export type Format = (typeof FORMAT_NAMES)[number];

type Renderer = (statement: Statement, variant: Variant, ctx: RenderContext) => Promise<RenderResult>;

/**
 * Each output format: its file name for an edition (none: the format has no
 * file for it) and its renderer, looked up at each call (a test may replace
 * one). Renderers are imported on first use, so what only names files (the
 * build's main thread, `check`) never loads pdfkit, juice or resvg.
 */
export const FORMATS: Record<Format, { file: (variant: Variant) => string | undefined; render: Renderer }> = {
  page: {
    file: (variant) => `${variant.page}.html`,
    render: async (statement, variant, ctx) => {
      const { renderHtmlPage, renderPairPage } = await import('./html/page.js');
      return { output: isPair(variant) ? renderPairPage(statement, variant, ctx) : renderHtmlPage(statement, variant.langs[0]!, ctx), diagnostics: [] };
    },
  },
  email: { file: (variant) => `${variant.name}.eml`, render: async (...args) => (await import('./email/index.js')).renderEmail(...args) },
  pdf: { file: (variant) => `${variant.name}.pdf`, render: async (...args) => (await import('./pdf/index.js')).renderPdf(...args) },
  // A share image per language: a side-by-side page shares its first language's.
  image: { file: (variant) => (isPair(variant) ? undefined : shareImageFile(variant.langs[0]!)), render: async (...args) => (await import('./image/index.js')).renderImage(...args) },
};

/** The files of a statement with these editions, in the order they are written: pages, emails, PDFs, share images. */
function outputsOf(variants: readonly Variant[]): StatementOutput[] {
  return FORMAT_NAMES.flatMap((format) =>
    variants.flatMap((variant) => {
      const file = FORMATS[format].file(variant);
      return file === undefined ? [] : [{ file, format, render: (statement: Statement, ctx: RenderContext) => FORMATS[format].render(statement, variant, ctx) }];
    }),
  );
}

/** Every file a statement builds to: each language it has, and each configured pair it has both sides of. */
export function statementOutputs(statement: Statement, settings: LanguageSettings): StatementOutput[] {
  return outputsOf(variantsOf(settings, statement.languages));
}

/** The name of every file any statement may build to under these settings. */
export function outputFileNames(settings: LanguageSettings): string[] {
  return outputsOf(variantsOf(settings, settings.languages)).map((output) => output.file);
}
