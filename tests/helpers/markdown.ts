import type { Root } from 'mdast';
import { parseMarkdown } from '../../src/load/markdown.js';
import { sanitizeBody } from '../../src/load/sanitize.js';

/** A Markdown body as the loader hands it to renderers: parsed, then sanitized. */
export function loadBody(markdown: string, file = 'en.md'): Root {
  const { body } = parseMarkdown(markdown);
  sanitizeBody(body, file);
  return body;
}
