import type { PhrasingContent, Root, RootContent, Table } from 'mdast';
import type { Translate } from '../../i18n/index.js';
import { BodyReferences } from '../references.js';

/** Lines are filled up to this many characters; a word longer than that (a URL) gets a line of its own. */
export const TEXT_WIDTH = 72;

/** What a text rendering collects while walking one body: numbered links and notes, listed after it. */
export interface TextState {
  t: Translate;
  /** Base for relative links, so every listed link works outside the web page. */
  baseUrl: string;
  links: string[];
  references: BodyReferences;
}

/** Fill words into lines of at most `width` characters; `\n` in the text is a hard break. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const hardLine of text.split('\n')) {
    let line = '';
    // Lengths in code points, kept as the line grows rather than counted again for every word.
    let length = 0;
    for (const word of hardLine.split(/[ \t]+/).filter(Boolean)) {
      const wordLength = [...word].length;
      if (line && length + 1 + wordLength <= width) {
        line += ` ${word}`;
        length += 1 + wordLength;
      } else {
        if (line) lines.push(line);
        line = word;
        length = wordLength;
      }
    }
    lines.push(line);
  }
  return lines;
}

function absolute(url: string, state: TextState): string {
  try {
    return new URL(url, state.baseUrl).href;
  } catch {
    return url;
  }
}

/** Number a link target the first time it is seen, so repeated links share a reference. */
function reference(url: string, state: TextState): number {
  const href = absolute(url, state);
  const index = state.links.indexOf(href);
  if (index >= 0) return index + 1;
  state.links.push(href);
  return state.links.length;
}

function linked(text: string, url: string, state: TextState): string {
  const bare = url.replace(/^mailto:/, '');
  // An autolink or a mailto link already shows its target: no reference needed.
  if (text === url || text === bare) return text;
  if (url.startsWith('#')) return text;
  return `${text} [${reference(url, state)}]`;
}

type InlineHandler = (node: never, state: TextState) => string;

/** One handler per inline (phrasing) node type; each returns text with `\n` for a hard break. */
const inlineHandlers: { [Type in PhrasingContent['type']]: (node: Extract<PhrasingContent, { type: Type }>, state: TextState) => string } = {
  text: (node) => node.value.replace(/[ \t]*\r?\n[ \t]*/g, ' '),
  emphasis: (node, state) => `_${inline(node.children, state)}_`,
  strong: (node, state) => `*${inline(node.children, state)}*`,
  delete: (node, state) => `~${inline(node.children, state)}~`,
  inlineCode: (node) => `\`${node.value}\``,
  break: () => '\n',
  // The loader resolves raw HTML into Markdown nodes: none is left to show.
  html: () => '',
  rawElement: (node, state) => inline(node.children as PhrasingContent[], state),
  link: (node, state) => linked(inline(node.children, state), node.url, state),
  linkReference: (node, state) => {
    const text = inline(node.children, state);
    const definition = state.references.definitions.get(node.identifier);
    return definition ? linked(text, definition.url, state) : text;
  },
  image: (node, state) => `[${state.t('email:image', { alt: node.alt ?? '' })}] [${reference(node.url, state)}]`,
  imageReference: (node, state) => {
    const definition = state.references.definitions.get(node.identifier);
    const label = `[${state.t('email:image', { alt: node.alt ?? '' })}]`;
    return definition ? `${label} [${reference(definition.url, state)}]` : label;
  },
  footnoteReference: (node, state) => `[^${state.references.footnoteNumber(node.identifier)}]`,
};

function inline(nodes: readonly PhrasingContent[], state: TextState): string {
  return nodes.map((node) => (inlineHandlers[node.type] as InlineHandler)(node as never, state)).join('');
}

type BlockHandler = (node: never, state: TextState, width: number) => string[];

function underline(lines: string[], char: string): string[] {
  const longest = Math.max(...lines.map((line) => [...line].length));
  return [...lines, char.repeat(Math.min(longest, TEXT_WIDTH))];
}

function prefixLines(lines: string[], first: string, rest: string): string[] {
  return lines.map((line, index) => (line ? `${index === 0 ? first : rest}${line}` : ''));
}

function cellText(cell: Table['children'][number]['children'][number], state: TextState): string {
  return inline(cell.children, state).replace(/\n/g, ' ');
}

function tableLines(node: Table, state: TextState): string[] {
  const rows = node.children.map((row) => row.children.map((cell) => cellText(cell, state)));
  const columns = Math.max(...rows.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, column) => Math.max(3, ...rows.map((row) => [...(row[column] ?? '')].length)));
  const pad = (text: string, column: number) => {
    const fill = ' '.repeat((widths[column] ?? 0) - [...text].length);
    return node.align?.[column] === 'right' ? fill + text : text + fill;
  };
  const format = (row: string[]) => widths.map((_, column) => pad(row[column] ?? '', column)).join(' | ').trimEnd();
  const [header, ...body] = rows;
  return [format(header ?? []), widths.map((width) => '-'.repeat(width)).join('-+-'), ...body.map(format)];
}

/** One handler per block node type; each returns lines no wider than `width` where words allow. */
const blockHandlers: Partial<Record<RootContent['type'], BlockHandler>> = {
  paragraph: (node: Extract<RootContent, { type: 'paragraph' }>, state, width) => wrap(inline(node.children, state), width),
  heading: (node: Extract<RootContent, { type: 'heading' }>, state, width) => {
    const lines = wrap(inline(node.children, state), width);
    return node.depth <= 2 ? underline(lines, node.depth === 1 ? '=' : '-') : lines;
  },
  blockquote: (node: Extract<RootContent, { type: 'blockquote' }>, state, width) =>
    blocks(node.children, state, width - 2).map((line) => (line ? `> ${line}` : '>')),
  list: (node: Extract<RootContent, { type: 'list' }>, state, width) => {
    const start = node.start ?? 1;
    const markers = node.children.map((_, index) => (node.ordered ? `${start + index}. ` : '- '));
    const indent = Math.max(...markers.map((marker) => marker.length));
    const items = node.children.map((item, index) => {
      const lines = blocks(item.children, state, width - indent, item.spread ? 1 : 0);
      const marker = (markers[index] ?? '- ').padEnd(indent);
      const checked = item.checked === true ? '[x] ' : item.checked === false ? '[ ] ' : '';
      if (checked && lines[0] !== undefined) lines[0] = checked + lines[0];
      return prefixLines(lines, marker, ' '.repeat(indent));
    });
    return items.flatMap((lines, index) => (node.spread && index > 0 ? ['', ...lines] : lines));
  },
  code: (node: Extract<RootContent, { type: 'code' }>) => node.value.split('\n').map((line) => (line ? `    ${line}` : '')),
  rawElement: (node: Extract<RootContent, { type: 'rawElement' }>, state, width) => blocks(node.children as RootContent[], state, width),
  table: (node: Extract<RootContent, { type: 'table' }>, state) => tableLines(node, state),
  thematicBreak: () => ['* * *'],
  // Link definitions are listed with the other links; notes are listed after the body.
  definition: () => [],
  footnoteDefinition: () => [],
};

/** Render block children, separated by `gap` blank lines. */
function blocks(nodes: readonly RootContent[], state: TextState, width: number, gap = 1): string[] {
  const rendered = nodes
    .map((node) => {
      const handler = blockHandlers[node.type];
      if (handler) return handler(node as never, state, width);
      // A phrasing node at block level (rare): render it as a paragraph.
      return 'children' in node || 'value' in node ? wrap(inline([node as PhrasingContent], state), width) : [];
    })
    .filter((lines) => lines.length > 0);
  return rendered.flatMap((lines, index) => (index > 0 ? [...Array<string>(gap).fill(''), ...lines] : lines));
}

export function createTextState(t: Translate, baseUrl: string): TextState {
  return { t, baseUrl, links: [], references: new BodyReferences() };
}

/**
 * The statement body as plain text: wrapped paragraphs, `-`/`1.` lists, `>`
 * quotes, aligned tables, notes as `[^1]` with their text after the body.
 * Links are left in `state.links` for the caller to list after everything
 * else of the section (signatories and contacts may add none, but could).
 */
export function bodyToText(body: Root, state: TextState, width = TEXT_WIDTH): string[] {
  const { references } = state;
  references.collect(body);
  const lines = blocks(body.children, state, width);
  if (references.footnoteOrder.length === 0) return lines;
  const notes: string[] = [];
  // A note may reference another note, so the order can grow while listing.
  for (let index = 0; index < references.footnoteOrder.length; index++) {
    const definition = references.footnotes.get(references.footnoteOrder[index] ?? '');
    if (!definition) continue;
    const marker = `[^${index + 1}] `;
    notes.push(...prefixLines(blocks(definition.children, state, width - marker.length), marker, ' '.repeat(marker.length)));
  }
  return [...lines, '', ...underline([state.t('email:notes')], '-'), ...notes];
}

export function linkList(state: TextState): string[] {
  if (state.links.length === 0) return [];
  return [...underline([state.t('email:links')], '-'), ...state.links.map((url, index) => `[${index + 1}] ${url}`)];
}
