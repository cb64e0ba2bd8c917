import type { FontSet, FontName, LoadedFont } from './fonts.js';
import type { Drawer, Item, Line } from './layout/types.js';
import { pageBreak } from './layout/paginate.js';
import { elementFor, type Tag } from './structure.js';
import { CONTENT_BOTTOM, PAGE } from './theme.js';

type Doc = PDFKit.PDFDocument;

/** Where a column of a row is drawn. */
export interface Column {
  x: number;
  width: number;
  items: Item[];
}

/** Set pdfkit's current font, sharing each font's layout cache across documents (fontkit shaping dominates PDF time). */
function fontSelector(doc: Doc, fonts: FontSet): (name: FontName) => void {
  const byName = new Map<FontName, LoadedFont>(Object.entries(fonts.faces) as [FontName, LoadedFont][]);
  if (fonts.fallback) byName.set('fallback', fonts.fallback);
  for (const [name, loaded] of byName) doc.registerFont(name, loaded.font as unknown as string);
  const ready = new Set<FontName>();
  return (name) => {
    doc.font(name);
    if (!ready.has(name)) {
      const embedded = (doc as unknown as { _font: { layoutCache?: Record<string, unknown> } })._font;
      if (embedded.layoutCache) embedded.layoutCache = byName.get(name)!.layoutCache;
      ready.add(name);
    }
  };
}

export function createDrawer(doc: Doc, fonts: FontSet): Drawer {
  const useFont = fontSelector(doc, fonts);
  return {
    doc,
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
      for (const fragment of line.fragments) {
        const { style } = fragment;
        const text = fragment.text.trimEnd();
        if (!text) continue;
        const left = x + fragment.x;
        useFont(fragment.font);
        doc.fontSize(style.size).fillColor(style.color);
        doc.text(text, left, baseline - (style.rise ?? 0), { lineBreak: false, baseline: 'alphabetic' });
        const width = text.length === fragment.text.length ? fragment.width : doc.widthOfString(text);
        if (style.underline) doc.rect(left, baseline + style.size * 0.12, width, style.size * 0.05).fill(style.color);
        if (style.strike) doc.rect(left, baseline - style.size * 0.28, width, style.size * 0.05).fill(style.color);
        if (style.link) doc.link(left, y, width, line.height, style.link);
      }
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

/**
 * Places rows of items on pages. A row's columns (English and Spanish in the
 * parallel layout) start level; when one side runs longer the other waits,
 * and the next row starts below both.
 */
export class Composer {
  y = PAGE.marginTop;
  private atTop = true;
  private readonly addOutline: (title: string, depth: number) => void;

  constructor(
    readonly doc: Doc,
    readonly drawer: Drawer,
  ) {
    this.addOutline = outliner(doc);
  }

  newPage(): void {
    this.doc.addPage();
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
      columns.forEach((column, i) => {
        let y = rowTop;
        for (let k = starts[i]!; k < ends[i]!; k++) {
          const item = column.items[k]!;
          if (!(k === starts[i] && this.atTop)) y += item.spaceBefore;
          if (item.outline) this.addOutline(item.outline.title, item.outline.depth);
          if (y + item.height > CONTENT_BOTTOM + 0.01) throw new Error(`a block ${Math.round(item.height)} pt tall does not fit on a page; shorten the table cell or the text it comes from`);
          item.draw(this.drawer, column.x, y);
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
