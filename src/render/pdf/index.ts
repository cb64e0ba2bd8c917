import type { Root } from 'mdast';
import { alignBodies, type Aligned } from '../../model/alignment.js';
import { isPair, type Lang, type Variant } from '../../model/languages.js';
import { textIn, type PdfLayout, type Statement } from '../../model/statement.js';
import { diagnostic, type Diagnostic } from '../../model/diagnostic.js';
import { t, type RenderContext } from '../context.js';
import type { RenderResult } from '../result.js';
import { BodyReferences } from '../references.js';
import { statementView } from '../view.js';
import { createDocument, documentBytes, footer, letterhead } from './document.js';
import { Composer, createDrawer, drawPages, type Column, type Placement } from './draw.js';
import { codePointLabel, FontFailure, fontFailureDiagnostic, type FontSet } from './fonts.js';
import { MissingGlyphs } from './layout/inline.js';
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

function layoutState(statement: Statement, lang: Lang, ctx: RenderContext, fonts: FontSet, theme: Theme, missing: MissingGlyphs): LayoutState {
  return {
    lang,
    file: textIn(statement, lang).file,
    fonts,
    theme,
    t: t(ctx, lang),
    missing,
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

const FONTS_TRIED = 'tried Noto Serif, Noto Sans, the fonts of `pdf.fonts.fallback` and the bundled Noto fonts for Arabic, Hebrew, Devanagari, symbols, emoji, Chinese, Japanese and Korean';
/** At most this many texts no font has are reported one by one; the rest are counted. */
const REPORTED_GLYPHS = 20;

/** Scripts the bundled fonts lack that statements are likely to hold, to name in the message. */
const SCRIPTS = ['Ethiopic', 'Armenian', 'Georgian', 'Thai', 'Lao', 'Khmer', 'Myanmar', 'Bengali', 'Gurmukhi', 'Gujarati', 'Oriya', 'Tamil', 'Telugu', 'Kannada', 'Malayalam', 'Sinhala', 'Tibetan', 'Mongolian', 'Syriac', 'Thaana', 'Tifinagh', 'Cherokee', 'Canadian_Aboriginal', 'Nko', 'Adlam', 'Vai'];

function scriptHint(text: string): string {
  const script = SCRIPTS.find((name) => new RegExp(`\\p{Script=${name}}`, 'u').test(text));
  return script ? ` (${script.replace('_', ' ')} script: Noto has a font for it)` : '';
}

/** The characters, shown only when they show as something (never a control or an unassigned code point), and their code points. */
function describeCharacters(text: string): string {
  const chars = Array.from(text);
  const codes = chars.slice(0, 8).map(codePointLabel).join(', ') + (chars.length > 8 ? ', …' : '');
  const shown = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]+$/u.test(text) ? `"${text}" ` : '';
  return `${chars.length === 1 ? 'character' : 'characters'} ${shown}(${codes})`;
}

function glyphDiagnostics(missing: MissingGlyphs): Diagnostic[] {
  const found = missing.list;
  const out = found.slice(0, REPORTED_GLYPHS).map(({ text, place, count }) => {
    const more = count > 1 ? ` (and ${count - 1} more time${count > 2 ? 's' : ''} in this file)` : '';
    return diagnostic(
      'error',
      'pdf-glyph',
      `${describeCharacters(text)} cannot be printed in the PDF${more}: no font has a glyph for ${Array.from(text).length === 1 ? 'it' : 'them'} (${FONTS_TRIED}). The HTML page and the email of this statement are still built (a browser and a mail client use their own fonts). To print it in the PDF, add a .ttf or .otf font that has it${scriptHint(text)} to publisher.yaml as \`pdf: { fonts: { fallback: fonts/YourFont.ttf } }\`, or remove it`,
      place,
    );
  });
  if (found.length > REPORTED_GLYPHS) {
    const rest = found.slice(REPORTED_GLYPHS);
    out.push(diagnostic('error', 'pdf-glyph', `${rest.length} more texts cannot be printed in the PDF, first "${rest[0]!.text}": add a font that has them, as above`, rest[0]!.place));
  }
  return out;
}

interface Composition {
  pages: Placement[][];
  theme: Theme;
}

/** Every block of the PDF laid out and placed on its page; nothing drawn yet. */
async function compose(statement: Statement, variant: Variant, ctx: RenderContext, fonts: FontSet, missing: MissingGlyphs, root: Tag): Promise<Composition> {
  const { langs } = variant;
  const parallel = isPair(variant) && pairLayout(statement, variant, ctx) === 'parallel';
  const theme = makeTheme(ctx.config.colors, parallel);
  const columnWidth = parallel ? (CONTENT_WIDTH - PAGE.columnGap) / 2 : CONTENT_WIDTH;
  const titleSize = parallel ? 15 : 20;

  const flows = langs.map((lang) => {
    const block: BlockContext = { width: columnWidth, tag: root.child('Sect', { lang }), style: { ...theme.body } };
    return languageFlow(statement, lang, ctx, layoutState(statement, lang, ctx, fonts, theme, missing), block, titleSize);
  });
  const sharedView = statementView(statement, langs[0]!, ctx);
  const sharedBlock: BlockContext = { width: CONTENT_WIDTH, tag: root.child('Sect'), style: { ...theme.body } };
  const sharedState = layoutState(statement, langs[0]!, ctx, fonts, theme, missing);
  sharedState.file = statement.signatoriesFile ?? statement.dir;
  const signatories = signatoriesUnit(statement, sharedView, langs, sharedState, sharedBlock, ctx);
  const head = await letterhead(langs, ctx, fonts, missing, theme, root);

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
 * as the HTML; none, with a diagnostic for every character no font can draw,
 * or for a font that cannot be read.
 */
export async function renderPdf(statement: Statement, variant: Variant, ctx: RenderContext): Promise<RenderResult<Uint8Array>> {
  try {
    const drawn = await drawnDocument(statement, variant, ctx);
    // Only the document is left: its layout, and what drew it, can be freed while pdfkit ends it (subsets the fonts, writes every object).
    return 'doc' in drawn ? { output: await documentBytes(drawn.doc), diagnostics: [] } : drawn;
  } catch (error) {
    if (error instanceof FontFailure) return { diagnostics: [fontFailureDiagnostic(error)] };
    throw error;
  }
}

/** Every page of the PDF drawn into a pdfkit document, not yet ended; or why it cannot be. */
async function drawnDocument(statement: Statement, variant: Variant, ctx: RenderContext): Promise<{ doc: PDFKit.PDFDocument } | { diagnostics: Diagnostic[] }> {
  const { default: PDFDocument } = await import('pdfkit');
  const { langs } = variant;
  const fonts = await ctx.fonts.load();
  const missing = new MissingGlyphs();
  const root = new Tag('Document');
  const { pages, theme } = await compose(statement, variant, ctx, fonts, missing, root);
  if (missing.length) return { diagnostics: glyphDiagnostics(missing) };

  const doc = createDocument(PDFDocument, statement, langs, ctx);
  const drawer = createDrawer(doc);
  drawPages(doc, drawer, pages, footer(doc, drawer, langs, ctx, fonts, theme));
  for (const tag of root.children) tag.element?.end();
  root.element?.end();
  return { doc };
}
