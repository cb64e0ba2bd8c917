import { z } from 'zod';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { emailAddress, oneLine, optionalCell } from '../model/fields.js';
import { readCsvTable, rowDiagnostics } from '../load/csv.js';
import type { Validated } from '../load/yaml.js';
import { variantChoices, variantNamed, type LanguageSettings } from '../model/languages.js';

export interface Recipient {
  email: string;
  name?: string;
  /** Which email they get, by its file name stem (`es`, `en-pt`); an empty `language` cell means the first pair, `bilingual`. */
  variant: string;
  /** Line of the CSV the row starts on, for diagnostics. */
  line: number;
}

const COLUMNS = ['email', 'name', 'language'];

function recipientSchema(settings: LanguageSettings) {
  const choices = variantChoices(settings).map((choice) => `\`${choice}\``);
  const error = `must be one of ${choices.join(', ')}${settings.pairs.length > 0 ? ' (or empty for bilingual)' : ' (or empty)'}`;
  return z.strictObject({
    email: emailAddress,
    // The name goes into the To header: oneLine refuses line breaks and every other control character.
    name: optionalCell(oneLine),
    language: z.preprocess((value) => (value == null ? '' : value), z.string().transform((value, context) => variantNamed(settings, value) ?? (context.addIssue({ code: 'custom', message: error }), z.NEVER))),
  });
}

/** Addresses compare without case: the same mailbox written twice is a duplicate. */
export function addressKey(address: string): string {
  return address.trim().toLowerCase();
}

/**
 * Recipients from a CSV with a header row naming `email`, `name`, `language`.
 * Every invalid address, bad language and duplicate is reported with its line
 * (a duplicate also names the line it repeats), so nothing is sent until the
 * whole list is right.
 */
export function loadRecipientsCsv(file: string, text: string, settings: LanguageSettings): Validated<Recipient[]> {
  const table = readCsvTable(file, text, { columns: COLUMNS, required: 'email', rule: 'recipients' });
  if (!table.rows) return { ok: false, diagnostics: table.diagnostics };
  const diagnostics = [...table.diagnostics];
  const recipients: Recipient[] = [];
  const schema = recipientSchema(settings);
  const firstLine = new Map<string, Diagnostic>();
  for (const row of table.rows) {
    const { line } = row;
    const result = schema.safeParse(row.record);
    if (!result.success) {
      diagnostics.push(...rowDiagnostics(file, row, result.error, 'recipient', 'recipients'));
      continue;
    }
    const key = addressKey(result.data.email);
    const here = diagnostic('warning', 'recipients', 'first listed here', { file, line, column: 1 });
    const earlier = firstLine.get(key);
    if (earlier) {
      diagnostics.push(diagnostic('error', 'recipients-duplicate', `${result.data.email} is listed twice: remove one of the rows`, { file, line, column: 1 }, earlier));
      continue;
    }
    firstLine.set(key, here);
    recipients.push({ email: result.data.email, name: result.data.name, variant: result.data.language, line });
  }
  if (table.rows.length === 0) diagnostics.push(diagnostic('error', 'recipients', 'no recipients: add one row per address under the header row', { file, line: 1, column: 1 }));
  return diagnostics.some((d) => d.fatal) ? { ok: false, diagnostics } : { ok: true, value: recipients, diagnostics };
}

/** A plain address, `<address>` or `Name <address>` (as mail programs export them), or undefined. */
function addressIn(value: string): string | undefined {
  const unquoted = value.trim().replace(/^"(.*)"$/, '$1').trim();
  const address = (/<([^<>]*)>$/.exec(unquoted)?.[1] ?? unquoted).trim();
  return emailAddress.safeParse(address).success ? address : undefined;
}

const SUPPRESSION_RULE = 'suppression';

/**
 * Unsubscribed addresses, as people keep them: a spreadsheet export whose
 * header row names an `email` column (any column order, any delimiter the
 * table reader knows), or a plain list of one address a line. A file whose
 * first line (after `#` comments) holds an `@` is a plain list; a line there
 * may carry more fields (`a@x.org;2026-01-01`) as long as exactly one of
 * them is an address. `Name <a@x.org>` counts as a@x.org. `#` starts a
 * comment only where it does not start an address (`#desk@x.org` is one).
 * Every line that cannot be read is an error: nothing is sent until the list
 * can be trusted, as a skipped line would mail someone who unsubscribed.
 */
export function loadSuppressionList(file: string, text: string): Validated<Set<string>> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const isComment = (line: string) => line.trimStart().startsWith('#') && !addressIn(line);
  const first = lines.findIndex((line) => line.trim() && !isComment(line));
  const addresses = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const add = (address: string) => addresses.add(addressKey(address));
  const problem = (line: number, reason: string) => diagnostics.push(diagnostic('error', SUPPRESSION_RULE, reason, { file, line, column: 1 }));

  if (first >= 0 && !lines[first]!.includes('@')) {
    // Comments above the header become blank lines, which keeps every line number.
    const table = readCsvTable(file, lines.map((line, index) => (index < first ? '' : line)).join('\n'), { columns: ['email'], required: 'email', rule: SUPPRESSION_RULE });
    if (!table.rows) return { ok: false, diagnostics: table.diagnostics };
    diagnostics.push(...table.diagnostics);
    for (const row of table.rows) {
      const cell = row.record.email ?? '';
      const address = addressIn(cell);
      if (address) add(address);
      else problem(row.line, cell ? `the \`email\` cell (${JSON.stringify(cell)}) is not one email address: correct it or remove the row` : 'this row has no address in its `email` column: fill it in or remove the row');
    }
  } else {
    for (const [index, line] of lines.entries()) {
      if (!line.trim() || isComment(line)) continue;
      const whole = addressIn(line);
      if (whole) {
        add(whole);
        if (line.trimStart().startsWith('#')) {
          const reason = `read as the address ${whole} (an address may start with #); if this line is a comment, put a space after the #`;
          diagnostics.push(diagnostic('warning', SUPPRESSION_RULE, reason, { file, line: index + 1, column: 1 }));
        }
        continue;
      }
      const found = line.split(/[,;\t]/).map(addressIn).filter((address) => address !== undefined);
      if (found.length === 1) add(found[0]!);
      else problem(index + 1, `cannot read this line (${JSON.stringify(line.trim())}): ${found.length === 0 ? 'it holds no email address' : `it holds ${found.length} addresses`}; write one address a line, or use a CSV file with an \`email\` column`);
    }
  }
  return diagnostics.some((d) => d.fatal) ? { ok: false, diagnostics } : { ok: true, value: addresses, diagnostics };
}

/** Every recipient who asks for an edition the statement does not have (a translation it lacks), at their line: nothing is sent until the list or the statement is fixed. */
export function editionProblems(recipients: readonly Recipient[], emails: Readonly<Record<string, unknown>>, slug: string, file: string): Diagnostic[] {
  const editions = Object.keys(emails).join(', ');
  return recipients
    .filter((recipient) => !(recipient.variant in emails))
    .map((recipient) =>
      diagnostic('error', 'recipients', `${recipient.email} asks for the \`${recipient.variant}\` email, which ${slug} does not have (it has ${editions}): add the missing translation to the statement, or change this row's language`, { file, line: recipient.line, column: 1 }),
    );
}
