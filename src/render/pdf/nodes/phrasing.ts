import type { PhrasingContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { boldFace, italicFace } from '../fonts.js';
import type { Run, RunStyle } from '../layout/types.js';
import type { LayoutState } from './state.js';
import { safeUrl } from '../../../model/html.js';

type PhrasingHandler<T extends PhrasingContent = PhrasingContent> = (node: T, state: LayoutState, style: RunStyle) => Run[];
type PhrasingHandlers = { [K in PhrasingContent['type']]: PhrasingHandler<Extract<PhrasingContent, { type: K }>> };

/** A link becomes clickable when it is absolute: a relative one has nothing to point at in a PDF. */
function pdfLink(url: string): string | undefined {
  const safe = safeUrl(url);
  return safe !== undefined && URL.canParse(safe) ? safe : undefined;
}

export function bold(style: RunStyle): RunStyle {
  return { ...style, face: boldFace(style.face) };
}

export function italic(style: RunStyle): RunStyle {
  return { ...style, face: italicFace(style.face) };
}

function linked(children: PhrasingContent[], url: string, state: LayoutState, style: RunStyle): Run[] {
  const href = pdfLink(url);
  return phrasingRuns(children, state, href ? { ...style, link: href, underline: true, color: state.theme.primary } : style);
}

const handlers: PhrasingHandlers = {
  text: (node, _state, style) => [{ text: node.value, style }],
  emphasis: (node, state, style) => phrasingRuns(node.children, state, italic(style)),
  strong: (node, state, style) => phrasingRuns(node.children, state, bold(style)),
  delete: (node, state, style) => phrasingRuns(node.children, state, { ...style, strike: true }),
  inlineCode: (node, _state, style) => [{ text: node.value, style: { ...style, face: 'sans', size: style.size * 0.92 } }],
  break: (_node, _state, style) => [lineBreak(style)],
  link: (node, state, style) => linked(node.children, node.url, state, style),
  linkReference: (node, state, style) => {
    const definition = state.references.definitions.get(node.identifier);
    return definition ? linked(node.children, definition.url, state, style) : phrasingRuns(node.children, state, style);
  },
  image: (node, state, style) => imageRuns(node.alt ?? '', node.url, state, style),
  imageReference: (node, state, style) => imageRuns(node.alt ?? '', state.references.definitions.get(node.identifier)?.url ?? '', state, style),
  footnoteReference: (node, state, style) => {
    return [{ text: String(state.references.footnoteNumber(node.identifier)), style: { ...style, size: style.size * 0.65, rise: style.size * 0.38 } }];
  },
  // The loader resolves raw HTML into Markdown nodes and raw elements: none is left to draw.
  html: () => [],
  rawElement: (node, state, style) => phrasingRuns(node.children as PhrasingContent[], state, style),
};

/** A new line within a block (a Markdown hard break, the lines of a contact). */
export function lineBreak(style: RunStyle): Run {
  return { text: '\n', style, preformatted: true };
}

/** An image in running text: its alternative text, linked to the image (a renderer fetches nothing). */
function imageRuns(alt: string, url: string, state: LayoutState, style: RunStyle): Run[] {
  const href = pdfLink(url);
  const text = state.t('pdf:image', { alt: alt || url });
  return [{ text, style: href ? { ...italic(style), link: href, color: state.theme.primary, underline: true } : italic(style) }];
}

/** Inline content to styled runs; a construct with no handler keeps its words as plain text. */
export function phrasingRuns(nodes: readonly PhrasingContent[], state: LayoutState, style: RunStyle): Run[] {
  return nodes.flatMap((node) => {
    const handler = handlers[node.type] as PhrasingHandler | undefined;
    return handler ? handler(node, state, style) : [{ text: toString(node), style }];
  });
}
