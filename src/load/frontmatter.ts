import { diagnostic } from '../model/diagnostic.js';
import { frontMatterSchema, type FrontMatter } from '../model/statement.js';
import type { ParsedMarkdown } from './markdown.js';
import { parseYaml, type ValidatedYaml } from './yaml.js';

const FIELD_HINTS: Record<string, string> = {
  title: 'add `title: "…"` to the front matter',
  date: 'add `date: YYYY-MM-DD` (the release date) to the front matter of en.md',
  contacts: 'write `contacts:` and under it one `- name: …` line per contact, with `organization:`, `email:` and `phone:` indented below it',
  'translated-from': 'delete the `translated-from:` line and run `statements stamp` again (it writes that line; do not edit it by hand)',
  pdf: 'write `pdf:` and under it `layout: parallel` or `layout: sequential`, indented',
};

const TERMS = {
  rule: 'front-matter',
  document: 'the front matter',
  hint: (path: readonly PropertyKey[]) => FIELD_HINTS[String(path[0])] ?? 'add it to the front matter',
};

/** Validate a Markdown file's front matter; `requireDate` is set for the original (en.md). */
export function loadFrontMatter(file: string, text: string, markdown: ParsedMarkdown, requireDate: boolean): ValidatedYaml<FrontMatter> {
  if (!markdown.frontMatter) {
    const unclosed = /^---[ \t]*\r?\n/.test(text);
    const reason = unclosed
      ? 'the front matter is not closed: add a line `---` after its last field'
      : 'missing front matter: start the file with a line `---`, the fields (`title: …`), and another `---`';
    return { ok: false, diagnostics: [diagnostic('error', 'front-matter', reason, { file, line: 1, column: 1 })] };
  }
  const source = { file, text: markdown.frontMatter.text, firstLine: markdown.frontMatter.firstLine };
  const result = parseYaml(source, frontMatterSchema, TERMS);
  if (result.ok && requireDate && result.value.date === undefined) {
    const at = { file, line: source.firstLine - 1, column: 1 };
    return { ok: false, diagnostics: [...result.diagnostics, diagnostic('error', 'front-matter', `missing required field \`date\`: ${FIELD_HINTS.date}`, at)] };
  }
  return result;
}
