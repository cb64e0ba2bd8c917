import type { Face, FontName, LoadedFont } from '../fonts.js';
import type { Tag } from '../structure.js';

/** What a run of text looks like; links are drawn underlined in the primary colour. */
export interface RunStyle {
  face: Face;
  size: number;
  color: string;
  link?: string;
  underline?: boolean;
  strike?: boolean;
  /** Raise above the baseline (footnote marks), in points. */
  rise?: number;
}

/** Where a piece of text was written, so a problem with it points at the source. */
export interface SourcePlace {
  file: string;
  line?: number;
  column?: number;
}

/** Styled inline text before line breaking; `\n` in a run is a hard line break. */
export interface Run {
  text: string;
  style: RunStyle;
  place: SourcePlace;
}

/** A run cut so that one font draws all of it. */
export interface Piece {
  text: string;
  style: RunStyle;
  font: LoadedFont;
}

/** Text drawn with one call, at `x` from the start of its line. */
export interface Fragment {
  text: string;
  font: FontName;
  style: RunStyle;
  x: number;
  width: number;
}

export interface Line {
  fragments: Fragment[];
  width: number;
  height: number;
  /** Largest font size on the line, which sets its baseline. */
  size: number;
}

export interface Drawer {
  /** Draw `fn`'s content as part of structure element `tag` (a paragraph, a heading, a cell…). */
  mark(tag: Tag, fn: () => void): void;
  /** Draw decoration (rules, bars, the logo) that assistive technology should skip. */
  artifact(fn: () => void): void;
  line(line: Line, x: number, y: number): void;
  doc: PDFKit.PDFDocument;
}

/**
 * The unit placed on a page: a line of a paragraph, a table row, a figure.
 * Pagination only ever breaks between items.
 */
export interface Item {
  height: number;
  /** Space above, dropped when the item starts a page. */
  spaceBefore: number;
  /** Lines of one paragraph share a group, for widow and orphan control. */
  group?: number;
  /** Never end a page after this item (headings, table headers). */
  keepWithNext?: boolean;
  /** A heading's entry in the document outline. */
  outline?: { title: string; depth: number };
  draw(drawer: Drawer, x: number, y: number): void;
}
