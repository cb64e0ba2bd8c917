import type { Nodes, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { Aligned } from '../../model/alignment.js';

/** Indices of top-level blocks of the left and right body that a parallel PDF starts level with each other. */
export type PairedRow = [left: number[], right: number[]];

/** Which top-level block of the body each node lies in. */
function topLevelOf(root: Root): Map<Nodes, number> {
  const index = new Map<Nodes, number>();
  root.children.forEach((child, position) => {
    visit(child, (node) => {
      index.set(node as Nodes, position);
    });
  });
  return index;
}

/**
 * The alignment of two bodies, block by block, brought to their top-level
 * blocks (what the PDF lays out as units): top-level blocks linked by a pair
 * share a row; a block only one side has is a row of its own, with the other
 * column empty, so nothing after it shifts. Blocks the alignment does not
 * list (a thematic break) join the row of the block before them.
 */
export function pairedRows(aligned: readonly Aligned[], left: Root, right: Root): PairedRow[] {
  const leftOf = topLevelOf(left);
  const rightOf = topLevelOf(right);
  const rows: PairedRow[] = [];
  for (const entry of aligned) {
    const a = entry.source ? leftOf.get(entry.source.node) : undefined;
    const b = entry.translation ? rightOf.get(entry.translation.node) : undefined;
    const last = rows.at(-1);
    const joins = last && ((a !== undefined && last[0].includes(a)) || (b !== undefined && last[1].includes(b)));
    const row = joins ? last : (rows[rows.length] = [[], []]);
    if (a !== undefined && !row[0].includes(a)) row[0].push(a);
    if (b !== undefined && !row[1].includes(b)) row[1].push(b);
  }
  fillSkipped(rows, 0, left.children.length);
  fillSkipped(rows, 1, right.children.length);
  return rows;
}

/** Puts every top-level block of one side that no row holds into the row of the block before it (or the first row). */
function fillSkipped(rows: PairedRow[], side: 0 | 1, count: number): void {
  if (rows.length === 0) rows.push([[], []]);
  const placed = new Set(rows.flatMap((row) => row[side]));
  const first = rows.map((row) => Math.min(...row[side]));
  let at = 0;
  let next = 1;
  for (let block = 0; block < count; block++) {
    // Move past every row that starts at or before this block on this side (rows with nothing on this side are passed over).
    while (next < rows.length && (first[next] === Infinity || first[next]! <= block)) {
      if (first[next] !== Infinity) at = next;
      next++;
    }
    if (!placed.has(block)) rows[at]![side].push(block);
  }
  for (const row of rows) row[side].sort((x, y) => x - y);
}
