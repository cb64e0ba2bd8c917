import type { Html } from 'mdast';
import type { BlockHandler } from './state.js';

/** Raw HTML blocks are web-only (the HTML output sanitizes them); the PDF prints none of it. */
export const html: BlockHandler<Html> = () => [];
