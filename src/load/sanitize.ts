import { randomBytes } from 'node:crypto';
import type { Element, ElementContent, Root as HastRoot, RootContent as HastContent } from 'hast';
import { raw } from 'hast-util-raw';
import { sanitize } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import type { BlockContent, Definition, Html, Nodes, Parents, PhrasingContent, Root, RootContent } from 'mdast';
import { phrasing as isPhrasing } from 'mdast-util-phrasing';
import { toString } from 'mdast-util-to-string';
import type { Position } from 'unist';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { htmlSchema, safeUrl } from '../model/html.js';
import type { RawElement } from '../model/raw-element.js';

/**
 * The one sanitizing pass, run when a statement is loaded: afterwards the
 * body holds no raw HTML and no unsafe URL, so every output (page, email
 * HTML and text, PDF) and every check reads the same safe tree.
 *
 * Raw HTML is resolved as a browser would read it together with the Markdown
 * around it (`<b>` … `</b>` around Markdown text, `<script>` … `</script>`
 * around a paragraph), sanitized with the one schema, and what remains becomes
 * Markdown nodes again: `<b>` a `strong`, `<a href>` a `link`, and elements
 * Markdown has no node for a `rawElement`. What the sanitizer removes is gone
 * with its content; each change is a warning at the HTML that caused it.
 */
export function sanitizeBody(body: Root, file: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  resolveRawHtml(body, { nonce: randomBytes(6).toString('hex'), file, diagnostics });
  applyLinkRule(body, file, diagnostics);
  return diagnostics;
}

interface RawState {
  /** Marks the places of Markdown nodes inside raw HTML; random, so statement text cannot forge one. */
  nonce: string;
  file: string;
  diagnostics: Diagnostic[];
}

/** Post-order: inner parents first, so a node restored into its parent is already clean. */
function resolveRawHtml(parent: Parents, state: RawState): void {
  for (const child of parent.children) if ('children' in child) resolveRawHtml(child, state);
  // A paragraph that held only removed HTML (`<script>…</script>` on a line of its own) is gone with it.
  const children = (parent.children as RootContent[]).filter((child) => child.type !== 'paragraph' || child.children.some((node) => node.type !== 'text' || node.value.trim()));
  parent.children = children as typeof parent.children;
  if (!children.some((child) => child.type === 'html')) return;
  const html = children.filter((child): child is Html => child.type === 'html');
  if (rawHtmlDepth(html) > MAX_RAW_HTML_DEPTH) {
    const reason = `raw HTML nests more than ${MAX_RAW_HTML_DEPTH} elements deep here: close the elements you open, or write it in Markdown`;
    state.diagnostics.push(diagnostic('error', 'nesting', reason, { file: state.file, line: html[0]?.position?.start.line, column: html[0]?.position?.start.column }));
    parent.children = children.filter((child) => child.type !== 'html') as typeof parent.children;
    return;
  }
  for (const node of html) warnIfChanged(node, state);
  const flow = !isPhrasingParent(parent);
  parent.children = resolveIsland(children, flow, state) as typeof parent.children;
}

/** Raw HTML parsed thousands of elements deep overflows the HTML parser's tree builder; real HTML in a statement stays shallow. */
const MAX_RAW_HTML_DEPTH = 32;

/** Elements that never hold others, and those the HTML parser closes by itself when the next one opens. */
const NOT_NESTING = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option']);

/** How deep the raw HTML of an island nests, counted from its tags alone (before parsing it). */
function rawHtmlDepth(html: readonly Html[]): number {
  let depth = 0;
  let deepest = 0;
  for (const node of html) {
    for (const [, close, name, selfClosing] of node.value.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(\/?)>/g)) {
      if (NOT_NESTING.has(name!.toLowerCase()) || selfClosing) continue;
      depth = close ? Math.max(0, depth - 1) : depth + 1;
      deepest = Math.max(deepest, depth);
    }
  }
  return deepest;
}

/** Parents whose children are inline: raw HTML among them is inline HTML. */
const PHRASING_PARENTS = new Set(['paragraph', 'heading', 'emphasis', 'strong', 'delete', 'link', 'linkReference', 'tableCell']);

function isPhrasingParent(parent: Parents): boolean {
  return PHRASING_PARENTS.has(parent.type);
}

const markerPattern = (nonce: string) => new RegExp(`\uE000${nonce}:(\\d+)\uE001`, 'g');

/** One parent's children, raw HTML and Markdown nodes together, parsed as HTML, sanitized, and turned back into Markdown nodes. */
function resolveIsland(children: readonly RootContent[], flow: boolean, state: RawState): RootContent[] {
  const place = children.find((child) => child.type === 'html')?.position;
  const hast: HastRoot = {
    type: 'root',
    children: children.map((child, index): HastContent => (child.type === 'html' ? { type: 'raw', value: child.value } : { type: 'text', value: `\uE000${state.nonce}:${index}\uE001` })) as HastContent[],
  };
  // Ids are prefixed once, by the HTML renderer's own sanitizing.
  const clean = sanitize(raw(hast), { ...htmlSchema, clobber: [] }) as HastRoot;
  const mapper = new IslandMapper(children, markerPattern(state.nonce), place);
  return flow ? mapper.flow(clean.children) : mapper.phrasing(clean.children);
}

const PHRASING_TAGS = new Set(['a', 'abbr', 'b', 'br', 'code', 'del', 'em', 'i', 'img', 'input', 'ins', 'kbd', 'q', 'rp', 'rt', 'ruby', 's', 'samp', 'span', 'strike', 'strong', 'sub', 'sup', 'tt', 'var']);

/** Sanitized HTML back to Markdown nodes, putting each Markdown node back where the HTML parser placed it. */
class IslandMapper {
  constructor(
    private readonly originals: readonly RootContent[],
    private readonly marker: RegExp,
    private readonly place: Position | undefined,
  ) {}

  /** Block content: loose inline content between blocks becomes a paragraph. */
  flow(nodes: readonly (HastContent | ElementContent)[]): RootContent[] {
    const out: RootContent[] = [];
    let run: PhrasingContent[] = [];
    const flush = () => {
      if (run.some((node) => node.type !== 'text' || node.value.trim())) out.push({ type: 'paragraph', children: trimRun(run), position: this.place });
      run = [];
    };
    for (const node of nodes) {
      if (node.type === 'text') {
        for (const piece of this.pieces(node.value)) {
          if (typeof piece === 'string') run.push(this.text(piece));
          else if (isPhrasing(piece)) run.push(piece as PhrasingContent);
          else {
            flush();
            out.push(piece);
          }
        }
      } else if (node.type === 'element' && PHRASING_TAGS.has(node.tagName)) {
        run.push(...this.phrasing([node]));
      } else if (node.type === 'element') {
        flush();
        out.push(this.block(node));
      }
    }
    flush();
    return out;
  }

  /** Inline content: a Markdown block found inside inline HTML keeps its words. */
  phrasing(nodes: readonly (HastContent | ElementContent)[]): PhrasingContent[] {
    const out: PhrasingContent[] = [];
    for (const node of nodes) {
      if (node.type === 'text') {
        for (const piece of this.pieces(node.value)) {
          if (typeof piece === 'string') out.push(this.text(piece));
          else if (isPhrasing(piece)) out.push(piece as PhrasingContent);
          else if (piece.type === 'paragraph' || piece.type === 'heading') out.push(...piece.children);
          else out.push({ type: 'text', value: toString(piece), position: piece.position });
        }
      } else if (node.type === 'element') {
        out.push(...this.inline(node));
      }
    }
    return out;
  }

  private inline(node: Element): PhrasingContent[] {
    const children = () => this.phrasing(node.children);
    const position = node.position ?? this.place;
    const { properties } = node;
    switch (node.tagName) {
      case 'b':
      case 'strong':
        return [{ type: 'strong', children: children(), position }];
      case 'i':
      case 'em':
        return [{ type: 'emphasis', children: children(), position }];
      case 'del':
      case 's':
      case 'strike':
        return [{ type: 'delete', children: children(), position }];
      case 'code':
        return [{ type: 'inlineCode', value: toString({ type: 'paragraph', children: children() }), position }];
      case 'br':
        return [{ type: 'break', position }];
      case 'a':
        return typeof properties.href === 'string'
          ? [{ type: 'link', url: properties.href, title: typeof properties.title === 'string' ? properties.title : null, children: children(), position }]
          : children();
      case 'img':
        if (typeof properties.src === 'string') return [{ type: 'image', url: properties.src, alt: typeof properties.alt === 'string' ? properties.alt : '', title: typeof properties.title === 'string' ? properties.title : null, position }];
        return typeof properties.alt === 'string' && properties.alt ? [this.text(properties.alt)] : [];
      default:
        return [this.element(node, children())];
    }
  }

  private block(node: Element): RootContent {
    const position = node.position ?? this.place;
    const heading = /^h([1-6])$/.exec(node.tagName);
    if (heading) return { type: 'heading', depth: Number(heading[1]) as 1 | 2 | 3 | 4 | 5 | 6, children: this.phrasing(node.children), position };
    switch (node.tagName) {
      case 'p':
        return { type: 'paragraph', children: trimRun(this.phrasing(node.children)), position };
      case 'blockquote':
        return { type: 'blockquote', children: this.flow(node.children) as BlockContent[], position };
      case 'hr':
        return { type: 'thematicBreak', position };
      case 'pre':
        return { type: 'code', value: toString({ type: 'paragraph', children: this.phrasing(node.children) }).replace(/\n$/, ''), position };
      case 'ul':
      case 'ol': {
        const items = node.children.filter((child): child is Element => child.type === 'element' && child.tagName === 'li');
        const start = typeof node.properties.start === 'number' ? node.properties.start : 1;
        return {
          type: 'list',
          ordered: node.tagName === 'ol',
          start: node.tagName === 'ol' ? start : null,
          spread: false,
          children: items.map((item) => ({ type: 'listItem', spread: false, children: this.flow(item.children) as BlockContent[], position: item.position ?? position })),
          position,
        };
      }
      default:
        return this.element(node, this.flow(node.children));
    }
  }

  private element(node: Element, children: RootContent[]): RawElement {
    return { type: 'rawElement', data: { hName: node.tagName, hProperties: node.properties }, children, position: node.position ?? this.place };
  }

  private text(value: string): PhrasingContent {
    return { type: 'text', value, position: this.place };
  }

  /** Split text at the markers into plain strings and the Markdown nodes the markers stand for. */
  private pieces(value: string): (string | RootContent)[] {
    const out: (string | RootContent)[] = [];
    let last = 0;
    for (const match of value.matchAll(this.marker)) {
      if (match.index > last) out.push(value.slice(last, match.index));
      const original = this.originals[Number(match[1])];
      if (original) out.push(original);
      last = match.index + match[0].length;
    }
    if (last < value.length) out.push(value.slice(last));
    return out;
  }
}

/** A paragraph made from HTML starts and ends with its words, not with the line breaks around them. */
function trimRun(run: PhrasingContent[]): PhrasingContent[] {
  const first = run[0];
  const last = run[run.length - 1];
  if (first?.type === 'text') first.value = first.value.replace(/^\s+/, '');
  if (last?.type === 'text') last.value = last.value.replace(/\s+$/, '');
  return run.filter((node) => node.type !== 'text' || node.value !== '');
}

/** Comments are the author's notes: removing them changes nothing a reader sees. */
function visibleHtml(tree: HastRoot): string {
  const strip = (nodes: HastContent[]): HastContent[] =>
    nodes.filter((node) => node.type !== 'comment').map((node) => (node.type === 'element' ? { ...node, children: strip(node.children as HastContent[]) as ElementContent[] } : node));
  return toHtml({ ...tree, children: strip(tree.children) });
}

/** Warn where the author's HTML will not appear as written. */
function warnIfChanged(node: Html, state: RawState): void {
  const parsed = raw({ type: 'root', children: [{ type: 'raw', value: node.value }] } as HastRoot) as HastRoot;
  if (visibleHtml(parsed) === visibleHtml(sanitize(parsed, htmlSchema) as HastRoot)) return;
  const snippet = node.value.length > 60 ? `${node.value.slice(0, 57)}…` : node.value;
  state.diagnostics.push(
    diagnostic(
      'warning',
      'links',
      `raw HTML \`${snippet.replace(/\s+/g, ' ')}\` is changed when published (scripts, styles, event handlers, iframes and javascript:/data: links are removed with their content): use Markdown instead`,
      { file: state.file, line: node.position?.start.line, column: node.position?.start.column },
    ),
  );
}

/**
 * One link rule for every output: each link, image and link definition keeps
 * its URL as a browser reads it when that URL is safe; otherwise a link keeps
 * only its text, an image only its alternative text, and the author is told.
 */
function applyLinkRule(body: Root, file: string, diagnostics: Diagnostic[]): void {
  const unsafeDefinitions = new Set<string>();
  const warn = (url: string, node: Nodes, what: string) => {
    const shown = url.length > 40 ? `${url.slice(0, 37)}…` : url;
    diagnostics.push(
      diagnostic('warning', 'links', `${what} \`${shown}\` is removed when published: use an http, https or mailto link`, {
        file,
        line: node.position?.start.line,
        column: node.position?.start.column,
      }),
    );
  };
  const definitions: Definition[] = [];
  collect(body, (node) => {
    if (node.type === 'definition') definitions.push(node);
  });
  for (const definition of definitions) {
    const url = safeUrl(definition.url);
    if (url === undefined) {
      unsafeDefinitions.add(definition.identifier);
      warn(definition.url, definition, 'link definition to');
    } else definition.url = url;
  }
  const rewrite = (parent: Parents): void => {
    const out: RootContent[] = [];
    for (const child of parent.children as RootContent[]) {
      if ('children' in child) rewrite(child);
      if (child.type === 'link') {
        const url = safeUrl(child.url);
        if (url === undefined) {
          warn(child.url, child, 'link to');
          out.push(...child.children);
          continue;
        }
        child.url = url;
      } else if (child.type === 'image') {
        const url = safeUrl(child.url, 'src');
        if (url === undefined) {
          warn(child.url, child, 'image at');
          if (child.alt) out.push({ type: 'text', value: child.alt, position: child.position });
          continue;
        }
        child.url = url;
      } else if (child.type === 'linkReference' && unsafeDefinitions.has(child.identifier)) {
        out.push(...child.children);
        continue;
      } else if (child.type === 'imageReference' && unsafeDefinitions.has(child.identifier)) {
        if (child.alt) out.push({ type: 'text', value: child.alt, position: child.position });
        continue;
      } else if (child.type === 'definition' && unsafeDefinitions.has(child.identifier)) {
        continue;
      }
      out.push(child);
    }
    parent.children = out as typeof parent.children;
  };
  rewrite(body);
}

function collect(parent: Parents, fn: (node: RootContent) => void): void {
  for (const child of parent.children as RootContent[]) {
    fn(child);
    if ('children' in child) collect(child, fn);
  }
}
