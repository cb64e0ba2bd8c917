import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Nodes } from 'mdast';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/load/markdown.js';
import { inlineTooCostly, MAX_NESTING, tooDeeplyNested, treeTooDeep } from '../../src/load/nesting.js';
import { FIXTURES, PROJECT_ROOT } from '../helpers/cli.js';

const CONTAINERS = new Set(['blockquote', 'list', 'footnoteDefinition']);

/** The deepest nesting of quotes, lists and footnote definitions in a parsed tree (a test oracle; iterative). */
function deepestContainer(markdown: string): number {
  let deepest = 0;
  const stack: [Nodes, number][] = [[parseMarkdown(markdown).body, 0]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [node, depth] = next;
    const here = depth + (CONTAINERS.has(node.type) ? 1 : 0);
    deepest = Math.max(deepest, here);
    if ('children' in node) for (const child of node.children) stack.push([child, here]);
  }
  return deepest;
}

/** A list nested `levels` deep, each level indented by `indent` spaces. */
function nestedList(levels: number, indent = 2): string {
  return Array.from({ length: levels }, (_, level) => `${' '.repeat(level * indent)}- level ${level + 1}`).join('\n') + '\n';
}

describe('tooDeeplyNested', () => {
  it('allows ten levels, quotes and lists counted together', () => {
    expect(MAX_NESTING).toBe(10);
    expect(tooDeeplyNested(nestedList(10))).toBeUndefined();
    expect(tooDeeplyNested(nestedList(10, 4))).toBeUndefined();
    expect(tooDeeplyNested('> - > - > - > - > - quoted\n')).toBeUndefined();
  });

  it('points at the container that goes one level deeper', () => {
    expect(tooDeeplyNested(nestedList(11))).toEqual({ line: 11, column: 21 });
    expect(tooDeeplyNested(nestedList(11, 4))).toEqual({ line: 11, column: 41 });
    expect(tooDeeplyNested('Intro.\n\n> - > - > - > - > - > too deep\n')).toEqual({ line: 3, column: 21 });
    expect(tooDeeplyNested('[^a]: '.repeat(11) + 'note\n')).toEqual({ line: 1, column: 61 });
  });

  it('finds a block quote nested 10,000 deep and a list nested 1,000 deep without the parser walking them', () => {
    const frontMatter = '---\ntitle: Deep\n---\n';
    expect(tooDeeplyNested(`${frontMatter}${'>'.repeat(10_000)} quoted\n`)).toEqual({ line: 4, column: 11 });
    expect(tooDeeplyNested(`${frontMatter}${'> '.repeat(10_000)}quoted\n`)).toEqual({ line: 4, column: 21 });
    expect(tooDeeplyNested(`${frontMatter}${nestedList(1000)}`)).toEqual({ line: 14, column: 21 });
    expect(tooDeeplyNested(`${frontMatter}${'- '.repeat(5000)}item\n`)).toEqual({ line: 4, column: 21 });
    // Old Mac line ends are line ends too.
    expect(tooDeeplyNested(nestedList(1000).replaceAll('\n', '\r'))).toEqual({ line: 11, column: 21 });
  });

  it('does not count markers inside code, or a thematic break made of dashes', () => {
    expect(tooDeeplyNested(`Reply:\n\n\`\`\`\n${'> '.repeat(20)}quoted mail\n\`\`\`\n`)).toBeUndefined();
    expect(tooDeeplyNested(`Data:\n\n${' '.repeat(40)}- indented code\n`)).toBeUndefined();
    expect(tooDeeplyNested('- - - - - - - - - - - - - -\n')).toBeUndefined();
  });

  it('agrees with the parsed tree on every sample and fixture statement, at every limit', () => {
    const files = [path.join(PROJECT_ROOT, 'statements'), path.join(FIXTURES, 'complete-statement'), path.join(FIXTURES, 'hostile-input')].flatMap((dir) =>
      readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.md')).map((name) => path.join(dir, name)),
    );
    const generated = [nestedList(6), nestedList(7, 4), '> > - 1. > x\n>   more\n', '- a\n\n  > b\n  > - c\n\n    text\n'];
    const texts = [...files.map((file) => readFileSync(file, 'utf8')), ...generated];
    expect(files.length).toBeGreaterThan(2);
    for (const text of texts) {
      const deepest = deepestContainer(text);
      for (let limit = 0; limit <= deepest + 1; limit++) expect(tooDeeplyNested(text, limit) !== undefined, `limit ${limit} in\n${text.slice(0, 200)}`).toBe(deepest > limit);
    }
  });
});

describe('inlineTooCostly', () => {
  const nested = (open: string, close: string, depth: number) => `${open.repeat(depth)}x${close.repeat(depth)}`;

  it('refuses emphasis, strikethrough and links nested thousands deep, at the closer that tips it', () => {
    expect(inlineTooCostly(`Intro.\n\n${nested('*a ', ' a*', 3000)}\n`)).toMatchObject({ line: 3 });
    expect(inlineTooCostly(nested('~~a ', ' a~~', 3000))).toBeDefined();
    expect(inlineTooCostly(nested('[a ', '](https://example.org/)', 3000))).toBeDefined();
    expect(inlineTooCostly(nested('*', '*', 5000))).toBeDefined();
  });

  it('lets through what real statements hold: much emphasis in a row, stars in code, a new paragraph resetting the count', () => {
    expect(inlineTooCostly('Some *stressed* words and **strong** ones, [links](https://example.org/) too. '.repeat(20_000))).toBeUndefined();
    expect(inlineTooCostly(`\`\`\`\n${nested('*a ', ' a*', 3000)}\n\`\`\`\n`)).toBeUndefined();
    expect(inlineTooCostly(Array.from({ length: 20 }, () => nested('*a ', ' a*', 300)).join('\n\n'))).toBeUndefined();
  });
});

describe('treeTooDeep', () => {
  it('finds the first node past the depth limit, or quotes and lists past theirs, without recursion', () => {
    expect(treeTooDeep(parseMarkdown(`${'*a '.repeat(70)}x${' a*'.repeat(70)}\n`).body)).toMatchObject({ kind: 'tree' });
    expect(treeTooDeep(parseMarkdown(`${'*a '.repeat(40)}x${' a*'.repeat(40)}\n`).body)).toBeUndefined();
    expect(treeTooDeep(parseMarkdown(nestedList(MAX_NESTING + 1)).body)).toMatchObject({ kind: 'containers', node: { type: 'list' } });
  });
});
