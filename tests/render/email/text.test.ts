import { describe, expect, it } from 'vitest';
import { bodyToText, createTextState, linkList, wrap } from '../../../src/render/email/text.js';
import { loadBody } from '../../helpers/markdown.js';

const t = ((key: string, options?: { alt?: string }) => (key === 'email:image' ? `Image: ${options?.alt}` : key.replace('email:', ''))) as never;

function toText(markdown: string, width?: number): string {
  const tree = loadBody(markdown);
  const state = createTextState(t, 'https://example.org/s/en.html');
  return [...bodyToText(tree, state, width), '', ...linkList(state)].join('\n');
}

describe('wrap', () => {
  it('fills words up to the width', () => {
    expect(wrap('aa bb cc dd', 5)).toEqual(['aa bb', 'cc dd']);
  });
  it('gives a word longer than the width a line of its own, unbroken', () => {
    expect(wrap('see https://example.org/a/very/long/path now', 10)).toEqual(['see', 'https://example.org/a/very/long/path', 'now']);
  });
  it('keeps hard breaks', () => {
    expect(wrap('one\ntwo', 72)).toEqual(['one', 'two']);
  });
});

describe('bodyToText', () => {
  it('lists links as numbered references, a repeated link once, relative ones made absolute', () => {
    const text = toText('A [first](https://a.example/) and [again](https://a.example/) and [rel](../other.html).');
    expect(text).toContain('A first [1] and again [1] and rel [2].');
    expect(text).toContain('[1] https://a.example/');
    expect(text).toContain('[2] https://example.org/other.html');
  });
  it('does not number an autolink, which shows its address already', () => {
    expect(toText('See <https://b.example/x>.')).toBe('See https://b.example/x.\n');
  });
  it('wraps paragraphs near 72 columns', () => {
    const lines = toText('word '.repeat(60)).split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(72);
  });
  it('indents nested lists under their marker', () => {
    expect(toText('1. one\n2. two\n   - a\n   - b')).toBe('1. one\n2. two\n   - a\n   - b\n');
  });
  it('aligns table columns and right-aligns numbers', () => {
    expect(toText('| A | Number |\n|---|---:|\n| x | 5 |')).toBe('A   | Number\n----+-------\nx   |      5\n');
  });
  it('quotes blockquotes and lists footnotes after the body', () => {
    const text = toText('> quoted\n\nText[^n].\n\n[^n]: The note.');
    expect(text).toContain('> quoted');
    expect(text).toContain('Text[^1].');
    expect(text).toMatch(/notes\n-----\n\[\^1\] The note\./);
  });
  it('shows raw HTML as the sanitized text a page shows: no tags, nothing the sanitizer removed', () => {
    expect(toText('A <b>bold</b> word.\n\n<div>block</div>')).toBe('A *bold* word.\n\nblock\n');
    expect(toText("Inline <script>alert('x')</script> and <style>.x{color:red}</style> gone.")).toBe('Inline and gone.\n');
  });
  it('lists only links that are safe to publish', () => {
    const text = toText('[a](javascript:alert(1)) [b](data:text/html,x) [c](vbscript:x) [d](file:///etc/passwd) [e](java&#x09;script:alert(2)) [f][evil]\n\n[evil]: javascript:alert(3)');
    expect(text).toBe('a b c d e f\n');
  });
});
