import type { ThematicBreak } from 'mdast';
import type { BlockHandler } from './state.js';

export const thematicBreak: BlockHandler<ThematicBreak> = (_node, state, block) => [
  {
    height: block.style.size,
    spaceBefore: block.style.size * 0.5,
    draw(drawer, x, y) {
      drawer.artifact(() => drawer.doc.moveTo(x, y + block.style.size / 2).lineTo(x + block.width, y + block.style.size / 2).lineWidth(0.6).strokeColor(state.theme.rule).stroke());
    },
  },
];
