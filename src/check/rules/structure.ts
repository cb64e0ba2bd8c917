import { sourceText, textIn } from '../../model/statement.js';
import type { StatementRule } from '../rule.js';
import { translationGaps } from './structure-gaps.js';

export const structure: StatementRule = {
  id: 'structure',
  severity: 'error',
  description: "a translation's headings, paragraphs, list items, quotations, table rows or footnotes that have no counterpart in the original, or the other way round",
  stage: 'statement',
  withholds: 'statement',
  check(statement) {
    const original = sourceText(statement);
    return Object.entries(statement.alignments).flatMap(([lang, aligned]) => translationGaps(aligned, original.file, textIn(statement, lang).file));
  },
};
