import type { Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/load/markdown.js';
import { sanitizeBody } from '../../src/load/sanitize.js';
import { formatDiagnostic } from '../../src/model/diagnostic.js';
import { fixtureStatement } from '../helpers/context.js';

function load(markdown: string): { body: Root; messages: string[] } {
  const { body } = parseMarkdown(markdown);
  const messages = sanitizeBody(body, 'en.md').map(formatDiagnostic);
  return { body, messages };
}

function nodesOf(tree: Root, type: Nodes['type']): Nodes[] {
  const found: Nodes[] = [];
  visit(tree, type, (node: Nodes) => {
    found.push(node);
  });
  return found;
}

describe('sanitizeBody', () => {
  it('leaves no raw HTML in the tree, and nothing of what the sanitizer removes', () => {
    const { body } = load("Inline <script>alert('x')</script> and <style>.x{color:red}</style> text.\n\n<style>\np { display: none }\n</style>\n\n<script>\nalert('block')\n</script>\n");
    expect(nodesOf(body, 'html')).toEqual([]);
    expect(toString(body)).toBe('Inline  and  text.');
  });

  it('turns kept HTML into Markdown nodes, with the Markdown written inside it restored in place', () => {
    const { body, messages } = load('A <b>bold *and* strong</b> claim, CO<sub>2</sub>, <a href="https://example.org/" title="t">a link</a>.\n\n<div align="center">\n\nA *centred* paragraph.\n\n</div>\n');
    expect(messages).toEqual([]);
    const [paragraph, div] = body.children;
    expect(paragraph).toMatchObject({ type: 'paragraph', children: [{ value: 'A ' }, { type: 'strong', children: [{ value: 'bold ' }, { type: 'emphasis' }, { value: ' strong' }] }, { value: ' claim, CO' }, { type: 'rawElement', data: { hName: 'sub' } }, { value: ', ' }, { type: 'link', url: 'https://example.org/', title: 't' }, { value: '.' }] });
    expect(div).toMatchObject({ type: 'rawElement', data: { hName: 'div', hProperties: { align: 'center' } }, children: [{ type: 'paragraph', position: { start: { line: 5, column: 1 } } }] });
  });

  it('keeps the source position of Markdown text inside raw HTML', () => {
    const { body } = load('Intro <b>bold words</b>.\n');
    const text = nodesOf(body, 'text').find((node) => toString(node) === 'bold words');
    expect(text?.position?.start).toMatchObject({ line: 1, column: 10 });
  });

  it('warns at each piece of raw HTML that is changed, not at comments', () => {
    const { messages } = load('Text <span onclick="x()">click</span>.\n\n<!-- a note for translators -->\n\n<iframe src="https://example.org/"></iframe>\n');
    expect(messages).toEqual([
      expect.stringMatching(/^en\.md:1:6: warning: raw HTML `<span onclick="x\(\)">` is changed when published .*\[links\]$/),
      expect.stringMatching(/^en\.md:5:1: warning: raw HTML `<iframe src="https:\/\/example\.org\/"><\/iframe>` is changed/),
    ]);
  });

  it('applies one link rule: unsafe links keep their text, unsafe images their alternative text, with a warning each', () => {
    const { body, messages } = load(
      '[tab](java&#x09;script:alert(1)) [entity](&#106;avascript:alert(2)) [vb](vbscript:msgbox(1)) [file](file:///etc/passwd) [tel](tel:+15550100) ![pic](data:image/png;base64,AAAA) [ref][evil] [ok](https://example.org/) [mail](mailto:a@example.org) [rel](briefs/a.pdf)\n\n[evil]: javascript:alert(3)\n',
    );
    expect(nodesOf(body, 'link').map((node) => (node as { url: string }).url)).toEqual(['https://example.org/', 'mailto:a@example.org', 'briefs/a.pdf']);
    expect(nodesOf(body, 'image')).toEqual([]);
    expect(nodesOf(body, 'definition')).toEqual([]);
    expect(toString(body)).toBe('tab entity vb file tel pic ref ok mail rel');
    expect(messages).toEqual([
      'en.md:3:1: warning: link definition to `javascript:alert(3)` is removed when published: use an http, https or mailto link [links]',
      'en.md:1:1: warning: link to `java\tscript:alert(1)` is removed when published: use an http, https or mailto link [links]',
      expect.stringMatching(/^en\.md:1:34: warning: link to `javascript:alert\(2\)`/),
      expect.stringMatching(/^en\.md:1:69: warning: link to `vbscript:msgbox\(1\)`/),
      expect.stringMatching(/^en\.md:1:94: warning: link to `file:\/\/\/etc\/passwd`/),
      expect.stringMatching(/^en\.md:1:121: warning: link to `tel:\+15550100`/),
      expect.stringMatching(/^en\.md:1:142: warning: image at `data:image\/png;base64,AAAA`/),
    ]);
  });

  it('stores a URL as a browser reads it, so every output sees the same link', () => {
    const { body } = load('[site](<ht\ttps://example.org/a>)\n');
    expect(nodesOf(body, 'link')).toMatchObject([{ url: 'https://example.org/a' }]);
  });

  it('cannot be fooled into restoring text that looks like its own place markers', () => {
    const { body } = load('Text \uE000abc:0\uE001 <b>x</b>\n');
    expect(toString(body)).toBe('Text \uE000abc:0\uE001 x');
  });

  it('reports the hostile fixture at every place its HTML or links change', async () => {
    const { diagnostics } = await import('../../src/load/statement.js').then(({ loadStatement }) => loadStatement('tests/fixtures', 'hostile-input'));
    const messages = diagnostics.map(formatDiagnostic);
    expect(messages).toContainEqual(expect.stringMatching(/^tests\/fixtures\/hostile-input\/en\.md:14:11: warning: raw HTML `<script>` is changed when published .*\[links\]$/));
    expect(messages).toContainEqual(expect.stringMatching(/^tests\/fixtures\/hostile-input\/en\.md:16:1: warning: raw HTML `<img src="https:\/\/example\.org\/x\.png" onerror=/));
    expect(messages).toContainEqual(expect.stringMatching(/^tests\/fixtures\/hostile-input\/en\.md:18:118: warning: raw HTML `<a href="JaVaScRiPt:alert\(1\)">`/));
    expect(messages).toContainEqual(expect.stringMatching(/^tests\/fixtures\/hostile-input\/en\.md:20:1: warning: raw HTML `<iframe/));
    expect(messages).toContainEqual(expect.stringMatching(/^tests\/fixtures\/hostile-input\/es\.md:5:12: warning: raw HTML `<script>/));
    expect(messages).toContainEqual("tests/fixtures/hostile-input/en.md:18:1: warning: link to `javascript:window.pwned='body-link'` is removed when published: use an http, https or mailto link [links]");
    expect(messages).toContainEqual("tests/fixtures/hostile-input/es.md:7:1: warning: link to `javascript:window.pwned='es-link'` is removed when published: use an http, https or mailto link [links]");
    const statement = await fixtureStatement('hostile-input');
    for (const text of Object.values(statement.text)) {
      expect(toString(text.body)).not.toMatch(/pwned|alert|display: none/);
      expect(nodesOf(text.body, 'html')).toEqual([]);
    }
  });
});
