import type { AlignType, Table } from 'mdast';
import { breakLines, pieces } from '../layout/inline.js';
import { rowItems, type RowCell } from '../layout/rows.js';
import type { Line, Piece } from '../layout/types.js';
import { LEADING } from '../theme.js';
import { paragraphSpace } from './paragraph.js';
import { bold, phrasingRuns } from './phrasing.js';
import type { BlockHandler } from './state.js';

const PAD = 4;

/**
 * Column widths that fill `available`: each column's share follows its
 * longest unbroken line, so narrow numbers stay narrow; cells then wrap
 * (and cut words) inside their width, so a table never leaves the page.
 */
export function columnWidths(natural: readonly number[], available: number): number[] {
  const padded = natural.map((width) => width + 2 * PAD);
  const total = padded.reduce((sum, width) => sum + width, 0) || 1;
  if (total <= available) return padded.map((width) => width + ((available - total) * width) / total);
  const floor = Math.min(available / padded.length, 3 * PAD + 24);
  const flexible = padded.map((width) => Math.max(width - floor, 0));
  const flexTotal = flexible.reduce((sum, width) => sum + width, 0) || 1;
  const spare = available - floor * padded.length;
  return padded.map((_, i) => floor + (spare * flexible[i]!) / flexTotal);
}

function offset(align: AlignType | undefined, width: number, line: Line): number {
  if (align === 'right') return width - 2 * PAD - line.width;
  if (align === 'center') return (width - 2 * PAD - line.width) / 2;
  return 0;
}

/** One item per row (or per slice of a row taller than a page); the header row stays with the first body row. */
export const table: BlockHandler<Table> = (node, state, block) => {
  const tag = block.tag.child('Table');
  const size = block.style.size * 0.92;
  const cellPieces: Piece[][][] = node.children.map((row, rowIndex) =>
    row.children.map((cell) => {
      const style = rowIndex === 0 ? bold({ ...block.style, size }) : { ...block.style, size };
      return pieces(phrasingRuns(cell.children, state, style), state.fonts);
    }),
  );
  const columns = Math.max(...cellPieces.map((row) => row.length), 1);
  const natural = Array.from({ length: columns }, (_, column) =>
    Math.max(0, ...cellPieces.map((row) => Math.max(0, ...breakLines(row[column] ?? [], Number.POSITIVE_INFINITY, 0).map((line) => line.width)))),
  );
  const widths = columnWidths(natural, block.width);
  return cellPieces.flatMap((row, rowIndex) => {
    const rowTag = tag.child('TR');
    let x = 0;
    const cells = widths.map((width, column): RowCell => {
      const align = node.align?.[column] ?? undefined;
      const cell: RowCell = {
        tag: rowTag.child(rowIndex === 0 ? 'TH' : 'TD'),
        lines: breakLines(row[column] ?? [], width - 2 * PAD, size * LEADING),
        x: x + PAD,
        offset: (line) => offset(align, width, line),
      };
      x += width;
      return cell;
    });
    return rowItems(cells, {
      padTop: PAD,
      padBottom: PAD,
      spaceBefore: rowIndex === 0 ? paragraphSpace(block) : 0,
      keepWithNext: rowIndex === 0,
      decorate(drawer, x, y, height, last) {
        drawer.artifact(() => {
          if (rowIndex === 0) drawer.doc.rect(x, y, block.width, height).fillColor('#eef2f6').fill();
          if (last) drawer.doc.moveTo(x, y + height).lineTo(x + block.width, y + height).lineWidth(rowIndex === 0 ? 0.9 : 0.4).strokeColor(state.theme.rule).stroke();
        });
      },
    });
  });
};
