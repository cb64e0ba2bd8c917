import type { LoadedFont } from './fonts.js';
import type { Drawer, Fragment, Item, Line } from './layout/types.js';
import type { GlyphRun, Shape } from './shape.js';
import { pageBreak } from './layout/paginate.js';
import { showGlyphs } from './show.js';
import { elementFor, type Tag } from './structure.js';
import { CONTENT_BOTTOM, PAGE } from './theme.js';

type Doc = PDFKit.PDFDocument;

/** Where a column of a row is drawn. */
export interface Column {
  x: number;
  width: number;
  items: Item[];
}

/** The glyph in a PDF text layer that stands for no text (a dot Noto Sans Arabic adds to a dotless letter). */
const NO_TEXT = [0x200b];

/**
 * The document's text layer: pdfkit writes one ToUnicode entry per glyph of
 * an embedded font, taken from the first use. A glyph that stands for other
 * text elsewhere in the document (Noto Sans Arabic draws beh, teh, noon and
 * yeh with one dotless glyph) is drawn from another embedding of the same
 * font, so each use extracts as its own text.
 */
class TextLayer {
  private readonly registered = new Set<string>();
  /** Shapes whose every glyph has text and its entry in the font's first embedding: drawn as they are. */
  private readonly plain = new Set<Shape>();
  /** Per font and embedding, the text of each glyph used: a code point, or a string of several. */
  private readonly texts = new Map<LoadedFont, Map<number, number | string>[]>();

  constructor(private readonly doc: Doc) {}

  /** The name of an embedding of `font` in the document, registering it on first use. */
  fontName(font: LoadedFont, variant = 0): string {
    const name = variant === 0 ? font.key : `${font.key}~${variant}`;
    if (!this.registered.has(name)) {
      this.doc.registerFont(name, font.pdfkitFont(variant) as unknown as string);
      this.registered.add(name);
    }
    return name;
  }

  /**
   * Whether `shape` can be drawn as it is from the first embedding of `font`: every glyph has text,
   * and it is the text that embedding's ToUnicode map gives the glyph (checked once per document).
   */
  isPlain(font: LoadedFont, shape: Shape): boolean {
    if (this.plain.has(shape)) return true;
    const tables = this.tables(font);
    const plain = !shape.forcedLeftToRight && shape.glyphs.every((glyph) => glyph.codePoints.length > 0 && embeddingFor(tables, glyph.id, glyph.codePoints) === 0);
    if (plain) this.plain.add(shape);
    return plain;
  }

  /** For each embedding of `font`, the text its glyphs stand for in the ToUnicode map. */
  tables(font: LoadedFont): Map<number, number | string>[] {
    let tables = this.texts.get(font);
    if (!tables) this.texts.set(font, (tables = [new Map()]));
    return tables;
  }
}

/** The embedding whose ToUnicode entry for the glyph is (or can become) `codePoints`. */
function embeddingFor(tables: Map<number, number | string>[], glyph: number, codePoints: readonly number[]): number {
  const text = codePoints.length === 1 ? codePoints[0]! : String.fromCodePoint(...codePoints);
  for (let variant = 0; ; variant++) {
    const table = (tables[variant] ??= new Map());
    const known = table.get(glyph);
    if (known === undefined) table.set(glyph, text);
    if (known === undefined || known === text) return variant;
  }
}

/** Consecutive glyphs shown together: one embedding, and either all with text or all without. */
interface GlyphGroup {
  variant: number;
  silent: boolean;
  /** The glyphs, one run after the other. */
  runs: GlyphRun[];
  /** Offset from the fragment's start, in font units. */
  x: number;
}

/** How many shapes come before the spaces that end a fragment. */
function lastInk(shapes: readonly Shape[]): number {
  let end = shapes.length;
  while (end > 0 && shapes[end - 1]!.blank) end--;
  return end;
}

function glyphGroups(font: LoadedFont, runs: readonly GlyphRun[], layer: TextLayer): GlyphGroup[] {
  const tables = layer.tables(font);
  const groups: GlyphGroup[] = [];
  let group: GlyphGroup | undefined;
  let x = 0;
  for (const run of runs) for (let index = 0; index < run.glyphs.length; index++) {
    const glyph = run.glyphs[index]!;
    const position = run.positions[index]!;
    const silent = glyph.codePoints.length === 0;
    const view = silent ? { ...glyph, codePoints: NO_TEXT } : glyph;
    const variant = embeddingFor(tables, glyph.id, view.codePoints);
    if (!group || group.variant !== variant || group.silent !== silent) {
      group = { variant, silent, runs: [{ glyphs: [], positions: [] }], x };
      groups.push(group);
    }
    group.runs[0]!.glyphs.push(view);
    group.runs[0]!.positions.push(position);
    x += position.xAdvance;
  }
  return groups;
}

/** Draw a group of glyphs at `x` on the baseline `y`, in points. */
function drawGroup(doc: Doc, layer: TextLayer, font: LoadedFont, group: GlyphGroup, x: number, y: number, scale: number): void {
  doc.font(layer.fontName(font, group.variant));
  // Glyphs that stand for no text are left out of text extraction (an empty /ActualText, as cairo does).
  if (group.silent) doc.addContent('/Span <</ActualText ()>> BDC');
  showGlyphs(doc, group.runs, x + group.x * scale, y);
  if (group.silent) doc.addContent('EMC');
}

export function createDrawer(doc: Doc): Drawer {
  const layer = new TextLayer(doc);
  const drawFragment = (fragment: Fragment, x: number, baseline: number, top: number, height: number) => {
    const { style, font } = fragment;
    // Left to right, the shapes measured during layout are drawn as they are, less the spaces that end the fragment.
    const ink = fragment.rtl ? 0 : lastInk(fragment.shapes);
    const inked = ink === fragment.shapes.length ? fragment.shapes : fragment.shapes.slice(0, ink);
    if (!fragment.rtl && inked.length === 0) return;
    const inkWidth = inked.reduce((sum, shape) => sum + shape.advanceWidth, 0);
    const scale = style.size / font.unitsPerEm;
    const y = baseline - (style.rise ?? 0);
    doc.fontSize(style.size).fillColor(style.color);
    if (!fragment.rtl && inked.every((shape) => layer.isPlain(font, shape))) {
      // Most text is words whose glyphs all have text of their own in the font's first embedding: drawn as measured.
      doc.font(layer.fontName(font));
      showGlyphs(doc, inked, x, y);
    } else {
      const groups = fragment.rtl
        ? // Shaped again from the right, keeping its spaces (its logical end is its left edge); the groups go into
          // the page in reading order, for tools that read text in content order.
          glyphGroups(font, [font.rightToLeft(fragment.text)], layer).reverse()
        : glyphGroups(font, inked, layer);
      for (const group of groups) drawGroup(doc, layer, font, group, x, y, scale);
    }
    const width = fragment.rtl ? fragment.width : inkWidth * scale;
    if (style.underline) doc.rect(x, baseline + style.size * 0.12, width, style.size * 0.05).fill(style.color);
    if (style.strike) doc.rect(x, baseline - style.size * 0.28, width, style.size * 0.05).fill(style.color);
    if (style.link) doc.link(x, top, width, height, style.link);
  };
  return {
    doc,
    fontName: (font) => layer.fontName(font),
    mark(tag: Tag, fn: () => void) {
      const content = doc.markStructureContent(tag.type);
      fn();
      doc.endMarkedContent();
      elementFor(doc, tag).add(content);
    },
    artifact(fn: () => void) {
      doc.markContent('Artifact', { type: 'Layout' });
      doc.save();
      fn();
      doc.restore();
      doc.endMarkedContent();
    },
    line(line: Line, x: number, y: number) {
      const baseline = y + (line.height - line.size) / 2 + line.size * 0.86;
      for (const fragment of line.fragments) drawFragment(fragment, x + fragment.x, baseline, y, line.height);
    },
  };
}

/** The document outline: each heading under the nearest shallower one before it. */
function outliner(doc: Doc): (title: string, depth: number) => void {
  const stack: { depth: number; node: PDFKit.PDFOutline }[] = [];
  return (title, depth) => {
    while (stack.length && stack[stack.length - 1]!.depth >= depth) stack.pop();
    const parent = stack[stack.length - 1]?.node ?? doc.outline;
    stack.push({ depth, node: parent.addItem(title) });
  };
}

/** Where an item goes on its page. */
export interface Placement {
  item: Item;
  x: number;
  y: number;
}

/**
 * Places rows of items on pages. A row's columns (English and Spanish in the
 * parallel layout) start level; when one side runs longer the other waits,
 * and the next row starts below both. Nothing is drawn here: the pages are
 * drawn one after another once the page count is known (`drawPages`).
 */
export class Composer {
  readonly pages: Placement[][] = [[]];
  private y = PAGE.marginTop;
  private atTop = true;

  newPage(): void {
    this.pages.push([]);
    this.y = PAGE.marginTop;
    this.atTop = true;
  }

  place(columns: readonly Column[]): void {
    const starts = columns.map(() => 0);
    const done = () => columns.every((column, i) => starts[i] === column.items.length);
    let rowTop = this.y;
    while (!done()) {
      const available = CONTENT_BOTTOM - rowTop;
      const ends = columns.map((column, i) => pageBreak(column.items, starts[i]!, available, this.atTop));
      const untouched = starts.every((start) => start === 0);
      // A row starts level on both sides: if one side cannot start here, both start on the next page.
      if (!this.atTop && untouched && columns.some((column, i) => ends[i] === 0 && column.items.length > 0)) {
        this.newPage();
        rowTop = this.y;
        continue;
      }
      let bottom = rowTop;
      const page = this.pages[this.pages.length - 1]!;
      columns.forEach((column, i) => {
        let y = rowTop;
        for (let k = starts[i]!; k < ends[i]!; k++) {
          const item = column.items[k]!;
          if (!(k === starts[i] && this.atTop)) y += item.spaceBefore;
          page.push({ item, x: column.x, y });
          y += item.height;
        }
        bottom = Math.max(bottom, y);
        starts[i] = ends[i]!;
      });
      if (bottom > rowTop) this.atTop = false;
      if (done()) {
        this.y = bottom;
        return;
      }
      this.newPage();
      rowTop = this.y;
    }
  }
}

/**
 * Draw the composed pages in order, each with its footer ("Page 2 of 3").
 * The document does not buffer pages, so pdfkit writes out each page as the
 * next one starts, and each page's layout is let go once drawn: memory holds
 * about one page, however long the statement.
 */
export function drawPages(doc: Doc, drawer: Drawer, pages: Placement[][], footer: (page: number, pages: number) => void): void {
  const addOutline = outliner(doc);
  for (let index = 0; index < pages.length; index++) {
    if (index > 0) doc.addPage();
    for (const { item, x, y } of pages[index]!) {
      if (item.outline) addOutline(item.outline.title, item.outline.depth);
      item.draw(drawer, x, y);
    }
    pages[index] = [];
    footer(index + 1, pages.length);
  }
}
