import { describe, expect, it } from 'vitest';
import { diagnostic, formatDiagnostic, terminalSafe } from '../../src/model/diagnostic.js';

describe('terminalSafe', () => {
  it('shows C0 and C1 controls, DEL and carriage return as escapes, keeping tab and line feed', () => {
    expect(terminalSafe('a\u001b[2Jb\u0007c\u009bd\u007fe\rf\u0000g')).toBe('a\\x1b[2Jb\\x07c\\x9bd\\x7fe\\x0df\\x00g');
    expect(terminalSafe('line one\n\tline two')).toBe('line one\n\tline two');
  });

  it('shows the bidi embeddings, overrides and isolates that reorder a line', () => {
    const reordering = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
    expect(reordering.map(terminalSafe)).toEqual(['\\u202a', '\\u202b', '\\u202c', '\\u202d', '\\u202e', '\\u2066', '\\u2067', '\\u2068', '\\u2069']);
  });

  it('leaves every script alone, right-to-left ones and their implicit marks included', () => {
    const text = 'Łódź · Ελλάδα · العربية · עברית · हिन्दी · 中文 · 日本語 · 한국어 · 🌊 · \u200f\u200e';
    expect(terminalSafe(text)).toBe(text);
  });
});

describe('formatDiagnostic', () => {
  it('escapes control characters in the file, the message and a note it points to', () => {
    const note = diagnostic('warning', 'signatories', 'first listed here: \u001b[1A\u001b[2K', { file: 'statements/a\u202e/signatories.csv', line: 2 });
    const message = diagnostic('error', 'signatories', 'column `\u001b]0;title\u0007` repeats', { file: 'statements/a\u001b[2J/signatories.csv', line: 1, column: 3 }, note);
    expect(formatDiagnostic(message)).toBe(
      'statements/a\\x1b[2J/signatories.csv:1:3: error: column `\\x1b]0;title\\x07` repeats [signatories]\n  statements/a\\u202e/signatories.csv:2:1: note: first listed here: \\x1b[1A\\x1b[2K [signatories]',
    );
  });
});
