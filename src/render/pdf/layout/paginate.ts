import type { Item } from './types.js';

const sameGroup = (a: Item | undefined, b: Item | undefined) => a?.group !== undefined && a.group === b?.group;

/**
 * Move a page break (before `items[end]`) earlier until it leaves no widow
 * (a paragraph's last line alone at the top of the next page), no orphan (its
 * first line alone at the bottom) and no heading at the bottom of a page.
 * Returns `start` when nothing should go on this page.
 */
export function adjustBreak(items: readonly Item[], start: number, end: number): number {
  let k = end;
  for (let guard = 0; guard < items.length && k > start; guard++) {
    const before = items[k - 1];
    const after = items[k];
    if (sameGroup(before, after) && !sameGroup(after, items[k + 1])) k -= 1; // widow
    else if (sameGroup(before, after) && !sameGroup(items[k - 2], before)) k -= 1; // orphan
    else if (before?.keepWithNext) k -= 1;
    else break;
  }
  return Math.max(k, start);
}

/**
 * How many items from `start` go on the current page, given `available`
 * points. At the top of a page at least one item is placed (the page cannot
 * get any emptier), ignoring widow and orphan rules if they would leave it empty.
 */
export function pageBreak(items: readonly Item[], start: number, available: number, atPageTop: boolean): number {
  let end = start;
  let used = 0;
  while (end < items.length) {
    const next = items[end]!.height + (end === start && atPageTop ? 0 : items[end]!.spaceBefore);
    if (used + next > available + 0.01) break;
    used += next;
    end++;
  }
  if (end === items.length) return end;
  const adjusted = adjustBreak(items, start, end);
  if (adjusted > start || !atPageTop) return adjusted;
  return Math.max(end, start + 1);
}
