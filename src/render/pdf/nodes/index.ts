import type { Nodes, RootContent } from 'mdast';
import type { Item } from '../layout/types.js';
import { blockquote } from './blockquote.js';
import { code } from './code.js';
import { heading } from './heading.js';
import { html } from './html.js';
import { list } from './list.js';
import { paragraph } from './paragraph.js';
import type { BlockContext, BlockHandler, LayoutState } from './state.js';
import { table } from './table.js';
import { thematicBreak } from './thematic-break.js';
import { unknown } from './unknown.js';

type BlockHandlers = { [K in RootContent['type']]?: BlockHandler<Extract<RootContent, { type: K }>> };

const none: BlockHandler<Nodes> = () => [];

/**
 * One handler per mdast block node type. Definitions and footnote
 * definitions print nothing where they stand: links use the former, the
 * notes after the end mark the latter.
 */
export const blockHandlers: BlockHandlers = {
  paragraph,
  heading,
  list,
  blockquote,
  code,
  table,
  thematicBreak,
  html,
  rawElement: (node, state, block) => blocks(node.children as RootContent[], state, block),
  definition: none,
  footnoteDefinition: none,
  yaml: none,
};

export function blockItems(node: RootContent, state: LayoutState, block: BlockContext): Item[] {
  const handler = (blockHandlers[node.type] ?? unknown) as BlockHandler<Nodes>;
  return handler(node, state, block);
}

export function blocks(nodes: readonly RootContent[], state: LayoutState, block: BlockContext): Item[] {
  return nodes.flatMap((node) => blockItems(node, state, block));
}
