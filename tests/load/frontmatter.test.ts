import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/model/diagnostic.js';
import { loadFrontMatter } from '../../src/load/frontmatter.js';
import { parseMarkdown } from '../../src/load/markdown.js';

function load(text: string, requireDate = true) {
  return loadFrontMatter('statements/x/en.md', text, parseMarkdown(text), requireDate);
}

function errors(text: string, requireDate = true): string[] {
  const result = load(text, requireDate);
  expect(result.ok).toBe(false);
  return result.diagnostics.map(formatDiagnostic);
}

describe('front matter', () => {
  it('reads every documented field', () => {
    const result = load(`---
title: "Título"
subtitle: Sub
summary: >
  Two lines
  of summary.
date: 2017-12-04
dateline: Puerto Vallarta, México
embargo: 2017-12-04T10:00:00-06:00
timezone: America/Mexico_City
contacts:
  - name: Ana
    organization: Org
    email: ana@example.org
    phone: "+52 322 555 0101"
pdf:
  layout: sequential
---
Body.
`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      title: 'Título',
      summary: 'Two lines of summary.',
      date: '2017-12-04',
      dateline: 'Puerto Vallarta, México',
      embargo: '2017-12-04T10:00:00-06:00',
      contacts: [{ name: 'Ana', organization: 'Org', email: 'ana@example.org' }],
      pdf: { layout: 'sequential' },
    });
    expect(result.lineOf(['contacts', 0, 'email'])).toBe(14);
  });

  describe('places a character of a value where it was written (where glyph errors in a title point)', () => {
    /** Where the first "አ" of the title is, as the PDF's glyph error reports it: through `columns` when set, else counted from the value's start. */
    function placeOfA(titleLines: string): { line: number; column: number } {
      const result = load(`---\n${titleLines}\ndate: 2026-01-01\n---\n`);
      if (!result.ok) throw new Error(result.diagnostics.map(formatDiagnostic).join('\n'));
      const place = result.placeOf(['title']);
      const offset = result.value.title.indexOf('አ');
      return { line: place.line, column: place.columns?.[offset] ?? place.column + offset };
    }

    it.each([
      ['plain', 'title: Addis አዲስ', { line: 2, column: 14 }],
      ['double-quoted', 'title: "Addis አዲስ"', { line: 2, column: 15 }],
      ["single-quoted, with a quote written ''", "title: 'It''s Addis አዲስ'", { line: 2, column: 21 }],
      ['double-quoted, with \\u escapes', 'title: "\\u00e9t\\u00e9 አዲስ"', { line: 2, column: 23 }],
      ['double-quoted, with \\" and an escape for a character beyond U+FFFF', 'title: "\\"\\U0001F30A\\" አዲስ"', { line: 2, column: 24 }],
      ['a folded block scalar, on the line of its text', 'title: >-\n  Addis አዲስ', { line: 3, column: 9 }],
      ['a literal block scalar with an indentation indicator', 'title: |2-\n    Addis አዲስ', { line: 3, column: 11 }],
      ['a quoted value with spaces the field trims', 'title: "  Addis አዲስ"', { line: 2, column: 17 }],
    ])('%s', (_name, titleLines, expected) => {
      expect(placeOfA(titleLines)).toEqual(expected);
    });

    it('points at the start of a value folded from several lines rather than at a wrong column', () => {
      expect(placeOfA('title: >-\n  Addis\n  አዲስ')).toEqual({ line: 3, column: 3 });
      expect(placeOfA('title: Addis\n  አዲስ')).toEqual({ line: 2, column: 8 });
      expect(placeOfA('title: "Addis\n  አዲስ"')).toEqual({ line: 2, column: 9 });
    });
  });

  it('reports a file without front matter at line 1', () => {
    expect(errors('Just a body.\n')).toEqual([
      expect.stringMatching(/^statements\/x\/en\.md:1:1: error: missing front matter: start the file with a line `---`/),
    ]);
  });

  it('reports front matter that is never closed', () => {
    expect(errors('---\ntitle: x\n\nBody\n')[0]).toMatch(/en\.md:1:1: error: the front matter is not closed: add a line `---`/);
  });

  it('names the line of a missing required field and says what to add', () => {
    expect(errors('---\ndate: 2017-12-04\n---\nBody\n')[0]).toMatch(/en\.md:2:1: error: missing required field `title`: add `title: "…"`/);
  });

  it('requires the date only in the original', () => {
    expect(errors('---\ntitle: T\n---\n')[0]).toMatch(/en\.md:1:1: error: missing required field `date`: add `date: YYYY-MM-DD`/);
    expect(load('---\ntitle: T\n---\n', false).ok).toBe(true);
  });

  it('points at the line and column of an invalid value', () => {
    expect(errors('---\ntitle: T\ndate: 04/12/2017\n---\n')).toEqual([expect.stringMatching(/en\.md:3:7: error: `date` must be a date written YYYY-MM-DD/)]);
    expect(errors('---\ntitle: T\ndate: 2017-02-30\n---\n')[0]).toMatch(/en\.md:3:7: error: `date` is not a real calendar date/);
    expect(errors('---\ntitle: T\ndate: 2017-12-04\nembargo: tomorrow\n---\n')[0]).toMatch(/en\.md:4:10: error: `embargo` must be an ISO 8601 date-time with a time zone offset/);
  });

  it('points at a mistyped field name', () => {
    expect(errors('---\ntitle: T\ndate: 2017-12-04\ntitel: X\n---\n')[0]).toMatch(/en\.md:4:1: error: unknown field `titel`: check the spelling/);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(errors('---\ntitle: T\ndate: 2017-12-04\ncontacts: [unclosed\n---\n')[0]).toMatch(/en\.md:\d+:\d+: error: invalid YAML: .*\[front-matter\]/);
    expect(errors('---\ntitle: "a": b\n---\n')[0]).toMatch(/en\.md:2:\d+: error: invalid YAML/);
  });

  it('rejects a title that spans lines', () => {
    expect(errors('---\ntitle: |\n  Line one\n  Line two\ndate: 2017-12-04\n---\n')[0]).toMatch(/en\.md:2:8: error: `title` must be on one line/);
  });

  it('rejects contact emails that could smuggle a second address', () => {
    const text = '---\ntitle: T\ndate: 2017-12-04\ncontacts:\n  - name: A\n    email: "a@example.org, b@example.org"\n---\n';
    expect(errors(text)[0]).toMatch(/en\.md:6:12: error: `contacts.0.email` must be one email address/);
  });

  it('says what type a field must be and what YAML read instead, not that it is missing', () => {
    expect(errors('---\ntitle: 42\ndate: 2026-01-01\n---\n')).toEqual([
      'statements/x/en.md:2:8: error: `title` must be text, but YAML reads 42 as a number: put it in quotes, `title: "42"` [front-matter]',
    ]);
    expect(errors('---\ntitle: T\ndate: 20260101\n---\n')).toEqual([
      'statements/x/en.md:3:7: error: `date` must be a date written YYYY-MM-DD, e.g. 2026-12-04 (YAML reads 20260101 as a number) [front-matter]',
    ]);
    expect(errors('---\ntitle: T\ndate: 2026-01-01\ncontacts: Jane\n---\n')).toEqual([
      expect.stringMatching(/^statements\/x\/en\.md:4:11: error: `contacts` must be a list \(one `- ` line per item\), not text \(Jane\): write `contacts:` and under it one `- name: …` line per contact/),
    ]);
    expect(errors('---\ntitle: true\ndate: 2026-01-01\n---\n')[0]).toMatch(/`title` must be text, but YAML reads true as a yes\/no value: put it in quotes, `title: "true"`/);
  });

  it('explains a value swallowed by a `#` comment, and an empty value', () => {
    expect(errors('---\ntitle: #1 priority for rivers\ndate: 2026-01-01\n---\n')).toEqual([
      'statements/x/en.md:2:8: error: `title` is empty: `#` starts a YAML comment, so "#1 priority for rivers" is not its value; put the value in quotes: `title: "#1 priority for rivers"` [front-matter]',
    ]);
    expect(errors('---\ntitle:\ndate: 2026-01-01\n---\n')).toEqual(['statements/x/en.md:2:7: error: `title` is empty: write text after `title:` [front-matter]']);
  });

  it('says a front matter written as a list must be fields', () => {
    expect(errors('---\n- title: T\n- date: 2026-01-01\n---\n')).toEqual([
      'statements/x/en.md:2:1: error: the front matter must be fields (`name: value` lines), not a list: write one `name: value` field per line, with no `- ` in front [front-matter]',
    ]);
  });

  it('calls a control character what it is, and where in the value it is', () => {
    expect(errors('---\ntitle: "Rivers\\0 now"\ndate: 2026-01-01\n---\n')[0]).toBe(
      'statements/x/en.md:2:8: error: `title` contains a NUL character (U+0000) at character 7: delete it (most editors do not show it; retype the text around it) [front-matter]',
    );
    expect(errors('---\ntitle: "Rivers\\e[2J now"\ndate: 2026-01-01\n---\n')[0]).toMatch(/`title` contains an escape character \(U\+001B\) at character 7/);
    expect(errors('---\ntitle: T\ndate: 2026-01-01\ncontacts:\n  - name: "Ana\\x07"\n---\n')[0]).toMatch(/en\.md:5:11: error: `contacts\.0\.name` contains a control character \(U\+0007\) at character 4/);
  });

  it('holds each field to its documented length', () => {
    const fields = { title: 300, subtitle: 500, dateline: 200, summary: 1000 };
    for (const [field, max] of Object.entries(fields)) {
      const at = (length: number) => load(`---\ntitle: T\ndate: 2026-01-01\n${field === 'title' ? '' : `${field}: `}${field === 'title' ? `title: ${'a'.repeat(length)}` : 'a'.repeat(length)}\n---\n`.replace('title: T\n', field === 'title' ? '' : 'title: T\n'));
      expect(at(max).ok, field).toBe(true);
      const over = at(max + 1);
      expect(over.ok, field).toBe(false);
      expect(over.diagnostics.map(formatDiagnostic)).toEqual([expect.stringMatching(new RegExp(`\`${field}\` is ${(max + 1).toLocaleString('en')} characters long; at most ${max.toLocaleString('en')} are allowed: shorten it`))]);
    }
    const contact = (name: string) => load(`---\ntitle: T\ndate: 2026-01-01\ncontacts:\n  - name: ${name}\n---\n`);
    expect(contact('a'.repeat(200)).ok).toBe(true);
    expect(contact('a'.repeat(201)).diagnostics[0]?.reason).toBe('`contacts.0.name` is 201 characters long; at most 200 are allowed: shorten it');
  });

  it('refuses a 100,000-character title at once', () => {
    expect(errors(`---\ntitle: ${'a'.repeat(100_000)}\ndate: 2026-01-01\n---\n`)).toEqual([
      'statements/x/en.md:2:8: error: `title` is 100,000 characters long; at most 300 are allowed: shorten it [front-matter]',
    ]);
  });

  it('reports a YAML alias bomb as an error at its first alias', () => {
    const bomb = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...'bcdefghi'.split('').map((name, index) => `${name}: &${name} [${Array(9).fill(`*${'abcdefgh'[index]}`).join(', ')}]`), 'title: *i'];
    expect(errors(`---\n${bomb.join('\n')}\ndate: 2026-01-01\n---\n`)).toEqual([
      'statements/x/en.md:3:8: error: these YAML aliases (`*name`) expand to more than 100 copies: write the values out instead of repeating aliases [front-matter]',
    ]);
  });

  it('reports YAML nested thousands deep as an error, not a crash', () => {
    expect(errors(`---\ntitle: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n---\n`)[0]).toMatch(/en\.md:2:\d+: error: the YAML nests too deeply to read .*\[front-matter\]$/);
  });

  it('reports 500 unknown fields once, at the first, naming a few', () => {
    const keys = Array.from({ length: 500 }, (_, index) => `note${index}: value`).join('\n');
    expect(errors(`---\ntitle: T\ndate: 2026-01-01\n${keys}\n---\n`)).toEqual([
      'statements/x/en.md:4:1: error: unknown fields `note0`, `note1`, `note2`, `note3`, `note4` and 495 more: check the spelling, or remove them [front-matter]',
    ]);
  });
});
