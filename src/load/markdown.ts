import type { Root, Yaml } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);

export interface ParsedMarkdown {
  /** The YAML between the `---` fences, and the file line it starts on; absent when the file has none. */
  frontMatter?: { text: string; firstLine: number };
  /** The body as mdast, front matter removed, positions still pointing into the file. */
  body: Root;
}

/** CommonMark + GFM (tables, footnotes, strikethrough, autolinks) with YAML front matter. */
export function parseMarkdown(text: string): ParsedMarkdown {
  const tree = parser.runSync(parser.parse(text)) as Root;
  const first = tree.children[0];
  if (first?.type !== 'yaml') return { body: tree };
  const yaml = first as Yaml;
  return {
    frontMatter: { text: yaml.value, firstLine: (yaml.position?.start.line ?? 1) + 1 },
    body: { ...tree, children: tree.children.slice(1) },
  };
}
