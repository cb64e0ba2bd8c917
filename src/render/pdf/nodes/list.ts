import type { BlockContent, DefinitionContent, List } from 'mdast';
import { breakLines, pieces } from '../layout/inline.js';
import type { Item, RunStyle } from '../layout/types.js';
import type { Tag } from '../structure.js';
import { LEADING } from '../theme.js';
import { blocks } from './index.js';
import { paragraphSpace } from './paragraph.js';
import { shift, type BlockContext, type BlockHandler, type LayoutState } from './state.js';

const BULLETS = ['•', '–', '◦'];

/**
 * Blocks indented behind a marker ("1.", "•"): list items and footnotes.
 * The marker is the item's label (`Lbl`), the blocks its body (`LBody`).
 */
export function markedBlocks(marker: string, markerStyle: RunStyle, children: (BlockContent | DefinitionContent)[], item: Tag, state: LayoutState, block: BlockContext, indent: number): Item[] {
  const label = item.child('Lbl');
  const inner: BlockContext = { ...block, width: block.width - indent, tag: item.child('LBody') };
  const items = shift(blocks(children, state, inner), indent);
  const markerLine = breakLines(pieces([{ text: marker, style: markerStyle }], state.fonts), indent, markerStyle.size * LEADING)[0]!;
  const first = items[0];
  if (!first) return [];
  items[0] = {
    ...first,
    draw(drawer, x, y) {
      drawer.mark(label, () => drawer.line(markerLine, x + indent - markerLine.width - markerStyle.size * 0.45, y));
      first.draw(drawer, x, y);
    },
  };
  return items;
}

export const list: BlockHandler<List> = (node, state, block) => {
  const tag = block.tag.child('L');
  const depth = block.listDepth ?? 0;
  const start = node.start ?? 1;
  const indent = block.style.size * (node.ordered ? 2 : 1.6);
  const tight = node.spread !== true;
  return node.children.flatMap((listItem, index) => {
    const marker = listItem.checked != null ? (listItem.checked ? '[x]' : '[ ]') : node.ordered ? `${start + index}.` : BULLETS[depth % BULLETS.length]!;
    const inner: BlockContext = { ...block, tight: tight && listItem.spread !== true, listDepth: depth + 1 };
    const items = markedBlocks(marker, block.style, listItem.children, tag.child('LI'), state, inner, indent);
    if (items[0]) items[0] = { ...items[0], spaceBefore: index === 0 && depth === 0 ? paragraphSpace({ ...block, tight: false }) : paragraphSpace(inner) };
    return items;
  });
};

