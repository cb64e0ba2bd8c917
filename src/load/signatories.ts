import { parse as parseCsv, CsvError } from 'csv-parse/sync';
import { z } from 'zod';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { signatorySchema, type Signatory } from '../model/signatory.js';
import { parseYaml, type Validated } from './yaml.js';

const KNOWN_COLUMNS = Object.keys(signatorySchema.shape);

function rowIssues(file: string, line: number, error: z.ZodError): Diagnostic[] {
  return error.issues.map((issue) => {
    const field = String(issue.path[0] ?? '');
    const reason = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
    return diagnostic('error', 'signatories', `signatory \`${field}\` ${reason}`, { file, line, column: 1 });
  });
}

/**
 * Signatories from a CSV export (RFC 4180: quoted fields may hold commas,
 * quotes and line breaks). Columns are matched case-insensitively; columns
 * we do not use (a form's timestamp, say) are reported once and ignored.
 */
export function loadSignatoriesCsv(file: string, text: string): Validated<Signatory[]> {
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  let header: string[] = [];
  try {
    // csv-parse counts a CRLF inside a quoted field as two lines; LF-only keeps line numbers true.
    rows = parseCsv(text.replace(/\r\n?/g, '\n'), {
      bom: true,
      columns: (names: string[]) => (header = names.map((name) => name.trim().toLowerCase())),
      info: true,
      skip_empty_lines: true,
      trim: true,
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const detail = error as CsvError & { lines?: number };
    const hint = error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' || error.code === 'CSV_RECORD_INCONSISTENT_COLUMNS' ? ': put quotes around fields that contain commas' : '';
    return { ok: false, diagnostics: [diagnostic('error', 'signatories-syntax', `invalid CSV: ${error.message}${hint}`, { file, line: detail.lines ?? 1, column: 1 })] };
  }
  const diagnostics: Diagnostic[] = [];
  if (!header.includes('name')) {
    return { ok: false, diagnostics: [diagnostic('error', 'signatories', `no \`name\` column: the first row must name the columns, e.g. ${KNOWN_COLUMNS.join(',')}`, { file, line: 1, column: 1 })] };
  }
  const unknown = header.filter((name) => name && !KNOWN_COLUMNS.includes(name));
  if (unknown.length > 0) {
    diagnostics.push(diagnostic('warning', 'signatories', `ignoring column${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `\`${n}\``).join(', ')}; known columns are ${KNOWN_COLUMNS.join(', ')}`, { file, line: 1, column: 1 }));
  }
  const signatories: Signatory[] = [];
  for (const { record, info } of rows) {
    // info.lines is where the record ends; a quoted field may span lines.
    const line = info.lines - Object.values(record).join('').split('\n').length + 1;
    const known = Object.fromEntries(Object.entries(record).filter(([key]) => KNOWN_COLUMNS.includes(key)));
    const result = signatorySchema.safeParse(known);
    if (result.success) signatories.push({ ...result.data, line });
    else diagnostics.push(...rowIssues(file, line, result.error));
  }
  return finish(diagnostics, signatories);
}

const signatoryListSchema = z.array(signatorySchema);

export function loadSignatoriesYaml(file: string, text: string): Validated<Signatory[]> {
  const result = parseYaml({ file, text, firstLine: 1 }, signatoryListSchema, 'signatories', () => 'every signatory needs a `name`');
  if (!result.ok) return result;
  const signatories = result.value.map((signatory, index) => ({ ...signatory, line: result.lineOf([index]) }));
  return finish(result.diagnostics, signatories);
}

function finish(diagnostics: Diagnostic[], signatories: Signatory[]): Validated<Signatory[]> {
  return diagnostics.some((d) => d.fatal) ? { ok: false, diagnostics } : { ok: true, value: signatories, diagnostics };
}
