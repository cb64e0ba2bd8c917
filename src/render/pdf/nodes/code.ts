import type { Code } from 'mdast';
import { paragraphSpace } from './paragraph.js';
import { textItems, type BlockHandler } from './state.js';

/** Code blocks keep their line breaks and indentation. */
export const code: BlockHandler<Code> = (node, state, block) => {
  const style = { ...block.style, face: 'sans' as const, size: block.style.size * 0.88 };
  const run = { text: node.value, style, preformatted: true };
  const items = textItems([run], state, { ...block, width: block.width - 12 }, { spaceBefore: paragraphSpace(block) });
  return items.map((item) => ({
    ...item,
    draw(drawer, x, y) {
      drawer.artifact(() => drawer.doc.rect(x, y, block.width, item.height).fillColor('#f1f3f5').fill());
      item.draw(drawer, x + 6, y);
    },
  }));
};
