import type { Heading } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { headingSize } from '../theme.js';
import { phrasingRuns } from './phrasing.js';
import { textItems, type BlockHandler } from './state.js';

/** Headings are kept with the first lines after them and listed in the outline. */
export const heading: BlockHandler<Heading> = (node, state, block) => {
  const size = headingSize(node.depth, block.style.size);
  const style = { ...block.style, face: 'sansBold' as const, size, color: state.theme.primary };
  return textItems(phrasingRuns(node.children, state, style), state, block, {
    tagType: `H${node.depth}`,
    spaceBefore: size * 0.9,
    keepWithNext: true,
    outline: { title: toString(node), depth: node.depth },
  });
};
