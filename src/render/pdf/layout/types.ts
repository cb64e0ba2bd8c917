import type { Face, LoadedFont } from '../fonts.js';
import type { Shape } from '../shape.js';
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

/**
 * Styled inline text before line breaking, as written in the source. A line
 * end in it is a soft break (laid out as a space) unless the run is
 * `preformatted` (code, hard breaks, lines of a contact), where it starts a new line.
 */
export interface Run {
  text: string;
  style: RunStyle;
  preformatted?: boolean;
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
  font: LoadedFont;
  style: RunStyle;
  x: number;
  width: number;
  /** The words and spaces of `text` as shaped for measuring, drawn as they are (left to right). */
  shapes: Shape[];
  /** Right to left: `text` is in logical order (mirrored brackets) and is drawn from the right. */
  rtl?: boolean;
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
  /** The name `font` is registered under in the document (registering it on first use). */
  fontName(font: LoadedFont): string;
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
