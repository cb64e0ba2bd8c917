import type { Diagnostic } from '../model/diagnostic.js';
import { sourceText, textIn, type Statement } from '../model/statement.js';
import { checkDuplicateSignatories } from './duplicate-signatories.js';
import { translationGaps } from './translation-gaps.js';

/** A block on one side of a translation only: a paragraph missing, or added, in a translation. */
function checkTranslationGaps(statement: Statement): Diagnostic[] {
  const original = sourceText(statement);
  return Object.entries(statement.alignments).flatMap(([lang, aligned]) => translationGaps(aligned, original.file, textIn(statement, lang).file));
}

/** Every rule, in the order its findings are printed; each is a pure function of the model. */
export const checks: readonly ((statement: Statement) => Diagnostic[])[] = [checkTranslationGaps, checkDuplicateSignatories];

export function checkStatement(statement: Statement): Diagnostic[] {
  return checks.flatMap((check) => check(statement));
}
