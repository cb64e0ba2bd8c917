import { displayPath } from '../../load/read.js';
import { publisherName } from '../../model/config.js';
import { diagnostic } from '../../model/diagnostic.js';
import type { Variant } from '../../model/languages.js';
import { textIn, type Statement } from '../../model/statement.js';
import type { RenderContext } from '../context.js';
import { FontFailure, fontFailureDiagnostic } from '../pdf/fonts.js';
import { logoAdvice } from '../pdf/logo.js';
import type { RenderResult } from '../result.js';
import { cardSvg, LOGO_BOX } from './card.js';
import { embeddedLogo, type EmbeddedLogo } from './logo.js';

type ResvgModule = typeof import('@resvg/resvg-js');

/** The config's logo ready to embed; a logo resvg cannot draw (one pdfkit could: the loader drew it so) is an error naming the file. */
function logoOf(resvg: ResvgModule, ctx: RenderContext): RenderResult<EmbeddedLogo | undefined> {
  const { logoPath, logoBytes } = ctx.config;
  if (!logoPath || !logoBytes) return { output: undefined, diagnostics: [] };
  try {
    return { output: embeddedLogo(resvg, logoPath, logoBytes, LOGO_BOX), diagnostics: [] };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { diagnostics: [diagnostic('error', 'logo', `the logo cannot be drawn in the share images (${reason}): ${logoAdvice('SVG')}. The other outputs are not affected`, { file: displayPath(logoPath) })] };
  }
}

/**
 * `out/<slug>/<lang>.png`, the image a link to the statement shows when
 * shared: its headline in one language with the publisher's name, logo and
 * colours, 1200 × 630. None, with a diagnostic, when a font or the logo
 * cannot be read; a character no font has is left out (the `glyphs` check
 * reports it).
 */
export async function renderImage(statement: Statement, variant: Variant, ctx: RenderContext): Promise<RenderResult<Uint8Array>> {
  const lang = variant.langs[0]!;
  const resvg = await import('@resvg/resvg-js');
  const logo = logoOf(resvg, ctx);
  if (logo.diagnostics.length > 0) return { diagnostics: logo.diagnostics };
  let svg: string;
  try {
    svg = cardSvg({ headline: textIn(statement, lang).title, publisher: publisherName(ctx.config, lang), colors: ctx.config.colors, logo: logo.output }, await ctx.fonts.load());
  } catch (error) {
    if (error instanceof FontFailure) return { diagnostics: [fontFailureDiagnostic(error)] };
    throw error;
  }
  // Every word is an outline and the logo an embedded image: no font of the machine's is ever used.
  const image = new resvg.Resvg(svg, { font: { loadSystemFonts: false }, logLevel: 'off' }).render();
  return { output: new Uint8Array(image.asPng()), diagnostics: [] };
}
