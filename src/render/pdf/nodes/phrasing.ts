import type { Nodes, PhrasingContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Face } from '../fonts.js';
import type { Run, RunStyle, SourcePlace } from '../layout/types.js';
import { placeOf, textPlace, type LayoutState } from './state.js';
import { safeUrl } from '../../../model/html.js';

type PhrasingHandler<T extends PhrasingContent = PhrasingContent> = (node: T, state: LayoutState, style: RunStyle) => Run[];
type PhrasingHandlers = { [K in PhrasingContent['type']]: PhrasingHandler<Extract<PhrasingContent, { type: K }>> };

/** A link becomes clickable when it is absolute: a relative one has nothing to point at in a PDF. */
function pdfLink(url: string): string | undefined {
  const safe = safeUrl(url);
  return safe !== undefined && URL.canParse(safe) ? safe : undefined;
}

const BOLD: Record<Face, Face> = { serif: 'serifBold', serifItalic: 'serifBoldItalic', serifBold: 'serifBold', serifBoldItalic: 'serifBoldItalic', sans: 'sansBold', sansBold: 'sansBold' };
const ITALIC: Record<Face, Face> = { serif: 'serifItalic', serifBold: 'serifBoldItalic', serifItalic: 'serifItalic', serifBoldItalic: 'serifBoldItalic', sans: 'serifItalic', sansBold: 'serifBoldItalic' };

export function bold(style: RunStyle): RunStyle {
  return { ...style, face: BOLD[style.face] };
}

export function italic(style: RunStyle): RunStyle {
  return { ...style, face: ITALIC[style.face] };
}

function linked(children: PhrasingContent[], url: string, state: LayoutState, style: RunStyle): Run[] {
  const href = pdfLink(url);
  return phrasingRuns(children, state, href ? { ...style, link: href, underline: true, color: state.theme.primary } : style);
}

const handlers: PhrasingHandlers = {
  text: (node, state, style) => [{ text: node.value, style, place: textPlace(state, node) }],
  emphasis: (node, state, style) => phrasingRuns(node.children, state, italic(style)),
  strong: (node, state, style) => phrasingRuns(node.children, state, bold(style)),
  delete: (node, state, style) => phrasingRuns(node.children, state, { ...style, strike: true }),
  inlineCode: (node, state, style) => [{ text: node.value, style: { ...style, face: 'sans', size: style.size * 0.92 }, place: placeOf(state, node) }],
  break: (node, state, style) => [lineBreak(style, placeOf(state, node))],
  link: (node, state, style) => linked(node.children, node.url, state, style),
  linkReference: (node, state, style) => {
    const definition = state.references.definitions.get(node.identifier);
    return definition ? linked(node.children, definition.url, state, style) : phrasingRuns(node.children, state, style);
  },
  image: (node, state, style) => imageRuns(node.alt ?? '', node.url, node, state, style),
  imageReference: (node, state, style) => imageRuns(node.alt ?? '', state.references.definitions.get(node.identifier)?.url ?? '', node, state, style),
  footnoteReference: (node, state, style) => {
    return [{ text: String(state.references.footnoteNumber(node.identifier)), style: { ...style, size: style.size * 0.65, rise: style.size * 0.38 }, place: placeOf(state, node) }];
  },
  // The loader resolves raw HTML into Markdown nodes and raw elements: none is left to draw.
  html: () => [],
  rawElement: (node, state, style) => phrasingRuns(node.children as PhrasingContent[], state, style),
};

/** A new line within a block (a Markdown hard break, the lines of a contact). */
export function lineBreak(style: RunStyle, place: SourcePlace): Run {
  return { text: '\n', style, place, preformatted: true };
}

/** An image in running text: its alternative text, linked to the image (a renderer fetches nothing). */
function imageRuns(alt: string, url: string, node: Nodes, state: LayoutState, style: RunStyle): Run[] {
  const href = pdfLink(url);
  const text = state.t('pdf:image', { alt: alt || url });
  return [{ text, style: href ? { ...italic(style), link: href, color: state.theme.primary, underline: true } : italic(style), place: placeOf(state, node) }];
}

/** Inline content to styled runs; a construct with no handler keeps its words as plain text. */
export function phrasingRuns(nodes: readonly PhrasingContent[], state: LayoutState, style: RunStyle): Run[] {
  return nodes.flatMap((node) => {
    const handler = handlers[node.type] as PhrasingHandler | undefined;
    return handler ? handler(node, state, style) : [{ text: toString(node), style, place: placeOf(state, node) }];
  });
}
