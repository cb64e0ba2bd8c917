import { createHash } from 'node:crypto';
import type { Nodes } from 'mdast';
import { bodyBlocks, type Block } from './alignment.js';
import type { Lang } from './languages.js';
import { sourceText, textIn, type FrontMatter, type Statement } from './statement.js';

/**
 * The stamp `statements stamp` writes into a translation's front matter: what
 * the original looked like when the translation was last brought up to date,
 * as one short digest per translatable part (the title, subtitle, summary and
 * dateline, then every block of the body), so `check` can name the parts that
 * changed since. One line, so that re-stamping replaces one line.
 */
export const STAMP_FIELD = 'translated-from' satisfies keyof FrontMatter;

export interface Stamp {
  /** The day the stamp was written (YYYY-MM-DD), shown in messages only. */
  stamped: string;
  /** One 8-hex digest per part of the original, in order. */
  digests: readonly string[];
}

export type StampField = 'title' | 'subtitle' | 'summary' | 'dateline';
const STAMPED_FIELDS: readonly StampField[] = ['title', 'subtitle', 'summary', 'dateline'];

/** A translatable part of the original: a front-matter field or a block of the body. */
export interface StampPart {
  digest: string;
  part: { field: StampField } | { block: Block };
  line: number;
  column: number;
  /** The last line of the part in the original's file. */
  endLine: number;
}

/**
 * The original's parts a translation translates, each with the digest of what
 * it says (not how it is laid out). A field the translation inherits (its
 * dateline) is not one of them: a change to it reaches the translation anyway.
 */
export function stampParts(statement: Statement, lang: Lang): StampPart[] {
  const original = sourceText(statement);
  const translation = textIn(statement, lang);
  const fields = STAMPED_FIELDS.flatMap((field): StampPart[] => {
    const value = original[field];
    const place = original.places[field];
    if (value === undefined || !place || !translation.places[field]) return [];
    return [{ digest: digest(`${field}\n${canonical(value)}`), part: { field }, line: place.line, column: place.column, endLine: place.line }];
  });
  const blocks = bodyBlocks(original.body).map((block): StampPart => ({
    digest: digest(`${block.kind} ${block.depth}\n${canonical(blockText(block))}`),
    part: { block },
    ...block.place,
    endLine: block.node.position?.end.line ?? block.place.line,
  }));
  return [...fields, ...blocks];
}

/** The front-matter line of a stamp: `translated-from: { stamped: 2026-11-24, blocks: "1a2b3c4d …" }`. */
export function stampLine(stamp: Stamp): string {
  return `${STAMP_FIELD}: { stamped: ${stamp.stamped}, blocks: "${stamp.digests.join(' ')}" }`;
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

/**
 * What a translator reads, without what only changes the layout or the
 * typography: whitespace runs (a reflowed paragraph, a no-break space) are one
 * space; every kind of quote mark is one straight quote; no space around a
 * quote mark, before punctuation, `%` or `°`: whatever `check --fix` may
 * change in the original leaves its translations current.
 */
export function canonical(text: string): string {
  return text
    .replace(/\s+/gu, ' ')
    .replace(/["“”„«»]/gu, '"')
    .replace(/['‘’‚‹›]/gu, "'")
    .replace(/ ?(["']) ?/gu, '$1')
    .replace(/ (?=[,.;:!?%°)\]])/gu, '')
    .trim();
}

/**
 * A block's words, with the marks a translation must mirror: emphasis, link
 * and image addresses, footnote references, table cells. A list item without
 * its nested lists (blocks of their own).
 */
function blockText(block: Block): string {
  const parts: string[] = [];
  const visit = (node: Nodes) => {
    switch (node.type) {
      case 'text':
      case 'inlineCode':
      case 'code':
      case 'html':
        parts.push(node.value);
        return;
      case 'break':
        parts.push(' ');
        return;
      case 'footnoteReference':
        parts.push('[^]');
        return;
      case 'image':
        parts.push(`![${node.alt ?? ''}](${node.url})`);
        return;
      case 'imageReference':
        parts.push(`![${node.alt ?? ''}][${node.identifier}]`);
        return;
      case 'link':
      case 'linkReference':
      case 'emphasis':
      case 'strong':
      case 'delete':
      case 'rawElement': {
        const [open, close] = marks(node);
        parts.push(open);
        for (const child of node.children) visit(child);
        parts.push(close);
        return;
      }
      case 'tableCell':
        parts.push('|');
        break;
      default:
        break;
    }
    if ('children' in node) for (const child of node.children as Nodes[]) if (!(block.kind === 'listItem' && child.type === 'list')) visit(child);
  };
  visit(block.node);
  return parts.join('');
}

function marks(node: Extract<Nodes, { type: 'link' | 'linkReference' | 'emphasis' | 'strong' | 'delete' | 'rawElement' }>): [string, string] {
  switch (node.type) {
    case 'link':
      return ['[', `](${node.url})`];
    case 'linkReference':
      return ['[', `][${node.identifier}]`];
    case 'emphasis':
      return ['*', '*'];
    case 'strong':
      return ['**', '**'];
    case 'delete':
      return ['~~', '~~'];
    case 'rawElement':
      return [`<${node.data.hName}>`, `</${node.data.hName}>`];
  }
}

/**
 * A translation's front matter with `line` as its stamp: an earlier stamp (and
 * any indented lines it was folded onto) replaced where it stands, or else the
 * line added at the end of the front matter. Every other byte stays as it was.
 * `frontMatterEnd` is the 1-based line of the closing `---`.
 */
export function withStampLine(text: string, frontMatterEnd: number, line: string): string {
  const lines = text.split(/(?<=\n)/);
  const eol = lines[0]?.endsWith('\r\n') ? '\r\n' : '\n';
  const closing = frontMatterEnd - 1;
  const key = new RegExp(`^${STAMP_FIELD}[ \\t]*:`);
  const start = lines.findIndex((candidate, index) => index > 0 && index < closing && key.test(candidate));
  if (start === -1) return [...lines.slice(0, closing), line + eol, ...lines.slice(closing)].join('');
  let end = start + 1;
  while (end < closing && /^[ \t]+\S/.test(lines[end]!)) end++;
  const lineEnd = lines[end - 1]!.match(/\r?\n$/)?.[0] ?? eol;
  return [...lines.slice(0, start), line + lineEnd, ...lines.slice(end)].join('');
}
