import { parse, postprocess, preprocess } from 'micromark';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import type { Point } from './yaml.js';

/** How deep block quotes, lists and footnote definitions may nest, counted together. */
export const MAX_NESTING = 10;

const CONTAINERS = new Set(['blockQuote', 'listOrdered', 'listUnordered', 'gfmFootnoteDefinition']);
const LIST_MARKER = /^(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/;
const FOOTNOTE_LABEL = /^\[\^[^\]]+\]:/;
const THEMATIC_BREAK = /^(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;

/**
 * The first line on which a container could open deeper than `limit`, as the
 * text up to that container's marker (an `x` stands for what follows it).
 * Cheap and never too low: a container opens with a marker on its line, and
 * every one it continues is a `>` there or at least two columns of indentation,
 * so markers + indentation / 2 bounds the depth. Too high for some code blocks,
 * which the exact check then clears.
 */
function firstSuspect(text: string, limit: number): string | undefined {
  const lineBreak = /\r\n?|\n/g;
  for (let lineStart = 0; lineStart < text.length; ) {
    const found = lineBreak.exec(text);
    const lineEnd = found ? found.index : text.length;
    let at = lineStart;
    let column = 0;
    let indentation = 0;
    let markers = 0;
    let suspect = false;
    for (;;) {
      while (text[at] === ' ' || text[at] === '\t') {
        const width = text[at] === '\t' ? 4 - (column % 4) : 1;
        column += width;
        indentation += width;
        at++;
      }
      const rest = text.slice(at, Math.min(lineEnd, at + 1000));
      const marker = rest.startsWith('>') ? '>' : THEMATIC_BREAK.test(text.slice(at, lineEnd).trimEnd()) ? undefined : (LIST_MARKER.exec(rest) ?? FOOTNOTE_LABEL.exec(rest))?.[0];
      if (!marker) break;
      markers++;
      at += marker.length;
      column += marker.length;
      suspect ||= markers + Math.floor(indentation / 2) > limit;
      // Enough markers for the exact check to see the limit passed, few enough for it to be cheap.
      if (markers > limit) break;
    }
    if (suspect) return text.slice(0, at) + (text.slice(at, lineEnd).trim() ? ' x' : '');
    lineStart = found ? lineBreak.lastIndex : text.length;
  }
  return undefined;
}

/** Exactly where a container first nests deeper than `limit`, from micromark's events (a flat list: no recursion). */
function firstTooDeep(markdown: string, limit: number): Point | undefined {
  const chunks = preprocess()(markdown, undefined, true);
  const events = postprocess(parse({ extensions: [frontmatter(['yaml']), gfm()] }).document().write(chunks));
  let depth = 0;
  for (const [kind, token] of events) {
    if (!CONTAINERS.has(token.type)) continue;
    depth += kind === 'enter' ? 1 : -1;
    if (depth > limit) return { line: token.start.line, column: token.start.column };
  }
  return undefined;
}

/**
 * Where a block quote, list or footnote definition nests deeper than `limit`,
 * checked before the Markdown parser builds a tree (a quote nested 10,000 deep
 * overflows the stack of every recursive walk, and a list nested 1,000 deep
 * takes the parser minutes).
 */
export function tooDeeplyNested(markdown: string, limit = MAX_NESTING): Point | undefined {
  const suspect = firstSuspect(markdown, limit);
  if (suspect === undefined) return undefined;
  // Every line before the suspect is within the limit and the suspect is cut after limit + 1 markers, so
  // parsing it is cheap and safe. When the bound was loose (markers in a code block), check the whole text.
  return firstTooDeep(suspect, limit) ?? firstTooDeep(markdown, limit);
}
