import type { Parents, PhrasingContent } from 'mdast';
import type { Translate } from '../../../i18n/index.js';
import type { BodyReferences } from '../../references.js';
import type { Lang } from '../../../model/statement.js';
import type { FontSet } from '../fonts.js';
import { breakLines, pieces } from '../layout/inline.js';
import type { Item, Run, RunStyle } from '../layout/types.js';
import { LEADING, type Theme } from '../theme.js';
import type { Tag } from '../structure.js';

/** What laying out one language's text needs besides the node at hand. */
export interface LayoutState {
  lang: Lang;
  fonts: FontSet;
  theme: Theme;
  t: Translate;
  references: BodyReferences;
  groups: { next: number };
}

/** Where in the page a block is laid out: its width, its structure parent and its text style. */
export interface BlockContext {
  width: number;
  tag: Tag;
  style: RunStyle;
  /** Inside a tight list: no space between paragraphs. */
  tight?: boolean;
  /** How many lists this block is inside, for the bullet shape. */
  listDepth?: number;
}

export type BlockHandler<T> = (node: T, state: LayoutState, block: BlockContext) => Item[];

export interface TextOptions {
  tagType?: string;
  spaceBefore?: number;
  keepWithNext?: boolean;
  outline?: { title: string; depth: number };
  align?: 'left' | 'center' | 'right';
  /** Draw something next to the first line (a list marker), outside the text's structure element. */
  decorateFirst?: Item['draw'];
  lineHeight?: number;
}

/** Lay out styled runs as lines, one item per line, all lines of it in one structure element. */
export function textItems(runs: readonly Run[], state: LayoutState, block: BlockContext, options: TextOptions = {}): Item[] {
  const tag = block.tag.child(options.tagType ?? 'P');
  const lines = breakLines(pieces(runs, state.fonts), block.width, options.lineHeight ?? block.style.size * LEADING);
  const group = lines.length > 1 ? state.groups.next++ : undefined;
  return lines.map((line, index): Item => {
    const dx = options.align === 'center' ? (block.width - line.width) / 2 : options.align === 'right' ? block.width - line.width : 0;
    const decorate = index === 0 ? options.decorateFirst : undefined;
    return {
      height: line.height,
      spaceBefore: index === 0 ? (options.spaceBefore ?? 0) : 0,
      group,
      keepWithNext: options.keepWithNext,
      outline: index === 0 ? options.outline : undefined,
      draw(drawer, x, y) {
        decorate?.(drawer, x, y);
        drawer.mark(tag, () => drawer.line(line, x + dx, y));
      },
    };
  });
}

/** Items moved right by `dx` (list bodies, block quotes). */
export function shift(items: Item[], dx: number): Item[] {
  return items.map((item) => ({ ...item, draw: (drawer, x, y) => item.draw(drawer, x + dx, y) }));
}

export type PhrasingParent = Extract<Parents, { children: PhrasingContent[] }>;
