import { SaxesParser } from 'saxes';

/** An element as a namespace-aware XML parser reads it. */
export interface XmlElement {
  /** Namespace URI and local name: what the element is, whatever prefix it was written with. */
  uri: string;
  local: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The text directly inside it, entities decoded. */
  text: string;
}

/** Parse `xml` with saxes, namespaces on; throws on anything that is not well-formed (or an unbound prefix). */
export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const open: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    const attributes = Object.fromEntries(Object.values(tag.attributes).map((attribute) => [attribute.uri ? `{${attribute.uri}}${attribute.local}` : attribute.local, attribute.value]));
    const element: XmlElement = { uri: tag.uri ?? '', local: tag.local ?? tag.name, attributes, children: [], text: '' };
    open.at(-1)?.children.push(element);
    root ??= element;
    open.push(element);
  });
  parser.on('text', (text) => {
    const current = open.at(-1);
    if (current) current.text += text;
  });
  parser.on('closetag', () => {
    open.pop();
  });
  parser.write(xml).close();
  if (!root) throw new Error('no root element');
  return root;
}

/** The children of `element` named `local` in namespace `uri`. */
export function childrenNamed(element: XmlElement, uri: string, local: string): XmlElement[] {
  return element.children.filter((child) => child.uri === uri && child.local === local);
}

/** Every element of the tree, depth first. */
export function allElements(element: XmlElement): XmlElement[] {
  return [element, ...element.children.flatMap(allElements)];
}
