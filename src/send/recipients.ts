import { VARIANTS, type Variant } from '../model/statement.js';
import { z } from 'zod';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { emailAddress, oneLine, optionalCell } from '../model/fields.js';
import { readCsvTable, rowDiagnostics } from '../load/csv.js';
import type { Validated } from '../load/yaml.js';

export interface Recipient {
  email: string;
  name?: string;
  /** Which email they get; an empty `language` cell means bilingual. */
  variant: Variant;
  /** Line of the CSV the row starts on, for diagnostics. */
  line: number;
}

const COLUMNS = ['email', 'name', 'language'];

const recipientSchema = z.strictObject({
  email: emailAddress,
  name: optionalCell(oneLine),
  language: z.preprocess(
    (value) => (value === '' || value == null ? 'bilingual' : typeof value === 'string' ? value.trim().toLowerCase() : value),
    z.enum(VARIANTS, { error: 'must be `en`, `es` or `bilingual` (or empty for bilingual)' }),
  ),
});

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
export function loadRecipientsCsv(file: string, text: string): Validated<Recipient[]> {
  const table = readCsvTable(file, text, { columns: COLUMNS, required: 'email', rule: 'recipients' });
  if (!table.rows) return { ok: false, diagnostics: table.diagnostics };
  const diagnostics = [...table.diagnostics];
  const recipients: Recipient[] = [];
  const firstLine = new Map<string, Diagnostic>();
  for (const row of table.rows) {
    const { line } = row;
    const result = recipientSchema.safeParse(row.record);
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

/**
 * Unsubscribed addresses: one per line, or a CSV whose first column is
 * `email`; blank lines and `#` comments are ignored.
 */
export function parseSuppressionList(text: string): Set<string> {
  const addresses = new Set<string>();
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const first = line.split(',')[0]?.trim().replace(/^"|"$/g, '') ?? '';
    if (!first || first.toLowerCase() === 'email') continue;
    addresses.add(addressKey(first));
  }
  return addresses;
}
