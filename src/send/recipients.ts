import { parse as parseCsv, CsvError } from 'csv-parse/sync';
import { z } from 'zod';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { emailAddress, oneLine, optionalCell } from '../model/fields.js';
import type { Validated } from '../load/yaml.js';
import { EMAIL_VARIANTS, type EmailVariant } from '../render/email/variants.js';

export interface Recipient {
  email: string;
  name?: string;
  /** Which email they get; an empty `language` cell means bilingual. */
  variant: EmailVariant;
  /** Line of the CSV the row starts on, for diagnostics. */
  line: number;
}

const COLUMNS = ['email', 'name', 'language'];

const recipientSchema = z.strictObject({
  email: emailAddress,
  name: optionalCell(oneLine),
  language: z.preprocess(
    (value) => (value === '' || value == null ? 'bilingual' : typeof value === 'string' ? value.trim().toLowerCase() : value),
    z.enum(EMAIL_VARIANTS, { error: 'must be `en`, `es` or `bilingual` (or empty for bilingual)' }),
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
  let rows: { record: Record<string, string>; info: { lines: number }; raw: string }[];
  let header: string[] = [];
  try {
    rows = parseCsv(text, {
      bom: true,
      columns: (names: string[]) => (header = names.map((name) => name.trim().toLowerCase())),
      info: true,
      raw: true,
      skip_empty_lines: true,
      trim: true,
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const detail = error as CsvError & { lines?: number };
    return { ok: false, diagnostics: [diagnostic('error', 'recipients-syntax', `invalid CSV: ${error.message}`, { file, line: detail.lines ?? 1, column: 1 })] };
  }
  if (!header.includes('email')) {
    return { ok: false, diagnostics: [diagnostic('error', 'recipients', 'no `email` column: the first row must name the columns, e.g. email,name,language', { file, line: 1, column: 1 })] };
  }
  const diagnostics: Diagnostic[] = [];
  const unknown = header.filter((name) => name && !COLUMNS.includes(name));
  if (unknown.length > 0) {
    diagnostics.push(diagnostic('warning', 'recipients', `ignoring column${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `\`${n}\``).join(', ')}; known columns are ${COLUMNS.join(', ')}`, { file, line: 1, column: 1 }));
  }
  const recipients: Recipient[] = [];
  const firstLine = new Map<string, Diagnostic>();
  for (const { record, info, raw } of rows) {
    // info.lines is where the record ends; a quoted field may span lines.
    const line = info.lines - (raw.replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0);
    const known = Object.fromEntries(Object.entries(record).filter(([key]) => COLUMNS.includes(key)));
    const result = recipientSchema.safeParse(known);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = String(issue.path[0] ?? '');
        const reason = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
        const value = typeof known[field] === 'string' ? ` (${JSON.stringify(known[field])})` : '';
        diagnostics.push(diagnostic('error', 'recipients', `recipient \`${field}\`${value} ${reason}`, { file, line, column: 1 }));
      }
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
  if (rows.length === 0) diagnostics.push(diagnostic('error', 'recipients', 'no recipients: add one row per address under the header row', { file, line: 1, column: 1 }));
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
