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
    expect(errors('---\ntitle: T\ndate: 04/12/2017\n---\n')[0]).toMatch(/en\.md:3:7: error: `date` must be a date written YYYY-MM-DD/);
    expect(errors('---\ntitle: T\ndate: 2017-02-30\n---\n')[0]).toMatch(/en\.md:3:7: error: `date` is not a real calendar date/);
    expect(errors('---\ntitle: T\ndate: 2017-12-04\nembargo: tomorrow\n---\n')[0]).toMatch(/en\.md:4:10: error: `embargo` must be an ISO 8601 date-time with a time zone offset/);
  });

  it('points at a mistyped field name', () => {
    expect(errors('---\ntitle: T\ndate: 2017-12-04\ntitel: X\n---\n')[0]).toMatch(/en\.md:4:1: error: unknown field `titel`: check the spelling/);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(errors('---\ntitle: T\ndate: 2017-12-04\ncontacts: [unclosed\n---\n')[0]).toMatch(/en\.md:\d+:\d+: error: invalid YAML: .*\[front-matter-syntax\]/);
    expect(errors('---\ntitle: "a": b\n---\n')[0]).toMatch(/en\.md:2:\d+: error: invalid YAML/);
  });

  it('rejects a title that spans lines', () => {
    expect(errors('---\ntitle: |\n  Line one\n  Line two\ndate: 2017-12-04\n---\n')[0]).toMatch(/en\.md:2:8: error: `title` must be on one line/);
  });

  it('rejects contact emails that could smuggle a second address', () => {
    const text = '---\ntitle: T\ndate: 2017-12-04\ncontacts:\n  - name: A\n    email: "a@example.org, b@example.org"\n---\n';
    expect(errors(text)[0]).toMatch(/en\.md:6:12: error: `contacts.0.email` must be one email address/);
  });
});
