import type { Root } from 'mdast';
import { alignBodies, type Aligned } from '../../model/alignment.js';
import { isPair, type Lang, type Variant } from '../../model/languages.js';
import { textIn, type PdfLayout, type Statement } from '../../model/statement.js';
import { t, type RenderContext } from '../context.js';
import type { RenderResult } from '../result.js';
import { BodyReferences } from '../references.js';
import { statementView } from '../view.js';
import { createDocument, documentBytes, footer, letterhead } from './document.js';
import { Composer, createDrawer, drawPages, type Column, type Placement } from './draw.js';
import { FontFailure, fontFailureDiagnostic, type FontSet } from './fonts.js';
import { pairedRows } from './pairing.js';
import type { Item } from './layout/types.js';
import type { BlockContext, LayoutState } from './nodes/state.js';
import { bodyUnits, contactsUnit, endMarkUnit, frontUnits, notesUnit, signatoriesUnit, type Unit } from './sections.js';
import { Tag } from './structure.js';
import { CONTENT_WIDTH, PAGE, theme as makeTheme, type Theme } from './theme.js';


/** A pair's arrangement: the statement's front matter (either language's) wins over the publisher config. */
export function pairLayout(statement: Statement, pair: Variant, ctx: RenderContext): PdfLayout {
  return pair.langs.map((lang) => textIn(statement, lang).pdfLayout).find((layout) => layout !== undefined) ?? ctx.config.pdf.layout;
}

function layoutState(statement: Statement, lang: Lang, ctx: RenderContext, fonts: FontSet, theme: Theme): LayoutState {
  return {
    lang,
    fonts,
    theme,
    t: t(ctx, lang),
    references: new BodyReferences().collect(textIn(statement, lang).body),
    groups: { next: 0 },
  };
}

interface LanguageFlow {
  /** Release line, title, subtitle, dateline: paired one by one. */
  front: Unit[];
  /** One unit per top-level block of the body (empty for a block the PDF does not draw in place). */
  body: Unit[];
  /** The end mark and the notes. */
  end: Unit[];
  contacts: Unit;
}

function languageFlow(statement: Statement, lang: Lang, ctx: RenderContext, state: LayoutState, block: BlockContext, titleSize: number): LanguageFlow {
  const view = statementView(statement, lang, ctx);
  // In reading order: the notes list what the body referred to, the contacts come last.
  const front = frontUnits(statement, view, state, block, titleSize);
  const body = bodyUnits(statement, lang, state, block);
  const end = [endMarkUnit(lang, state, block, ctx)];
  const notes = notesUnit(lang, state, block, ctx);
  if (notes.length) end.push(notes);
  return { front, body, end, contacts: contactsUnit(view, statement, state, block, ctx) };
}

type Row = [left: Unit, right: Unit];

/** Units paired by position (the front matter, the end). */
function byPosition(left: readonly Unit[], right: readonly Unit[]): Row[] {
  return Array.from({ length: Math.max(left.length, right.length) }, (_, i) => [left[i] ?? [], right[i] ?? []]);
}

/** The two bodies' units in the rows the alignment gives: each block level with its translation, a gap an empty column. */
function bodyRows(aligned: readonly Aligned[], left: { root: Root; units: Unit[] }, right: { root: Root; units: Unit[] }): Row[] {
  return pairedRows(aligned, left.root, right.root).map(([a, b]) => [a.flatMap((index) => left.units[index]!), b.flatMap((index) => right.units[index]!)]);
}

/** The alignment of a pair's bodies: the one made at load when the pair starts with the original, else made here. */
function pairAlignment(statement: Statement, [a, b]: readonly Lang[]): Aligned[] {
  return (a === statement.languages[0] ? statement.alignments[b!] : undefined) ?? alignBodies(textIn(statement, a!).body, textIn(statement, b!).body);
}

/** Rows set side by side; a row ending in a heading joins the next, so the heading stays with its text. Empty rows are dropped. */
export function levelRows(rows: readonly Row[]): [Item[], Item[]][] {
  const placed: [Item[], Item[]][] = [];
  let pending: [Item[], Item[]] | undefined;
  const kept = rows.filter(([left, right]) => left.length > 0 || right.length > 0);
  kept.forEach(([left, right], i) => {
    const row: [Item[], Item[]] = pending ? [[...pending[0], ...left], [...pending[1], ...right]] : [[...left], [...right]];
    const endsInHeading = row.some((side) => side[side.length - 1]?.keepWithNext);
    pending = endsInHeading && i + 1 < kept.length ? row : undefined;
    if (!pending) placed.push(row);
  });
  return placed;
}

interface Composition {
  pages: Placement[][];
  theme: Theme;
}

/** Every block of the PDF laid out and placed on its page; nothing drawn yet. */
async function compose(statement: Statement, variant: Variant, ctx: RenderContext, fonts: FontSet, root: Tag): Promise<Composition> {
  const { langs } = variant;
  const parallel = isPair(variant) && pairLayout(statement, variant, ctx) === 'parallel';
  const theme = makeTheme(ctx.config.colors, parallel);
  const columnWidth = parallel ? (CONTENT_WIDTH - PAGE.columnGap) / 2 : CONTENT_WIDTH;
  const titleSize = parallel ? 15 : 20;

  const flows = langs.map((lang) => {
    const block: BlockContext = { width: columnWidth, tag: root.child('Sect', { lang }), style: { ...theme.body } };
    return languageFlow(statement, lang, ctx, layoutState(statement, lang, ctx, fonts, theme), block, titleSize);
  });
  const sharedView = statementView(statement, langs[0]!, ctx);
  const sharedBlock: BlockContext = { width: CONTENT_WIDTH, tag: root.child('Sect'), style: { ...theme.body } };
  const sharedState = layoutState(statement, langs[0]!, ctx, fonts, theme);
  const signatories = signatoriesUnit(statement, sharedView, langs, sharedState, sharedBlock, ctx);
  const head = await letterhead(langs, ctx, fonts, theme, root);

  const composer = new Composer();
  const full = (items: Item[]): Column[] => [{ x: PAGE.marginX, width: CONTENT_WIDTH, items }];
  composer.place(full([head]));
  if (parallel) {
    const [left, right] = flows as [LanguageFlow, LanguageFlow];
    const columns = (pair: [Item[], Item[]]): Column[] => pair.map((items, i) => ({ x: PAGE.marginX + i * (columnWidth + PAGE.columnGap), width: columnWidth, items }));
    const body = bodyRows(pairAlignment(statement, langs), { root: textIn(statement, langs[0]!).body, units: left.body }, { root: textIn(statement, langs[1]!).body, units: right.body });
    const rows = levelRows([...byPosition(left.front, right.front), ...body, ...byPosition(left.end, right.end)]);
    for (const row of rows) composer.place(columns(row));
    composer.place(full(signatories));
    composer.place(columns([left.contacts, right.contacts]));
  } else {
    flows.forEach((flow, index) => {
      if (index > 0) composer.newPage();
      composer.place(full([...flow.front, ...flow.body, ...flow.end].flat()));
      if (isPair(variant)) composer.place(full(flow.contacts));
    });
    composer.place(full(signatories));
    if (!isPair(variant)) composer.place(full(flows[0]!.contacts));
  }
  return { pages: composer.pages, theme };
}

/**
 * A press-ready PDF of the statement, drawn from the same model and mdast
 * as the HTML; none, with a diagnostic, for a font that cannot be read. A
 * character no font has is left out (the `glyphs` check reports it first).
 */
export async function renderPdf(statement: Statement, variant: Variant, ctx: RenderContext): Promise<RenderResult<Uint8Array>> {
  try {
    const doc = await drawnDocument(statement, variant, ctx);
    // Only the document is left: its layout, and what drew it, can be freed while pdfkit ends it (subsets the fonts, writes every object).
    return { output: await documentBytes(doc), diagnostics: [] };
  } catch (error) {
    if (error instanceof FontFailure) return { diagnostics: [fontFailureDiagnostic(error)] };
    throw error;
  }
}

/** Every page of the PDF drawn into a pdfkit document, not yet ended. */
async function drawnDocument(statement: Statement, variant: Variant, ctx: RenderContext): Promise<PDFKit.PDFDocument> {
  const { default: PDFDocument } = await import('pdfkit');
  const { langs } = variant;
  const fonts = await ctx.fonts.load();
  const root = new Tag('Document');
  const { pages, theme } = await compose(statement, variant, ctx, fonts, root);

  const doc = createDocument(PDFDocument, statement, langs, ctx);
  const drawer = createDrawer(doc);
  drawPages(doc, drawer, pages, footer(doc, drawer, langs, ctx, fonts, theme));
  for (const tag of root.children) tag.element?.end();
  root.element?.end();
  return doc;
}
