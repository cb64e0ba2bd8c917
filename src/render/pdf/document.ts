import type PDFDocument from 'pdfkit';
import { publisherName } from '../../model/config.js';
import { textIn, type Lang, type Statement } from '../../model/statement.js';
import { t, type RenderContext } from '../context.js';
import type { FontSet } from './fonts.js';
import { breakLines, pieces } from './layout/inline.js';
import type { Drawer, Item, Line } from './layout/types.js';
import { LOGO_SIZE, logoKind, logoPainter } from './logo.js';
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

/** Publisher name(s) beside the logo, over a rule in the primary colour. */
export async function letterhead(langs: readonly Lang[], ctx: RenderContext, fonts: FontSet, theme: Theme, parent: Tag): Promise<Item> {
  const { logoPath, logoBytes } = ctx.config;
  const kind = logoPath ? logoKind(logoPath) : undefined;
  // The loader drew the logo once the same way (`logoProblem`), so this cannot fail for a logo that loaded.
  const paint = logoBytes && kind ? await logoPainter(kind) : undefined;
  const textX = logoPath ? LOGO_SIZE + 12 : 0;
  const names = unique(langs.map((lang) => publisherName(ctx.config, lang)));
  const lines = names.flatMap((name, index) =>
    breakLines(pieces([{ text: name, style: { face: index === 0 ? 'sansBold' : 'sans', size: index === 0 ? 14 : 11, color: theme.primary } }], fonts), CONTENT_WIDTH - textX, 0),
  );
  const tag = parent.child('P');
  const textHeight = lines.reduce((sum, line) => sum + line.height, 0);
  const height = Math.max(logoPath ? LOGO_SIZE : 0, textHeight) + 10;
  return {
    height,
    spaceBefore: 0,
    draw(drawer, x, y) {
      drawer.artifact(() => {
        if (paint && logoBytes) paint(drawer.doc, logoBytes, x, y, (bold) => drawer.fontName(bold ? fonts.faces.sansBold : fonts.faces.sans));
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
  };
}

/** Footer text of every page ("Page 2 of 3 · Página 2 de 3"), from i18next. */
export function footerText(langs: readonly Lang[], ctx: RenderContext, page: number, pages: number): string {
  return langs.map((lang) => t(ctx, lang)('page.footer', { page, pages })).join(' \u00b7 ');
}

function footerLine(text: string, fonts: FontSet, theme: Theme): Line {
  return breakLines(pieces([{ text, style: { face: 'sans', size: 7.5, color: theme.muted } }], fonts), CONTENT_WIDTH, 7.5 * LEADING)[0]!;
}

/** The running footer, drawn on each page as it is finished, marked as a pagination artifact. */
export function footer(doc: Doc, drawer: Drawer, langs: readonly Lang[], ctx: RenderContext, fonts: FontSet, theme: Theme): (page: number, pages: number) => void {
  const publisher = footerLine(unique(langs.map((lang) => publisherName(ctx.config, lang))).join(' / '), fonts, theme);
  return (page, pages) => {
    const pageLine = footerLine(footerText(langs, ctx, page, pages), fonts, theme);
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
