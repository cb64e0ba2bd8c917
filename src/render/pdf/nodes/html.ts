import type { Html } from 'mdast';
import type { BlockHandler } from './state.js';

/** The loader resolves raw HTML into Markdown nodes and raw elements: none is left to draw. */
export const html: BlockHandler<Html> = () => [];
