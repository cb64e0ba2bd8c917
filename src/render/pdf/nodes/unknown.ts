import type { Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { paragraphSpace } from './paragraph.js';
import { textItems, type BlockHandler } from './state.js';

/** A construct with no handler of its own still prints its words, as a plain paragraph. */
export const unknown: BlockHandler<Nodes> = (node, state, block) => {
  const text = toString(node);
  return text.trim() ? textItems([{ text, style: block.style }], state, block, { spaceBefore: paragraphSpace(block) }) : [];
};
