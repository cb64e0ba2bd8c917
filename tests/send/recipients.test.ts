import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/model/diagnostic.js';
import { loadRecipientsCsv, parseSuppressionList } from '../../src/send/recipients.js';

function errors(text: string): string[] {
  return loadRecipientsCsv('list.csv', text).diagnostics.filter((d) => d.fatal).map(formatDiagnostic);
}

describe('loadRecipientsCsv', () => {
  it('reads email, name and language; an empty language means bilingual', () => {
    const result = loadRecipientsCsv('list.csv', 'Email,Name,Language\nana@example.net,Ana,ES\n"b@example.net","Bob, Jr.",\n');
    expect(result).toMatchObject({ ok: true, value: [{ email: 'ana@example.net', name: 'Ana', variant: 'es', line: 2 }, { email: 'b@example.net', name: 'Bob, Jr.', variant: 'bilingual', line: 3 }] });
  });

  it('reports every invalid address and language with its line, before anything is sent', () => {
    expect(errors('email,name,language\nok@example.net,,en\nnot-an-address,,en\n"a@x.example, evil@y.example",,\nc@example.net,,fr\n')).toEqual([
      'list.csv:3:1: error: recipient `email` ("not-an-address") must be one email address, e.g. press@example.org [recipients]',
      'list.csv:4:1: error: recipient `email` ("a@x.example, evil@y.example") must be one email address, e.g. press@example.org [recipients]',
      'list.csv:5:1: error: recipient `language` ("fr") must be `en`, `es` or `bilingual` (or empty for bilingual) [recipients]',
    ]);
  });

  it('reports a duplicate address (in any case) with both lines', () => {
    const [error] = errors('email\nana@example.net\nbob@example.net\nANA@example.net\n');
    expect(error).toBe('list.csv:4:1: error: ANA@example.net is listed twice: remove one of the rows [recipients-duplicate]\n  list.csv:2:1: note: first listed here [recipients]');
  });

  it('refuses a name with a line break, which would otherwise become a header', () => {
    expect(errors('email,name\nana@example.net,"Ana\nBcc: victim@example.net"\n')[0]).toMatch(/^list\.csv:2:1: error: recipient `name`.*must be on one line/);
  });

  it('needs an email column and at least one row', () => {
    expect(errors('address\nx@example.net\n')[0]).toMatch(/no `email` column/);
    expect(errors('email\n')[0]).toMatch(/no recipients/);
  });
});

describe('parseSuppressionList', () => {
  it('reads one address a line or a CSV with an email column, ignoring comments and case', () => {
    expect([...parseSuppressionList('# unsubscribed\nA@Example.net\n\nemail,date\nb@example.net,2026-01-01\n')]).toEqual(['a@example.net', 'b@example.net']);
  });
});
