import type { Element, Root, Text } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';

export function parseHtml(html: string): Root {
  return fromHtml(html);
}

export function elements(tree: Root, test: (node: Element) => boolean = () => true): Element[] {
  const found: Element[] = [];
  visit(tree, 'element', (node: Element) => {
    if (test(node)) found.push(node);
  });
  return found;
}

/** The visible text of a node, whitespace collapsed. */
export function text(node: Root | Element): string {
  const parts: string[] = [];
  visit(node, 'text', (leaf: Text) => {
    parts.push(leaf.value);
  });
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** A `<script type="application/ld+json">`: a data block, which a browser never runs (the page's structured data). */
export function isJsonLd(node: Element): boolean {
  return node.tagName === 'script' && node.properties.type === 'application/ld+json';
}

/**
 * Everything in a page that a browser would execute: script elements (but
 * JSON-LD data blocks: text breaking out of one makes a script element of its
 * own), event-handler attributes, and javascript:/data:/vbscript: URLs.
 */
export function executableMarkup(tree: Root): string[] {
  const found: string[] = [];
  for (const node of elements(tree)) {
    if (['script', 'iframe', 'object', 'embed'].includes(node.tagName) && !isJsonLd(node)) found.push(`<${node.tagName}>`);
    for (const [name, value] of Object.entries(node.properties)) {
      if (/^on/i.test(name)) found.push(`${node.tagName}[${name}]`);
      if (['href', 'src', 'action', 'formAction', 'xLinkHref'].includes(name) && /^\s*(javascript|data|vbscript):/i.test(String(value))) {
        found.push(`${node.tagName}[${name}=${String(value)}]`);
      }
    }
  }
  return found;
}
