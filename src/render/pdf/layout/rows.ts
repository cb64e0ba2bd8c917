import type { Tag } from '../structure.js';
import { CONTENT_BOTTOM, PAGE } from '../theme.js';
import type { Drawer, Item, Line } from './types.js';

/** A cell of a row: its lines, where it starts in the row, and how far a line is moved in it (alignment). */
export interface RowCell {
  tag: Tag;
  lines: Line[];
  x: number;
  offset?: (line: Line) => number;
}

export interface RowOptions {
  padTop?: number;
  padBottom?: number;
  spaceBefore: number;
  keepWithNext?: boolean;
  /** Backgrounds and rules of the row (or of one slice of it, with `last` true on the row's last slice). */
  decorate?: (drawer: Drawer, x: number, y: number, height: number, last: boolean) => void;
}

const PAGE_HEIGHT = CONTENT_BOTTOM - PAGE.marginTop;
/** A row taller than a page is placed in slices this tall, so it starts on the page it reaches and continues on the next. */
const SLICE_HEIGHT = PAGE_HEIGHT / 4;

const heightOf = (lines: readonly Line[]) => lines.reduce((sum, line) => sum + line.height, 0);

/**
 * Cells side by side (a table row, a row of the signatory grid) as items: one
 * item, or, for a row taller than a page (a cell with a very long text),
 * slices that pagination may put on successive pages.
 */
export function rowItems(cells: readonly RowCell[], options: RowOptions): Item[] {
  const padTop = options.padTop ?? 0;
  const padBottom = options.padBottom ?? 0;
  const whole = Math.max(0, ...cells.map((cell) => heightOf(cell.lines))) + padTop + padBottom <= PAGE_HEIGHT;
  const next = cells.map(() => 0);
  const items: Item[] = [];
  do {
    const slice = cells.map((cell, c) => {
      let end = next[c]!;
      let height = 0;
      while (end < cell.lines.length && (whole || end === next[c] || height + cell.lines[end]!.height <= SLICE_HEIGHT)) height += cell.lines[end++]!.height;
      const lines = cell.lines.slice(next[c], end);
      next[c] = end;
      return lines;
    });
    const first = items.length === 0;
    const last = cells.every((cell, c) => next[c] === cell.lines.length);
    const top = first ? padTop : 0;
    const height = Math.max(0, ...slice.map(heightOf)) + top + (last ? padBottom : 0);
    items.push({
      height,
      spaceBefore: first ? options.spaceBefore : 0,
      keepWithNext: options.keepWithNext,
      draw(drawer, x, y) {
        options.decorate?.(drawer, x, y, height, last);
        cells.forEach((cell, c) => {
          const lines = slice[c]!;
          if (lines.length === 0) return;
          drawer.mark(cell.tag, () => {
            let lineY = y + top;
            for (const line of lines) {
              drawer.line(line, x + cell.x + (cell.offset?.(line) ?? 0), lineY);
              lineY += line.height;
            }
          });
        });
      },
    });
  } while (!cells.every((cell, c) => next[c] === cell.lines.length));
  return items;
}
