import type { Definition, Nodes } from 'mdast';
import type { Block } from '../alignment.js';
import type { FigureFormats } from './formats.js';
import { scanText, urlFigure, type FoundFigure, type TextMode } from './scan.js';

export interface Place {
  line: number;
  column: number;
}

/** A figure of a block, at its own line and column in the block's file. */
export type Figure = Omit<FoundFigure, 'offset'> & { place: Place };

/**
 * The figures of one aligned block, in document order: what its text says
 * (numbers, percentages, dates, URLs, addresses), the URLs of its links and
 * images (also through link definitions) and the text of image descriptions.
 * Footnote references are left to the `structure` rule, which pairs footnotes;
 * a list item's nested lists are blocks of their own.
 */
export function blockFigures(block: Block, formats: FigureFormats, definitions: ReadonlyMap<string, Definition>): Figure[] {
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
  const visit = (node: Nodes, indent: number) => {
    switch (node.type) {
      case 'text':
      case 'html':
        read(node.value, 'prose', placeIn(node.value, start(node), indent));
        return;
      case 'inlineCode':
        read(node.value, 'code', placeIn(node.value, shifted(start(node), fenceWidth(node)), indent));
        return;
      case 'code': {
        // A fenced block's text starts on the line after its fence.
        const fenced = node.position ? node.position.end.line - node.position.start.line + 1 > node.value.split('\n').length : false;
        const first = start(node);
        read(node.value, 'code', placeIn(node.value, { line: first.line + (fenced ? 1 : 0), column: first.column }, first.column));
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
    const inner = node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell' ? start(node).column : indent;
    for (const child of node.children as Nodes[]) {
      if (node === block.node && node.type === 'listItem' && child.type === 'list') continue;
      visit(child, inner);
    }
  };
  visit(block.node, block.place.column);
  return figures;
}

/**
 * Where an offset of a text node's value is: on its first line, counted from
 * where the node starts; on a later line, from the column its paragraph's
 * lines start at (the parser drops their indentation from the value).
 */
function placeIn(value: string, start: Place, indent: number): (offset: number) => Place {
  let lineStarts: number[] | undefined;
  return (offset) => {
    if (!lineStarts) {
      lineStarts = [0];
      for (let at = value.indexOf('\n'); at >= 0; at = value.indexOf('\n', at + 1)) lineStarts.push(at + 1);
    }
    // The last line that starts at or before the offset (figures come in order, but a search keeps this simple and fast).
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    if (low === 0) return { line: start.line, column: start.column + offset };
    return { line: start.line + low, column: indent + offset - lineStarts[low]! };
  };
}

function isAutolink(link: Extract<Nodes, { type: 'link' }>): boolean {
  const [only, ...rest] = link.children;
  return rest.length === 0 && only?.type === 'text' && (only.value === link.url || `mailto:${only.value}` === link.url);
}

function shifted(place: Place, columns: number): Place {
  return { line: place.line, column: place.column + columns };
}

/** How many backticks open an inline code span on one line (its source is the value between two equal fences). */
function fenceWidth(node: Extract<Nodes, { type: 'inlineCode' }>): number {
  const position = node.position;
  if (!position || position.start.line !== position.end.line) return 1;
  return Math.max(1, Math.floor((position.end.column - position.start.column - node.value.length) / 2));
}
