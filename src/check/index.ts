import type { Diagnostic } from '../model/diagnostic.js';
import type { Statement } from '../model/statement.js';
import { checkDuplicateSignatories } from './duplicate-signatories.js';

/** Every rule, in the order its findings are printed; each is a pure function of the model. */
export const checks: readonly ((statement: Statement) => Diagnostic[])[] = [checkDuplicateSignatories];

export function checkStatement(statement: Statement): Diagnostic[] {
  return checks.flatMap((check) => check(statement));
}
