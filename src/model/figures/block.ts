import type { Definition, Nodes } from 'mdast';
import type { Block } from '../alignment.js';
import type { FigureFormats } from './formats.js';
import { valuePlaces, type SourcePoint, type SourcePoints } from '../source-points.js';
import { scanText, urlFigure, type FoundFigure, type TextMode } from './scan.js';

export type Place = SourcePoint;

/** A figure of a block, at its own line and column in the block's file. */
export type Figure = Omit<FoundFigure, 'offset'> & { place: Place };

/**
 * The figures of one aligned block, in document order: what its text says
 * (numbers, percentages, dates, URLs, addresses), the URLs of its links and
 * images (also through link definitions) and the text of image descriptions.
 * Footnote references are left to the `structure` rule, which pairs footnotes;
 * a list item's nested lists are blocks of their own. `points` are those of
 * the block's file: a figure is placed where the file has it.
 */
export function blockFigures(block: Block, formats: FigureFormats, definitions: ReadonlyMap<string, Definition>, points: SourcePoints): Figure[] {
  const figures: Figure[] = [];
  const add = (found: FoundFigure | undefined, place: (offset: number) => Place) => {
    if (!found) return;
    const { offset, ...figure } = found;
    figures.push({ ...figure, place: place(offset) });
  };
  const read = (value: string, mode: TextMode, place: (offset: number) => Place) => {
    for (const found of scanText(value, formats, mode)) add(found, place);
  };
  const start = (node: Nodes): Place => {
    const point = node.position?.start;
    return point ? { line: point.line, column: point.column } : block.place;
  };
  /** Where a character of a node's value is: found in the file from where the value starts (`shift` characters into the node). */
  const within = (node: Nodes & { value: string }, shift: number): ((offset: number) => Place) => {
    const offset = node.position?.start.offset;
    return offset === undefined ? () => start(node) : valuePlaces(node.value, points, { offset: offset + shift });
  };
  const visit = (node: Nodes) => {
    switch (node.type) {
      case 'text':
      case 'html':
        read(node.value, 'prose', within(node, 0));
        return;
      case 'inlineCode':
        read(node.value, 'code', within(node, fenceWidth(node)));
        return;
      case 'code': {
        // A fenced block's text starts on the line after its fence; an indented block's on its first line, past the indentation.
        const position = node.position;
        const fenced = position ? position.end.line - position.start.line + 1 > node.value.split('\n').length : false;
        read(node.value, 'code', position ? valuePlaces(node.value, points, { line: position.start.line + (fenced ? 1 : 0) }) : () => block.place);
        return;
      }
      case 'footnoteReference':
      case 'definition':
        return;
      case 'link':
        add(urlFigure(node.url, 0), () => start(node));
        // An autolink's text is its URL: read once.
        if (isAutolink(node)) return;
        break;
      case 'image':
        add(urlFigure(node.url, 0), () => start(node));
        read(node.alt ?? '', 'prose', () => start(node));
        return;
      case 'linkReference':
      case 'imageReference': {
        const definition = definitions.get(node.identifier);
        if (definition) add(urlFigure(definition.url, 0), () => start(node));
        if (node.type === 'imageReference') read(node.alt ?? '', 'prose', () => start(node));
        break;
      }
      default:
        break;
    }
    if (!('children' in node)) return;
    for (const child of node.children as Nodes[]) {
      if (node === block.node && node.type === 'listItem' && child.type === 'list') continue;
      visit(child);
    }
  };
  visit(block.node);
  return figures;
}

function isAutolink(link: Extract<Nodes, { type: 'link' }>): boolean {
  const [only, ...rest] = link.children;
  return rest.length === 0 && only?.type === 'text' && (only.value === link.url || `mailto:${only.value}` === link.url);
}

/** How many backticks open an inline code span on one line (its source is the value between two equal fences). */
function fenceWidth(node: Extract<Nodes, { type: 'inlineCode' }>): number {
  const position = node.position;
  if (!position || position.start.line !== position.end.line) return 1;
  return Math.max(1, Math.floor((position.end.column - position.start.column - node.value.length) / 2));
}
