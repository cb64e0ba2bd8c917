import type PDFDocument from 'pdfkit';
import type { SvgToPdfOptions } from 'svg-to-pdfkit';
import { publisherName } from '../../model/config.js';
import { diagnostic, type Diagnostic } from '../../model/diagnostic.js';
import { textIn, type Lang, type Statement } from '../../model/statement.js';
import { t, type RenderContext } from '../context.js';
import type { FontSet } from './fonts.js';
import { breakLines, MissingGlyphs, pieces } from './layout/inline.js';
import type { Drawer, Item, Line } from './layout/types.js';
import type { Tag } from './structure.js';
import { CONTENT_WIDTH, LEADING, PAGE, type Theme } from './theme.js';

type PdfKit = typeof PDFDocument;
type Doc = PDFKit.PDFDocument;

const unique = (values: (string | undefined)[]) => [...new Set(values.filter((value): value is string => Boolean(value)))];

/**
 * A tagged, bookmarked A4 document whose metadata comes from the statement.
 * Its dates are the statement's date, so the same input gives the same bytes.
 */
export function createDocument(PdfDocument: PdfKit, statement: Statement, langs: readonly Lang[], ctx: RenderContext): Doc {
  const texts = langs.map((lang) => textIn(statement, lang));
  const date = new Date(`${textIn(statement, langs[0]!).date}T00:00:00Z`);
  return new PdfDocument({
    size: PAGE.size,
    margins: { top: PAGE.marginTop, bottom: 0, left: PAGE.marginX, right: PAGE.marginX },
    tagged: true,
    lang: langs[0],
    pdfVersion: '1.7',
    displayTitle: true,
    font: null as unknown as string,
    info: {
      Title: texts.map((text) => text.title).join(' / '),
      Author: unique(langs.map((lang) => publisherName(ctx.config, lang))).join(' / '),
      Subject: unique(texts.map((text) => text.summary ?? text.subtitle)).join(' / '),
      Keywords: unique([...langs.map((lang) => t(ctx, lang)('pdf:keywords')), ...texts.map((text) => text.dateline)]).join(', '),
      CreationDate: date,
      ModDate: date,
      Creator: 'statements',
      Producer: 'statements (pdfkit)',
    },
  });
}

const LOGO_SIZE = 46;

/**
 * The logo as svg-to-pdfkit draws it: without its own width and height (so it
 * fills the logo box, keeping the viewBox), and with links (`<a>`) turned into
 * plain groups, since a logo is decoration and a link in it would be invisible
 * to a reader and could point anywhere.
 */
export function logoSvg(svg: string): string {
  return svg.replace(/<svg\b[^>]*>/, (tag) => tag.replace(/\s(width|height)="[^"]*"/g, '')).replace(/<(\/?)a(?=[\s/>])/g, '<$1g');
}

/** An image a logo carries inside itself; pdfkit reads any other string as a file path. */
const INLINE_IMAGE = /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]*$/i;

/**
 * How svg-to-pdfkit may draw a logo: nothing outside the SVG is opened (an
 * `<image>` only as an inline PNG or JPEG, no other document, only the
 * document's own fonts), and its warnings are dropped (the config loader
 * reports what a logo references, once).
 */
export function svgOptions(drawer: Drawer, fonts: FontSet): SvgToPdfOptions {
  return {
    width: LOGO_SIZE,
    height: LOGO_SIZE,
    assumePt: true,
    imageCallback: (link) => {
      const inline = link.replace(/\s+/g, '');
      return INLINE_IMAGE.test(inline) ? inline : new Uint8Array(0);
    },
    fontCallback: (_family, bold) => drawer.fontName(bold ? fonts.faces.sansBold : fonts.faces.sans),
    warningCallback: () => {},
  };
}

/** The publisher's logo, or why it cannot be drawn. */
export interface Letterhead {
  item: Item;
  /** Set when drawing the logo failed (a corrupt image, an SVG nested too deeply). */
  failure?: Diagnostic;
}

/** Publisher name(s) beside the logo, over a rule in the primary colour. */
export async function letterhead(langs: readonly Lang[], ctx: RenderContext, fonts: FontSet, missing: MissingGlyphs, theme: Theme, parent: Tag): Promise<Letterhead> {
  const { logoPath, logoBytes } = ctx.config;
  const svg = logoPath?.toLowerCase().endsWith('.svg') ? (await import('svg-to-pdfkit')).default : undefined;
  const textX = logoPath ? LOGO_SIZE + 12 : 0;
  const names = unique(langs.map((lang) => publisherName(ctx.config, lang)));
  const lines = names.flatMap((name, index) =>
    breakLines(pieces([{ text: name, style: { face: index === 0 ? 'sansBold' : 'sans', size: index === 0 ? 14 : 11, color: theme.primary }, place: { file: ctx.config.file } }], fonts, missing), CONTENT_WIDTH - textX, 0),
  );
  const tag = parent.child('P');
  const textHeight = lines.reduce((sum, line) => sum + line.height, 0);
  const height = Math.max(logoPath ? LOGO_SIZE : 0, textHeight) + 10;
  const result: Letterhead = {
    item: {
      height,
      spaceBefore: 0,
      draw(drawer, x, y) {
        drawer.artifact(() => {
          try {
            if (logoBytes && svg) svg(drawer.doc, logoSvg(Buffer.from(logoBytes).toString('utf8')), x, y, svgOptions(drawer, fonts));
            else if (logoBytes) drawer.doc.image(Buffer.from(logoBytes), x, y, { fit: [LOGO_SIZE, LOGO_SIZE] });
          } catch (error) {
            const reason = error instanceof RangeError ? 'it is nested too deeply' : error instanceof Error ? error.message : String(error);
            result.failure = diagnostic('error', 'pdf-logo', `the logo ${ctx.config.logo ?? ''} cannot be drawn in the PDF (${reason}): simplify it or use a PNG or JPEG logo; the HTML and email are not affected`, { file: ctx.config.file });
          }
          drawer.doc.rect(x, y + height - 3, CONTENT_WIDTH, 1.5).fill(theme.primary);
        });
        let lineY = y + (height - 10 - textHeight) / 2;
        drawer.mark(tag, () => {
          for (const line of lines) {
            drawer.line(line, x + textX, lineY);
            lineY += line.height;
          }
        });
      },
    },
  };
  return result;
}

/** Footer text of every page ("Page 2 of 3 · Página 2 de 3"), from i18next. */
export function footerText(langs: readonly Lang[], ctx: RenderContext, page: number, pages: number): string {
  return langs.map((lang) => t(ctx, lang)('page.footer', { page, pages })).join(' \u00b7 ');
}

function footerLine(text: string, fonts: FontSet, missing: MissingGlyphs, theme: Theme, file: string): Line {
  return breakLines(pieces([{ text, style: { face: 'sans', size: 7.5, color: theme.muted }, place: { file } }], fonts, missing), CONTENT_WIDTH, 7.5 * LEADING)[0]!;
}

/** The running footer, drawn on each page as it is finished, marked as a pagination artifact. */
export function footer(doc: Doc, drawer: Drawer, langs: readonly Lang[], ctx: RenderContext, fonts: FontSet, theme: Theme): (page: number, pages: number) => void {
  const missing = new MissingGlyphs();
  const publisher = footerLine(unique(langs.map((lang) => publisherName(ctx.config, lang))).join(' / '), fonts, missing, theme, ctx.config.file);
  return (page, pages) => {
    const pageLine = footerLine(footerText(langs, ctx, page, pages), fonts, missing, theme, ctx.config.file);
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.rect(PAGE.marginX, PAGE.footerY - 6, CONTENT_WIDTH, 0.5).fill(theme.rule);
    const fitsBeside = publisher.width + pageLine.width + 24 <= CONTENT_WIDTH;
    if (fitsBeside) drawer.line(publisher, PAGE.marginX, PAGE.footerY);
    drawer.line(pageLine, PAGE.marginX + CONTENT_WIDTH - pageLine.width, PAGE.footerY);
    doc.endMarkedContent();
  };
}

/** Chunks pdfkit writes (one per object, many of them tiny) are joined in blocks of this many, to keep memory near the PDF's size. */
const CHUNKS_PER_BLOCK = 4096;

/** The finished document's bytes. */
export function documentBytes(doc: Doc): Promise<Uint8Array> {
  const blocks: Buffer[] = [];
  let chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (chunks.length === CHUNKS_PER_BLOCK) {
        blocks.push(Buffer.concat(chunks));
        chunks = [];
      }
    });
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat([...blocks, ...chunks]))));
    doc.on('error', reject);
    doc.end();
  });
}
