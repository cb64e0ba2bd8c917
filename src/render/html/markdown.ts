import type { Element, Root as HastRoot } from 'hast';
import type { Root } from 'mdast';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { Lang } from '../../model/statement.js';
import type { Translate } from '../../i18n/index.js';
import { htmlSchema } from '../../model/html.js';

const CLOBBER_PREFIX = htmlSchema.clobberPrefix ?? 'user-content-';

/** Sanitizing prefixes every id; point in-page links (footnotes) at the prefixed ids. */
function relinkFragments() {
  return (tree: HastRoot) => {
    visit(tree, 'element', (node: Element) => {
      const href = node.properties.href;
      if (node.tagName === 'a' && typeof href === 'string' && href.startsWith('#') && !href.startsWith(`#${CLOBBER_PREFIX}`)) {
        node.properties.href = `#${CLOBBER_PREFIX}${href.slice(1)}`;
      }
    });
  };
}

/** mdast-util-to-hast names the footnote heading `footnote-label` whatever the prefix; make it unique per language. */
function prefixFootnoteLabel(options: { prefix: string }) {
  const label = 'footnote-label';
  return (tree: HastRoot) => {
    visit(tree, 'element', (node: Element) => {
      if (node.properties.id === label) node.properties.id = `${options.prefix}${label}`;
      const describedBy = node.properties.ariaDescribedBy;
      if (Array.isArray(describedBy)) node.properties.ariaDescribedBy = describedBy.map((id) => (id === label ? `${options.prefix}${label}` : id));
    });
  };
}

/** A wide table scrolls inside its own focusable box, so a phone never scrolls the page sideways. */
function wrapTables(options: { label: string }) {
  return (tree: HastRoot) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'table' || !parent || index === undefined) return;
      parent.children[index] = {
        type: 'element',
        tagName: 'div',
        properties: { className: ['table-scroll'], tabIndex: 0, role: 'region', ariaLabel: options.label },
        children: [node],
      };
    });
  };
}

/** Relative links and images point at the web version, so they work from a mail client; in-page `#` links stay. */
function absoluteUrls(options: { base: string }) {
  return (tree: HastRoot) => {
    visit(tree, 'element', (node: Element) => {
      for (const key of ['href', 'src'] as const) {
        const value = node.properties[key];
        if (typeof value !== 'string' || value.startsWith('#')) continue;
        try {
          node.properties[key] = new URL(value, options.base).href;
        } catch {
          // Not a URL relative to anything: the sanitized value stays as it is.
        }
      }
    });
  };
}

export interface BodyHtmlOptions {
  /** Make relative links absolute against this URL (the email's web version). */
  baseUrl?: string;
  /** A last step on the finished tree; it may add only trusted attributes (the email's inlined styles). */
  transform?: (tree: HastRoot) => void;
}

/**
 * Statement body (mdast, already sanitized by the loader) to HTML. The
 * finished tree is sanitized again with the same schema, last but for steps
 * that add only trusted attributes, so nothing unsafe reaches a page even if
 * a renderer step went wrong.
 */
export function bodyToHtml(body: Root, lang: Lang, t: Translate, options: BodyHtmlOptions = {}): string {
  const processor = unified()
    .use(remarkRehype, {
      clobberPrefix: `${lang}-`,
      footnoteLabel: t('footnotes.label'),
      footnoteBackLabel: (referenceIndex: number, rereferenceIndex: number) =>
        t('footnotes.backLabel', { reference: rereferenceIndex > 1 ? `${referenceIndex + 1}-${rereferenceIndex}` : referenceIndex + 1 }),
    })
    .use(prefixFootnoteLabel, { prefix: `${lang}-` })
    .use(rehypeSanitize, htmlSchema)
    .use(relinkFragments)
    .use(wrapTables, { label: t('table.label') });
  if (options.baseUrl) processor.use(absoluteUrls, { base: options.baseUrl });
  if (options.transform) processor.use(() => options.transform);
  const stringify = processor.use(rehypeStringify);
  // to-hast copies what it needs, so the shared model tree is never changed.
  return stringify.stringify(stringify.runSync(body));
}
