import type { Html, Root } from 'mdast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { LANGUAGES, type Statement } from '../model/statement.js';

const asIs = unified().use(remarkRehype, { allowDangerousHtml: true }).use(rehypeRaw).use(rehypeStringify);
const sanitized = unified().use(remarkRehype, { allowDangerousHtml: true }).use(rehypeRaw).use(rehypeSanitize).use(rehypeStringify);

function toHtml(processor: typeof asIs, node: Html): string {
  const tree: Root = { type: 'root', children: [node] };
  return processor.stringify(processor.runSync(tree));
}

/** Raw HTML that the sanitizer changes: the author should know their embed or markup will not appear as written. */
export function checkRawHtml(statement: Statement): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const lang of LANGUAGES) {
    const text = statement.text[lang];
    visit(text.body, 'html', (node: Html) => {
      const before = toHtml(asIs, node);
      const after = toHtml(sanitized, node);
      if (before === after) return;
      const snippet = node.value.length > 60 ? `${node.value.slice(0, 57)}…` : node.value;
      found.push(
        diagnostic(
          'warning',
          'raw-html',
          `raw HTML \`${snippet.replace(/\s+/g, ' ')}\` is changed when published (scripts, event handlers, iframes, styles and javascript:/data: links are removed): use Markdown instead`,
          { file: text.file, line: node.position?.start.line, column: node.position?.start.column },
        ),
      );
    });
  }
  return found;
}
