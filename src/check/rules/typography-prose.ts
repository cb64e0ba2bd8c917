import type { Link, Nodes, Parents } from 'mdast';
import { isScalar, parseDocument, Scalar } from 'yaml';
import { parseMarkdown } from '../../load/markdown.js';

/**
 * One block of prose (a paragraph, heading, table cell or front-matter value)
 * as a reader sees it, tied character by character to the file: `text[i]`
 * was written at `from[i]`…`to[i]` of the file, or is {@link FROZEN} there
 * (a line break, inline code, an escape) and must not be edited.
 */
export interface ProseRun {
  text: string;
  from: number[];
  to: number[];
}

/** Stands for what a run holds but no fix may touch: inline code, an image, an escape or character reference. Reads as a letter. */
export const OBJECT = '\uFFFC';
/** Stands for an opening HTML tag (`<b>`): a quote after it opens, as after a space. */
export const OPENING_TAG = '\uE000';
export const FROZEN = -1;

class RunBuilder {
  /** How many raw HTML elements (`<b>` … `</b>`) are open: text inside them is the author's HTML, left as written. */
  htmlDepth = 0;
  private readonly chars: string[] = [];
  private readonly from: number[] = [];
  private readonly to: number[] = [];

  /** A character of the file that a fix may replace. */
  char(char: string, from: number, to: number): void {
    this.chars.push(char);
    this.from.push(from);
    this.to.push(to);
  }

  /** A character that stands for something no fix may touch. */
  frozen(char: string): void {
    this.chars.push(char);
    this.from.push(FROZEN);
    this.to.push(FROZEN);
  }

  get length(): number {
    return this.chars.length;
  }

  /** Keep the characters read since `start` for reading, but let no fix touch them. */
  freezeFrom(start: number): void {
    this.from.fill(FROZEN, start);
    this.to.fill(FROZEN, start);
  }

  build(): ProseRun | undefined {
    return this.chars.length === 0 ? undefined : { text: this.chars.join(''), from: this.from, to: this.to };
  }
}

const LINE_ENDING = /\r\n|\r|\n/g;

/**
 * Read `source[start, end)` line by line into `run`: a line ending becomes a
 * frozen `\n`, and each later line loses its `prefix` (container markers and
 * indentation, which are syntax). `escape` reads one escape sequence at
 * `index`, returning its length and whether it stands for an editable
 * character, or undefined when none starts there.
 */
function readLines(source: string, start: number, end: number, run: RunBuilder, prefix: RegExp, escape: (index: number) => { length: number; char?: string } | undefined): void {
  let lineStart = start;
  const lines: [number, number][] = [];
  for (let at = start; at < end; at++) {
    if (source[at] !== '\n' && source[at] !== '\r') continue;
    lines.push([lineStart, at]);
    if (source[at] === '\r' && source[at + 1] === '\n') at++;
    lineStart = at + 1;
  }
  lines.push([lineStart, end]);
  lines.forEach(([from, to], index) => {
    if (index > 0) {
      run.frozen('\n');
      prefix.lastIndex = from;
      from += prefix.exec(source)?.[0].length ?? 0;
    }
    for (let at = from; at < to; ) {
      const escaped = escape(at);
      if (escaped) {
        if (escaped.char === undefined) run.frozen(OBJECT);
        else run.char(escaped.char, at, at + escaped.length);
        at += escaped.length;
      } else {
        run.char(source[at]!, at, at + 1);
        at += 1;
      }
    }
  });
}

/** Markdown's backslash escapes and character references: written on purpose, never changed by a fix. */
const MARKDOWN_ESCAPE = /\\[!-/:-@[-`{-~]|&(?:#\d{1,7}|#[xX][\da-fA-F]{1,6}|[A-Za-z][A-Za-z\d]{1,31});/y;

function markdownEscape(source: string): (index: number) => { length: number } | undefined {
  return (index) => {
    if (source[index] !== '\\' && source[index] !== '&') return undefined;
    MARKDOWN_ESCAPE.lastIndex = index;
    const match = MARKDOWN_ESCAPE.exec(source);
    return match ? { length: match[0].length } : undefined;
  };
}

/** Blocks whose children are phrasing: each is one run of prose. */
const PROSE_BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);
/** Inline containers whose text is prose (a link's text, but not its destination). */
const PROSE_INLINE = new Set(['emphasis', 'strong', 'delete', 'linkReference']);

/**
 * A shortcut (`[the workers' report]`) or collapsed (`[the workers' report][]`)
 * reference: its text is also its label, which must keep matching its
 * definition's, so a fix there would turn the link into plain text.
 */
function isLabel(node: Nodes): boolean {
  return node.type === 'linkReference' && node.referenceType !== 'full';
}

/** An autolink (`<https://…>`, `www.example.org`, an email address) shows its URL, which is not prose. */
function isAutolink(node: Link, source: string): boolean {
  return source[node.position?.start.offset ?? 0] !== '[';
}

/** Elements that hold no text, so a tag of one opens nothing. */
const VOID_ELEMENTS = /^<(?:area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)\b/i;

/** How an inline HTML tag changes the number of open elements: +1 for `<b>`, -1 for `</b>`, 0 for `<br>`, `<x/>` or a comment. */
function htmlDepthChange(html: string): number {
  if (/^<\/[a-z]/i.test(html)) return -1;
  if (!/^<[a-z]/i.test(html) || VOID_ELEMENTS.test(html) || html.endsWith('/>')) return 0;
  return 1;
}

function phrasing(node: Nodes, source: string, run: RunBuilder): void {
  if (node.type === 'html') {
    const change = htmlDepthChange(node.value);
    run.htmlDepth = Math.max(0, run.htmlDepth + change);
    // A quote just after an opening tag opens, one just after a closing tag closes.
    run.frozen(change < 0 ? OBJECT : OPENING_TAG);
  } else if (node.type === 'text') {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined || run.htmlDepth > 0) run.frozen(OBJECT);
    // A paragraph's later lines start after the block quote markers and indentation around it.
    else readLines(source, start, end, run, /[ \t>]*/y, markdownEscape(source));
  } else if (node.type === 'break') {
    run.frozen('\n');
  } else if (PROSE_INLINE.has(node.type) || (node.type === 'link' && !isAutolink(node, source))) {
    const start = run.length;
    for (const child of (node as Parents).children) phrasing(child, source, run);
    if (isLabel(node)) run.freezeFrom(start);
  } else {
    // Inline code, raw HTML, images, footnote references, autolinks: something, but not prose.
    run.frozen(OBJECT);
  }
}

function blocks(node: Nodes, source: string, runs: ProseRun[]): void {
  if (PROSE_BLOCKS.has(node.type)) {
    const run = new RunBuilder();
    for (const child of (node as Parents).children) phrasing(child, source, run);
    const built = run.build();
    if (built) runs.push(built);
  } else if ('children' in node) {
    // Code, raw HTML blocks and link definitions have no children: never prose.
    for (const child of node.children) blocks(child, source, runs);
  }
}

/** Front-matter fields whose values are prose a reader sees. */
export const PROSE_FIELDS = ['title', 'subtitle', 'summary'] as const;

const YAML_DOUBLE_ESCAPE = /\\(?:x[\da-fA-F]{2}|u[\da-fA-F]{4}|U[\da-fA-F]{8}|[^])/y;

/**
 * YAML's escapes inside a scalar: `\"` (double-quoted) and `''`
 * (single-quoted) are a quote the fix may replace whole; every other escape
 * (`\n`, `\u00a0`, `\\`) is left as written.
 */
function yamlEscape(source: string, type: Scalar.Type | undefined): (index: number) => { length: number; char?: string } | undefined {
  return (index) => {
    if (type === Scalar.QUOTE_SINGLE && source.startsWith("''", index)) return { length: 2, char: "'" };
    if (type !== Scalar.QUOTE_DOUBLE || source[index] !== '\\') return undefined;
    if (source[index + 1] === '"') return { length: 2, char: '"' };
    YAML_DOUBLE_ESCAPE.lastIndex = index;
    return { length: YAML_DOUBLE_ESCAPE.exec(source)?.[0].length ?? 1 };
  };
}

/** The prose values of the front matter (`yaml` starts at `offset` of the file), inside their quotes, never their keys. */
function frontMatterRuns(source: string, yaml: string, offset: number, runs: ProseRun[]): void {
  const doc = parseDocument(yaml, { uniqueKeys: false });
  if (doc.errors.length > 0) return;
  for (const field of PROSE_FIELDS) {
    const node = doc.get(field, true);
    if (!isScalar(node) || typeof node.value !== 'string' || !node.range) continue;
    const [start, valueEnd] = node.range;
    const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
    const block = node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL;
    // A block scalar's text starts on the line after its `|` or `>` header.
    const from = block ? yaml.indexOf('\n', start) + 1 : start + (quoted ? 1 : 0);
    const to = quoted ? valueEnd - 1 : valueEnd;
    if (block && from === 0) continue;
    const run = new RunBuilder();
    if (block) {
      // Every line of a block scalar, the first included, starts with its indentation.
      const indent = /[ \t]*/y;
      indent.lastIndex = offset + from;
      const first = offset + from + (indent.exec(source)?.[0].length ?? 0);
      readLines(source, first, offset + to, run, /[ \t]*/y, yamlEscape(source, node.type));
    } else {
      readLines(source, offset + from, offset + to, run, /[ \t]*/y, yamlEscape(source, node.type));
    }
    const built = run.build();
    if (built) runs.push(built);
  }
}

/** Offset of the start of 1-based `line` in `text`. */
function lineOffset(text: string, line: number): number {
  let offset = 0;
  for (let at = 1; at < line; at++) {
    LINE_ENDING.lastIndex = offset;
    const match = LINE_ENDING.exec(text);
    if (!match) return text.length;
    offset = match.index + match[0].length;
  }
  return offset;
}

/**
 * Every run of prose in a statement's Markdown file: its front matter's
 * title, subtitle and summary, and its body's paragraphs, headings and table
 * cells, without code, raw HTML, URLs, link destinations or footnote labels;
 * the text of a shortcut or collapsed link reference is read but frozen (it is its label).
 */
export function proseRuns(source: string): ProseRun[] {
  const parsed = parseMarkdown(source);
  const runs: ProseRun[] = [];
  if (parsed.frontMatter) {
    const offset = lineOffset(source, parsed.frontMatter.firstLine);
    // Only where the YAML is found as written, so every offset points at its character.
    if (source.startsWith(parsed.frontMatter.text, offset)) frontMatterRuns(source, parsed.frontMatter.text, offset, runs);
  }
  for (const child of parsed.body.children) blocks(child, source, runs);
  return runs;
}
