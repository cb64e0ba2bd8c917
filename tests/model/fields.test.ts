import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { cellOf, oneLineOf, paragraphOf, webUrl } from '../../src/model/fields.js';

function messages(schema: z.ZodType, value: unknown): string[] {
  return schema.safeParse(value).error?.issues.map((issue) => issue.message) ?? [];
}

describe('oneLineOf', () => {
  const title = oneLineOf(20);

  it('accepts one line, trimmed', () => {
    expect(title.parse('  Rivers now  ')).toBe('Rivers now');
  });

  it('refuses every kind of line break, a word processor’s included', () => {
    for (const text of ['a\nb', 'a\r\nb', 'a\u2028b', 'a\u2029b', 'a\u0085b']) expect(messages(title, text), JSON.stringify(text)).toEqual(['must be on one line: remove the line break']);
  });

  it('calls a control character by its name and code point, with where it is', () => {
    expect(messages(title, 'Riv\0ers')).toEqual(['contains a NUL character (U+0000) at character 4: delete it (most editors do not show it; retype the text around it)']);
    expect(messages(title, '\u001b[2JRivers')[0]).toMatch(/^contains an escape character \(U\+001B\) at character 1/);
    expect(messages(title, 'Rivers\u0007')[0]).toMatch(/^contains a control character \(U\+0007\) at character 7/);
    expect(messages(title, 'Rivers\u009b')[0]).toMatch(/^contains a control character \(U\+009B\) at character 7/);
  });

  it('allows a tab and any printable character', () => {
    expect(title.parse('Ríos\tRivers 河流 🌊')).toBe('Ríos\tRivers 河流 🌊');
  });

  it('says how long a value is and how long it may be', () => {
    expect(title.parse('a'.repeat(20))).toHaveLength(20);
    expect(messages(title, 'a'.repeat(21))).toEqual(['is 21 characters long; at most 20 are allowed: shorten it']);
  });
});

describe('paragraphOf and cellOf', () => {
  it('count the length once whitespace runs are one space', () => {
    expect(paragraphOf(12).parse('Two   lines\n  of')).toBe('Two lines of');
    expect(messages(paragraphOf(11), 'Two   lines\n  of')).toEqual(['is 12 characters long; at most 11 are allowed: shorten it']);
    expect(cellOf(9).parse('Ana\r\n   Pérez ')).toBe('Ana Pérez');
    expect(messages(cellOf(8), 'Ana\r\n   Pérez ')).toEqual(['is 9 characters long; at most 8 are allowed: shorten it']);
  });

  it('refuse control characters that are not whitespace', () => {
    expect(messages(cellOf(50), 'Red\u0000Andina')[0]).toMatch(/^contains a NUL character \(U\+0000\) at character 4/);
    expect(messages(paragraphOf(50), 'A summary\u001b]0;title\u0007')[0]).toMatch(/^contains an escape character \(U\+001B\) at character 10/);
  });
});

describe('webUrl', () => {
  it('accepts http and https addresses as written', () => {
    expect(webUrl.parse(' https://example.org/a?b=c ')).toBe('https://example.org/a?b=c');
  });

  it('refuses a space or a line break that the URL parser would quietly drop or encode', () => {
    for (const value of ['https://example.org/un subscribe', 'https://example.org/u\nBcc: x@example.org', 'https://example.org/\tu']) {
      expect(messages(webUrl, value), JSON.stringify(value)).toContain('must be one web address, without spaces or line breaks (write a space as %20)');
    }
  });

  it('refuses other schemes', () => {
    expect(messages(webUrl, 'javascript:alert(1)')).toEqual(['must be a full http:// or https:// address']);
  });
});
