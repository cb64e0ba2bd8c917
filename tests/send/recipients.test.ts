import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/model/diagnostic.js';
import { loadRecipientsCsv, loadSuppressionList } from '../../src/send/recipients.js';
import { DEFAULT_LANGUAGE_SETTINGS } from '../../src/model/languages.js';

function errors(text: string): string[] {
  return loadRecipientsCsv('list.csv', text, DEFAULT_LANGUAGE_SETTINGS).diagnostics.filter((d) => d.fatal).map(formatDiagnostic);
}

describe('loadRecipientsCsv', () => {
  it('reads email, name and language; an empty language means bilingual', () => {
    const result = loadRecipientsCsv('list.csv', 'Email,Name,Language\nana@example.net,Ana,ES\n"b@example.net","Bob, Jr.",\n', DEFAULT_LANGUAGE_SETTINGS);
    expect(result).toMatchObject({ ok: true, value: [{ email: 'ana@example.net', name: 'Ana', variant: 'es', line: 2 }, { email: 'b@example.net', name: 'Bob, Jr.', variant: 'bilingual', line: 3 }] });
  });

  it('reports every invalid address and language with its line, before anything is sent', () => {
    expect(errors('email,name,language\nok@example.net,,en\nnot-an-address,,en\n"a@x.example, evil@y.example",,\nc@example.net,,fr\n')).toEqual([
      'list.csv:3:1: error: recipient `email` ("not-an-address") must be one email address, e.g. press@example.org [recipients]',
      'list.csv:4:1: error: recipient `email` ("a@x.example, evil@y.example") must be one email address, e.g. press@example.org [recipients]',
      'list.csv:5:1: error: recipient `language` ("fr") must be one of `en`, `es`, `en-es`, `bilingual` (or empty for bilingual) [recipients]',
    ]);
  });

  it('reports a duplicate address (in any case) with both lines', () => {
    const [error] = errors('email\nana@example.net\nbob@example.net\nANA@example.net\n');
    expect(error).toBe('list.csv:4:1: error: ANA@example.net is listed twice: remove one of the rows [recipients-duplicate]\n  list.csv:2:1: note: first listed here [recipients]');
  });

  it('refuses a name with a line break, which would otherwise become a header', () => {
    expect(errors('email,name\nana@example.net,"Ana\nBcc: victim@example.net"\n')[0]).toMatch(/^list\.csv:2:1: error: recipient `name`.*must be on one line/);
  });

  it('refuses a name with a NUL or any other control character, at its line', () => {
    expect(errors('email,name\nana@example.net,Ana\nbob@example.net,"Bob\u0000"\ncarl@example.net,"Carl\u001b[2J"\n')).toEqual([
      'list.csv:3:1: error: recipient `name` ("Bob\\u0000") contains a NUL character (U+0000) at character 4: delete it (most editors do not show it; retype the text around it) [recipients]',
      'list.csv:4:1: error: recipient `name` ("Carl\\u001b[2J") contains an escape character (U+001B) at character 5: delete it (most editors do not show it; retype the text around it) [recipients]',
    ]);
  });

  it('needs an email column and at least one row', () => {
    expect(errors('address\nx@example.net\n')[0]).toMatch(/no `email` column/);
    expect(errors('email\n')[0]).toMatch(/no recipients/);
  });
});

describe('loadSuppressionList', () => {
  const read = (text: string) => loadSuppressionList('unsubscribed.txt', text);
  const addresses = (text: string) => {
    const result = read(text);
    if (!result.ok) throw new Error(result.diagnostics.map(formatDiagnostic).join('\n'));
    return [...result.value].sort();
  };
  const problems = (text: string) => read(text).diagnostics.map(formatDiagnostic);

  it('reads a plain list, one address a line, ignoring blank lines, # comments and case', () => {
    expect(addresses('# unsubscribed after the March release\nA@Example.net\n\n  b@example.net  \r\nc@example.net')).toEqual(['a@example.net', 'b@example.net', 'c@example.net']);
  });

  it('reads `Name <address>`, an address with # in it, and an address followed by a date', () => {
    expect(addresses('Ana Pérez <ana@example.net>\n"Díaz, Rosa" <rosa@example.net>\nnews#desk@example.org\nold@example.net;2026-01-01\ntab@example.net\t2026-02-01\n')).toEqual([
      'ana@example.net',
      'news#desk@example.org',
      'old@example.net',
      'rosa@example.net',
      'tab@example.net',
    ]);
  });

  it('reads an address that starts with #, and warns that it is not taken for a comment', () => {
    const result = read('a@example.net\n#desk@example.org\n');
    expect(result).toMatchObject({ ok: true });
    expect(result.ok && [...result.value]).toEqual(['a@example.net', '#desk@example.org']);
    expect(problems('a@example.net\n#desk@example.org\n')).toEqual([
      'unsubscribed.txt:2:1: warning: read as the address #desk@example.org (an address may start with #); if this line is a comment, put a space after the # [suppression]',
    ]);
  });

  it('reads a CSV export by its `email` column, in any column position', () => {
    expect(addresses('# export of 2026-03-01\nname,email,unsubscribed\nAna,ana@example.net,2026-01-01\n"Rosa, Díaz",Rosa <ROSA@example.net>,2026-02-01\n')).toEqual(['ana@example.net', 'rosa@example.net']);
  });

  it('reports every line it cannot read, with its line, so nothing is sent', () => {
    expect(read('ana@example.net\nnot an address\nb@example.net, c@example.net\n\nd@example.net\n')).toMatchObject({ ok: false });
    expect(problems('ana@example.net\nnot an address\nb@example.net, c@example.net\n\nd@example.net\n')).toEqual([
      'unsubscribed.txt:2:1: error: cannot read this line ("not an address"): it holds no email address; write one address a line, or use a CSV file with an `email` column [suppression]',
      'unsubscribed.txt:3:1: error: cannot read this line ("b@example.net, c@example.net"): it holds 2 addresses; write one address a line, or use a CSV file with an `email` column [suppression]',
    ]);
    expect(problems('name,email\nAna,ana@example.net\nBob,\nCarla,carla at example.net\n').filter((p) => p.includes('error'))).toEqual([
      'unsubscribed.txt:3:1: error: this row has no address in its `email` column: fill it in or remove the row [suppression]',
      'unsubscribed.txt:4:1: error: the `email` cell ("carla at example.net") is not one email address: correct it or remove the row [suppression]',
    ]);
    expect(problems('name,address\nAna,ana@example.net\n')[0]).toMatch(/^unsubscribed\.txt:1:1: error: no `email` column/);
  });

  it('an empty list suppresses no one', () => {
    expect(addresses('')).toEqual([]);
    expect(addresses('# nobody yet\n')).toEqual([]);
    expect(addresses('email\n')).toEqual([]);
  });

  it('reads `;`- and tab-separated exports by their header row', () => {
    expect(addresses('nombre;email;fecha\nAna;ana@example.net;2026-01-01\n')).toEqual(['ana@example.net']);
    expect(addresses('name\temail\nAna\tana@example.net\n')).toEqual(['ana@example.net']);
  });
});
