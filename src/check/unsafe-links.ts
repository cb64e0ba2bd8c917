import type { Image, Link } from 'mdast';
import { visit } from 'unist-util-visit';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { LANGUAGES, type Statement } from '../model/statement.js';
import { isKeptLink } from '../render/links.js';

/** Markdown links whose URL the sanitizer will drop (javascript:, data:, …): the link would silently stop working. */
export function checkUnsafeLinks(statement: Statement): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const lang of LANGUAGES) {
    const text = statement.text[lang];
    visit(text.body, ['link', 'image'], (node) => {
      const { url, position } = node as Link | Image;
      if (isKeptLink(url)) return;
      const shown = url.length > 40 ? `${url.slice(0, 37)}…` : url;
      found.push(
        diagnostic('warning', 'unsafe-link', `link to \`${shown}\` is removed when published: use an http, https or mailto link`, {
          file: text.file,
          line: position?.start.line,
          column: position?.start.column,
        }),
      );
    });
  }
  return found;
}
