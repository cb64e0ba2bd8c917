import type { Image, Paragraph } from 'mdast';
import { phrasingRuns } from './phrasing.js';
import { textItems, type BlockHandler, type BlockContext, type LayoutState } from './state.js';
import type { Item } from '../layout/types.js';

export function paragraphSpace(block: BlockContext): number {
  return block.tight ? block.style.size * 0.2 : block.style.size * 0.75;
}

/**
 * An image alone in a paragraph is a figure. A renderer fetches nothing, so
 * the figure shows the alternative text in a frame, linked to the image.
 */
function figure(node: Image, state: LayoutState, block: BlockContext): Item[] {
  const alt = node.alt || node.url;
  const inner: BlockContext = { ...block, width: block.width - 16, tag: block.tag.child('Figure', { alt }) };
  const runs = phrasingRuns([node], state, block.style);
  const items = textItems(runs, state, inner, { tagType: 'Caption', spaceBefore: paragraphSpace(block) + 6, align: 'center' });
  const last = items.length - 1;
  return items.map((item, index) => ({
    ...item,
    height: item.height + (index === last ? 6 : 0),
    draw(drawer, x, y) {
      const top = index === 0 ? y - 6 : y;
      drawer.artifact(() => drawer.doc.rect(x, top, block.width, item.height + (index === 0 ? 6 : 0) + (index === last ? 6 : 0)).fillColor('#f3f5f7').fill());
      item.draw(drawer, x + 8, y);
    },
  }));
}

export const paragraph: BlockHandler<Paragraph> = (node, state, block) => {
  const only = node.children.length === 1 ? node.children[0] : undefined;
  if (only?.type === 'image') return figure(only, state, block);
  const runs = phrasingRuns(node.children, state, block.style);
  if (runs.length === 0) return [];
  return textItems(runs, state, block, { spaceBefore: paragraphSpace(block) });
};
