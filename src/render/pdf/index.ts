import { variantLanguages, type Lang, type PdfLayout, type Statement, type Variant } from '../../model/statement.js';
import { diagnostic, type Diagnostic } from '../../model/diagnostic.js';
import { t, type RenderContext } from '../context.js';
import type { RenderResult } from '../result.js';
import { BodyReferences } from '../references.js';
import { statementView } from '../view.js';
import { createDocument, documentBytes, drawFooters, letterhead } from './document.js';
import { Composer, createDrawer, type Column } from './draw.js';
import { codePointLabel, fontSet, type FontSet } from './fonts.js';
import type { MissingGlyph } from './layout/inline.js';
import type { Item } from './layout/types.js';
import type { BlockContext, LayoutState } from './nodes/state.js';
import { bodyUnits, contactsUnit, endMarkUnit, frontUnits, notesUnit, signatoriesUnit, type Unit } from './sections.js';
import { Tag } from './structure.js';
import { CONTENT_WIDTH, PAGE, theme as makeTheme, type Theme } from './theme.js';


/** The bilingual arrangement: the statement's front matter wins over the publisher config. */
export function bilingualLayout(statement: Statement, ctx: RenderContext): PdfLayout {
  return statement.text.en.pdfLayout ?? statement.text.es.pdfLayout ?? ctx.config.pdf.layout;
}

function layoutState(statement: Statement, lang: Lang, ctx: RenderContext, fonts: FontSet, theme: Theme, missing: MissingGlyph[]): LayoutState {
  return {
    lang,
    file: statement.text[lang].file,
    fonts,
    theme,
    t: t(ctx, lang),
    missing,
    references: new BodyReferences().collect(statement.text[lang].body),
    groups: { next: 0 },
  };
}

interface LanguageFlow {
  /** Everything from the release line to the notes, one unit per alignment point. */
  units: Unit[];
  contacts: Unit;
}

function languageFlow(statement: Statement, lang: Lang, ctx: RenderContext, state: LayoutState, block: BlockContext, titleSize: number): LanguageFlow {
  const view = statementView(statement, lang, ctx);
  const units = [...frontUnits(statement, view, state, block, titleSize), ...bodyUnits(statement, lang, state, block), endMarkUnit(lang, state, block, ctx)];
  const notes = notesUnit(lang, state, block, ctx);
  if (notes.length) units.push(notes);
  return { units, contacts: contactsUnit(view, statement, state, block, ctx) };
}

/** Pair the two languages' units; a unit ending in a heading joins the next, so the heading stays with its text. */
export function alignUnits(left: readonly Unit[], right: readonly Unit[]): [Item[], Item[]][] {
  const rows: [Item[], Item[]][] = [];
  let pending: [Item[], Item[]] | undefined;
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const row: [Item[], Item[]] = pending ? [[...pending[0], ...(left[i] ?? [])], [...pending[1], ...(right[i] ?? [])]] : [[...(left[i] ?? [])], [...(right[i] ?? [])]];
    const endsInHeading = row.some((side) => side[side.length - 1]?.keepWithNext);
    pending = endsInHeading && i + 1 < Math.max(left.length, right.length) ? row : undefined;
    if (!pending) rows.push(row);
  }
  return rows;
}

function glyphDiagnostics(missing: readonly MissingGlyph[], fonts: FontSet): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const { char, place } of missing) {
    const key = `${char}\0${place.file}\0${place.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const fontsUsed = fonts.fallback ? 'Noto Serif, Noto Sans or the fallback font' : 'Noto Serif or Noto Sans';
    out.push(
      diagnostic(
        'error',
        'pdf-glyph',
        `character "${char}" (${codePointLabel(char)}) cannot be printed in the PDF: ${fontsUsed} has no glyph for it. Add a font that has it (a .ttf or .otf file, e.g. a Noto font for that script) to publisher.yaml as \`pdf: { fonts: { fallback: fonts/YourFont.ttf } }\`, or remove the character`,
        place,
      ),
    );
  }
  return out;
}

/**
 * A press-ready PDF of the statement, drawn from the same model and mdast
 * as the HTML; none, with a diagnostic for every character no font can draw.
 */
export async function renderPdf(statement: Statement, variant: Variant, ctx: RenderContext): Promise<RenderResult<Uint8Array>> {
  const { default: PDFDocument } = await import('pdfkit');
  const langs = variantLanguages(variant);
  const arrangement = variant === 'bilingual' ? bilingualLayout(statement, ctx) : 'single';
  const parallel = arrangement === 'parallel';
  const theme = makeTheme(ctx.config.colors, parallel);
  const fonts = await fontSet(ctx.config.fallbackFontPath);
  const missing: MissingGlyph[] = [];
  const root = new Tag('Document');
  const columnWidth = parallel ? (CONTENT_WIDTH - PAGE.columnGap) / 2 : CONTENT_WIDTH;
  const titleSize = parallel ? 15 : 20;

  const flows = langs.map((lang) => {
    const block: BlockContext = { width: columnWidth, tag: root.child('Sect', { lang }), style: { ...theme.body } };
    return { lang, block, flow: languageFlow(statement, lang, ctx, layoutState(statement, lang, ctx, fonts, theme, missing), block, titleSize) };
  });
  const sharedView = statementView(statement, langs[0]!, ctx);
  const sharedBlock: BlockContext = { width: CONTENT_WIDTH, tag: root.child('Sect'), style: { ...theme.body } };
  const sharedState = layoutState(statement, langs[0]!, ctx, fonts, theme, missing);
  sharedState.file = statement.signatoriesFile ?? statement.dir;
  const signatories = signatoriesUnit(statement, sharedView, langs, sharedState, sharedBlock, ctx);

  const doc = createDocument(PDFDocument, statement, langs, ctx);
  const head = await letterhead(statement, langs, ctx, fonts, missing, theme, root);
  if (missing.length) return { diagnostics: glyphDiagnostics(missing, fonts) };

  const drawer = createDrawer(doc, fonts);
  const composer = new Composer(doc, drawer);
  const full = (items: Item[]): Column[] => [{ x: PAGE.marginX, width: CONTENT_WIDTH, items }];
  composer.place(full([head]));
  if (parallel) {
    const [en, es] = flows;
    const columns = (pair: [Item[], Item[]]): Column[] => pair.map((items, i) => ({ x: PAGE.marginX + i * (columnWidth + PAGE.columnGap), width: columnWidth, items }));
    for (const row of alignUnits(en!.flow.units, es!.flow.units)) composer.place(columns(row));
    composer.place(full(signatories));
    composer.place(columns([en!.flow.contacts, es!.flow.contacts]));
  } else {
    flows.forEach(({ flow }, index) => {
      if (index > 0) composer.newPage();
      composer.place(full(flow.units.flat()));
      if (variant === 'bilingual') composer.place(full(flow.contacts));
    });
    composer.place(full(signatories));
    if (variant !== 'bilingual') composer.place(full(flows[0]!.flow.contacts));
  }
  drawFooters(doc, drawer, langs, ctx, fonts, theme);
  for (const tag of root.children) tag.element?.end();
  root.element?.end();
  return { output: await documentBytes(doc), diagnostics: [] };
}
