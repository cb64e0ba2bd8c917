import { diagnostic, isError, type Diagnostic } from '../model/diagnostic.js';
import type { Statement } from '../model/statement.js';
import { PROJECT_RULES, ruleById, STATEMENT_RULES } from './registry.js';
import type { CheckContext, Withholds } from './rule.js';

/** Every statement rule's findings, in the registry's order; each rule is a pure function of the model and the context. */
export async function checkStatement(statement: Statement, ctx: CheckContext): Promise<Diagnostic[]> {
  const found: Diagnostic[] = [];
  for (const rule of STATEMENT_RULES) found.push(...(await rule.check(statement, ctx)));
  return found;
}

/** The findings about the project as a whole (its UI strings), which concern every statement. */
export async function checkProject(ctx: CheckContext): Promise<Diagnostic[]> {
  const found: Diagnostic[] = [];
  for (const rule of PROJECT_RULES) found.push(...(await rule.check(ctx)));
  return found;
}

/**
 * What a statement's errors hold back from publishing: nothing, only its PDFs
 * (every error is from a rule about the PDF's fonts), or the whole statement.
 */
export function withheld(findings: readonly Diagnostic[]): Withholds | undefined {
  const errors = findings.filter(isError);
  if (errors.length === 0) return undefined;
  return errors.every((error) => {
    const rule = ruleById(error.ruleId);
    return rule?.stage === 'statement' && rule.withholds === 'pdf';
  })
    ? 'pdf'
    : 'statement';
}

/** An error published anyway (`--force`), shown as a warning that says so. */
export function forced(finding: Diagnostic): Diagnostic {
  if (!isError(finding)) return finding;
  const place = { file: String(finding.file), line: finding.line ?? undefined, column: finding.column ?? undefined };
  return diagnostic('warning', finding.ruleId ?? 'internal', `${finding.reason} (published anyway: --force)`, place, finding.cause as Diagnostic | Error | undefined);
}
