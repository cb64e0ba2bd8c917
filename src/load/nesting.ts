import { parse, postprocess, preprocess } from 'micromark';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import type { Nodes, Root } from 'mdast';
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

/**
 * Work micromark does pairing emphasis, strikethrough and link brackets in one
 * paragraph: a closer looks back over everything since its opener, so nested
 * pairs cost the square of their depth (`*a *a … a* a*` 4,000 deep takes
 * seconds, 10,000 deep about a minute). This bound is about a second of parsing.
 */
const MAX_INLINE_WORK = 2_000_000;

const INLINE_DELIMITER = /([*_~])\1*|[[\]]/g;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Where a paragraph's emphasis, strikethrough or link brackets first nest so
 * deeply that parsing it would take more than {@link MAX_INLINE_WORK}: the
 * parser's own pairing (a closer takes the nearest opener of its kind, closing
 * those in between), with the distance between the two as its cost.
 */
export function inlineTooCostly(markdown: string): Point | undefined {
  const openers: { char: string; at: number; length: number }[] = [];
  let work = 0;
  let delimiters = 0;
  let fence: string | undefined;
  for (const [index, line] of markdown.split(/\r\n?|\n/).entries()) {
    const fenceMark = FENCE.exec(line)?.[1];
    if (fenceMark && (fence === undefined || (fenceMark[0] === fence[0] && fenceMark.length >= fence.length))) {
      fence = fence === undefined ? fenceMark : undefined;
      continue;
    }
    if (fence !== undefined) continue;
    if (!line.trim()) {
      openers.length = 0;
      work = 0;
      continue;
    }
    for (const match of line.matchAll(INLINE_DELIMITER)) {
      const run = match[0];
      const char = run[0] === ']' ? '[' : run[0]!;
      delimiters += 1;
      const closes = run === ']' || /\S/.test(line[match.index - 1] ?? ' ');
      let opener = -1;
      if (closes) for (let k = openers.length - 1; k >= 0 && opener < 0; k--) if (openers[k]!.char === char) opener = k;
      if (opener >= 0) {
        // Two runs pair two markers at a time, each pairing splicing the events between them.
        work += delimiters - openers[opener]!.at + Math.min(openers[opener]!.length, run.length) ** 2 / 8;
        openers.length = opener;
        if (work > MAX_INLINE_WORK) return { line: index + 1, column: match.index + 1 };
      } else if (run === '[' || /\S/.test(line[match.index + run.length] ?? ' ')) {
        openers.push({ char, at: delimiters, length: run.length });
      }
    }
  }
  return undefined;
}

/**
 * How deep a statement's tree may be in all (emphasis in a link in a list in a
 * quote…): every output walks it recursively, and a tree thousands deep
 * overflows the stack. Generous: real statements stay under 20.
 */
export const MAX_TREE_DEPTH = 64;

const CONTAINER_NODES = new Set(['blockquote', 'list', 'footnoteDefinition']);

export interface TooDeep {
  node: Nodes;
  /** Quotes and lists past {@link MAX_NESTING}, or the whole tree past {@link MAX_TREE_DEPTH}. */
  kind: 'containers' | 'tree';
}

/**
 * The first node past either limit, walked without recursion. Run on the
 * parsed tree, and again after raw HTML became nodes (`<blockquote>` and
 * `<ul>` written in HTML count like their Markdown).
 */
export function treeTooDeep(tree: Root): TooDeep | undefined {
  const stack: { node: Nodes; depth: number; containers: number }[] = [{ node: tree, depth: 0, containers: 0 }];
  while (stack.length > 0) {
    const { node, depth, containers } = stack.pop()!;
    const inside = containers + (CONTAINER_NODES.has(node.type) ? 1 : 0);
    if (inside > MAX_NESTING) return { node, kind: 'containers' };
    if (depth > MAX_TREE_DEPTH) return { node, kind: 'tree' };
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]!, depth: depth + 1, containers: inside });
  }
  return undefined;
}
