import type { Blockquote } from 'mdast';
import { blocks } from './index.js';
import { italic } from './phrasing.js';
import { paragraphSpace } from './paragraph.js';
import type { BlockContext, BlockHandler } from './state.js';

/** Quotations: indented, in italics, with a bar in the accent colour down the left. */
export const blockquote: BlockHandler<Blockquote> = (node, state, block) => {
  const indent = block.style.size * 1.3;
  const inner: BlockContext = { ...block, width: block.width - indent, tag: block.tag.child('BlockQuote'), style: { ...italic(block.style), color: '#333333' } };
  const items = blocks(node.children, state, inner);
  if (items[0]) items[0] = { ...items[0], spaceBefore: paragraphSpace(block) };
  return items.map((item, index) => ({
    ...item,
    draw(drawer, x, y) {
      const extend = index === 0 ? 0 : item.spaceBefore;
      drawer.artifact(() => drawer.doc.rect(x + 1, y - extend, 2.2, item.height + extend).fillColor(state.theme.accent).fill());
      item.draw(drawer, x + indent, y);
    },
  }));
};
