import type { Image, Link } from 'mdast';
import { visit } from 'unist-util-visit';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { LANGUAGES, type Statement } from '../model/statement.js';

/** The schemes the sanitizer keeps, as GitHub does; a relative URL or #anchor has none. */
const SAFE_SCHEME = /^(https?|mailto|tel):/i;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Markdown links whose URL the sanitizer will drop (javascript:, data:, …): the link would silently stop working. */
export function checkUnsafeLinks(statement: Statement): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const lang of LANGUAGES) {
    const text = statement.text[lang];
    visit(text.body, ['link', 'image'], (node) => {
      const { url, position } = node as Link | Image;
      if (!HAS_SCHEME.test(url.trim()) || SAFE_SCHEME.test(url.trim())) return;
      const shown = url.length > 40 ? `${url.slice(0, 37)}…` : url;
      found.push(
        diagnostic('warning', 'unsafe-link', `link to \`${shown}\` is removed when published: only http, https, mailto and tel links are kept`, {
          file: text.file,
          line: position?.start.line,
          column: position?.start.column,
        }),
      );
    });
  }
  return found;
}
