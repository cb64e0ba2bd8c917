import { embargoLocalTime } from '../../i18n/dates.js';
import { diagnostic, withoutRepeats, type Diagnostic, type Place } from '../../model/diagnostic.js';
import { sourceText, textIn, type Statement, type StatementText } from '../../model/statement.js';
import type { CheckContext, StatementRule } from '../rule.js';

type DateField = 'date' | 'embargo' | 'timezone';

/** Where a text's value of `field` was written: in its own file, or in the original's when it inherits it. */
function placeOf(statement: Statement, text: StatementText, field: DateField): Place {
  const own = text.places[field];
  if (own) return { file: text.file, line: own.line, column: own.column };
  const source = sourceText(statement);
  const inherited = source.places[field];
  return inherited ? { file: source.file, line: inherited.line, column: inherited.column } : { file: source.file };
}

/** The day a year after `now` (UTC), `YYYY-MM-DD`. */
function aYearAfter(now: Date): string {
  const later = new Date(now);
  later.setUTCFullYear(later.getUTCFullYear() + 1);
  return later.toISOString().slice(0, 10);
}

function textFindings(statement: Statement, text: StatementText, now: Date): Diagnostic[] {
  const found: Diagnostic[] = [];
  const at = (field: DateField) => placeOf(statement, text, field);
  const today = now.toISOString().slice(0, 10);
  if (text.date > aYearAfter(now)) {
    found.push(diagnostic('error', 'dates', `the date ${text.date} is more than a year after today (${today}): check the year`, at('date')));
  }
  if (!text.embargo) return found;
  if (!text.timezone) {
    const reason = `the embargo has no time zone: add \`timezone:\` with the zone whose clocks readers go by (e.g. \`timezone: America/Costa_Rica\`), so its time is shown as theirs, not at a bare offset`;
    found.push(diagnostic('error', 'dates', reason, at('embargo')));
  }
  const local = embargoLocalTime(text.embargo, text.lang, text.timezone);
  if (local.slice(0, 10) < text.date) {
    const where = text.timezone ? `in ${text.timezone}` : 'at its own offset';
    const date = diagnostic('error', 'dates', "the statement's date", at('date'));
    const reason = `the embargo lifts on ${local.replace('T', ' at ')} ${where}, before the statement's date ${text.date}: the release would be out before the day it is dated; correct the embargo or the date`;
    found.push(diagnostic('error', 'dates', reason, at('embargo'), date));
  }
  return found;
}

/** A date a year or more ahead, an embargo before the date, an embargo without a time zone: in each language, each once (translations inherit the original's). */
function check(statement: Statement, ctx: CheckContext): Diagnostic[] {
  return withoutRepeats(statement.languages.flatMap((lang) => textFindings(statement, textIn(statement, lang), ctx.now)));
}

export const dates: StatementRule = {
  id: 'dates',
  severity: 'error',
  description: "an embargo that lifts before the statement's date, a date more than a year ahead, or an embargo without a `timezone:`",
  stage: 'statement',
  withholds: 'statement',
  check,
};
