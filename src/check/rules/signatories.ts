import { diagnostic, type Diagnostic } from '../../model/diagnostic.js';
import type { Statement } from '../../model/statement.js';
import type { StatementRule } from '../rule.js';

/** Names that differ only in case, accents, punctuation or spacing are the same signatory typed twice. */
function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase('en')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The same signatory listed twice under spellings that differ only in case, accents, punctuation or spacing. */
function duplicates(statement: Statement): Diagnostic[] {
  const file = statement.signatoriesFile;
  if (!file) return [];
  const seen = new Map<string, number>();
  const found: Diagnostic[] = [];
  for (const signatory of statement.signatories) {
    const key = `${signatory.type}:${nameKey(signatory.name)}`;
    const firstLine = seen.get(key);
    if (firstLine === undefined) {
      seen.set(key, signatory.line);
      continue;
    }
    const first = diagnostic('error', 'signatories', 'first listed here', { file, line: firstLine, column: 1 });
    found.push(diagnostic('error', 'signatories', `"${signatory.name}" is listed twice: remove one of the rows`, { file, line: signatory.line, column: 1 }, first));
  }
  return found;
}

export const signatories: StatementRule = {
  id: 'signatories',
  severity: 'error',
  description: 'a signatory list that cannot be read, or a signatory listed twice under spellings that differ only in case, accents, punctuation or spacing',
  stage: 'statement',
  withholds: 'statement',
  check: duplicates,
};
