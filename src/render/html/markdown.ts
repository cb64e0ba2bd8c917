import type { Element, Root as HastRoot } from 'hast';
import type { Root } from 'mdast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { Lang } from '../../model/statement.js';
import type { Translate } from '../../i18n/index.js';

const CLOBBER_PREFIX = defaultSchema.clobberPrefix ?? 'user-content-';

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

/**
 * Statement body (mdast) to HTML. Raw HTML in the Markdown is parsed and
 * then sanitized with GitHub's schema, last, so no script, event handler,
 * iframe or non-http(s)/mailto URL reaches the page.
 */
export function bodyToHtml(body: Root, lang: Lang, t: Translate): string {
  const processor = unified()
    .use(remarkRehype, {
      allowDangerousHtml: true,
      clobberPrefix: `${lang}-`,
      footnoteLabel: t('footnotes.label'),
      footnoteBackLabel: (referenceIndex: number, rereferenceIndex: number) =>
        t('footnotes.backLabel', { reference: rereferenceIndex > 1 ? `${referenceIndex + 1}-${rereferenceIndex}` : referenceIndex + 1 }),
    })
    .use(prefixFootnoteLabel, { prefix: `${lang}-` })
    .use(rehypeRaw)
    .use(rehypeSanitize)
    .use(relinkFragments)
    .use(wrapTables, { label: t('table.label') })
    .use(rehypeStringify);
  // to-hast copies what it needs, so the shared model tree is never changed.
  const hast = processor.runSync(body);
  return processor.stringify(hast);
}
