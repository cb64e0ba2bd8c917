import { parse as parseCsv, CsvError } from 'csv-parse/sync';
import type { z } from 'zod';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';

export interface CsvRow {
  /**
   * Cells of the known columns, keyed by lower-cased column name: the text
   * between the quotes of a quoted field as written (a leading tab or line
   * break kept), the text of an unquoted one without the spaces around it.
   */
  record: Record<string, string>;
  /** Line the row starts on. */
  line: number;
  /** Where each known column's cell starts (its first character inside the quotes). */
  places: Record<string, { line: number; column: number }>;
}

export interface CsvTableOptions {
  /** Columns we read; others (a form's timestamp) are reported once and ignored. */
  columns: readonly string[];
  /** The column without which the table means nothing. */
  required: string;
  /** Rule name for diagnostics (`signatories`, `recipients`). */
  rule: string;
}

const DELIMITERS = [',', ';', '\t'] as const;
const DELIMITER_NAMES: Record<string, string> = { ',': 'commas', ';': 'semicolons', '\t': 'tabs' };

/**
 * The delimiter of a spreadsheet export, from its header row: the one of comma,
 * semicolon (Excel in Spanish, Portuguese and French) and tab that occurs most
 * outside quotes; a comma when there is none (a one-column file).
 */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const character of text) {
    if (character === '"') quoted = !quoted;
    else if (!quoted && (character === '\n' || character === '\r')) break;
    else if (!quoted && counts.has(character)) counts.set(character, (counts.get(character) ?? 0) + 1);
  }
  return DELIMITERS.reduce((best, d) => ((counts.get(d) ?? 0) > (counts.get(best) ?? 0) ? d : best), ',');
}

/**
 * A spreadsheet export as rows of known columns with their line numbers.
 * RFC 4180: quoted fields may hold delimiters, doubled quotes and line breaks;
 * comma-, semicolon- and tab-separated files are read alike ({@link detectDelimiter});
 * column names match case-insensitively; blank lines are skipped.
 */
export function readCsvTable(file: string, text: string, options: CsvTableOptions): { rows?: CsvRow[]; diagnostics: Diagnostic[] } {
  let parsed: { record: Record<string, string>; raw: string; info: { lines: number } }[];
  let header: string[] = [];
  const delimiter = detectDelimiter(text);
  try {
    // csv-parse counts a CRLF inside a quoted field as two lines; LF-only keeps line numbers true.
    parsed = parseCsv(text.replace(/\r\n?/g, '\n'), {
      bom: true,
      delimiter,
      columns: (names: string[]) => (header = names.map((name) => name.trim().toLowerCase())),
      info: true,
      raw: true,
      skip_empty_lines: true,
      trim: true,
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const detail = error as CsvError & { lines?: number };
    const separator = DELIMITER_NAMES[delimiter] ?? delimiter;
    const hint = error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' || error.code === 'CSV_RECORD_INCONSISTENT_COLUMNS' ? `: the columns are separated by ${separator} (as in the header row), so put quotes around fields that contain ${separator}` : '';
    return { diagnostics: [diagnostic('error', options.rule, `invalid CSV: ${error.message}${hint}`, { file, line: detail.lines ?? 1, column: 1 })] };
  }
  if (!header.includes(options.required)) {
    const reason = `no \`${options.required}\` column: the first row must name the columns, e.g. ${options.columns.join(',')}`;
    return { diagnostics: [diagnostic('error', options.rule, reason, { file, line: 1, column: 1 })] };
  }
  const diagnostics: Diagnostic[] = [];
  const unknown = header.filter((name) => name && !options.columns.includes(name));
  if (unknown.length > 0) {
    const reason = `ignoring column${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `\`${n}\``).join(', ')}; known columns are ${options.columns.join(', ')}`;
    diagnostics.push(diagnostic('warning', options.rule, reason, { file, line: 1, column: 1 }));
  }
  const rows = parsed.map(({ record, raw, info }) => {
    // info.lines is where the record ends; a quoted field may span lines.
    const line = info.lines - Object.values(record).join('').split('\n').length + 1;
    const starts = cellStarts(raw.replace(/^\n+/, ''), delimiter, line);
    const known = (key: string) => options.columns.includes(key);
    return {
      record: Object.fromEntries(Object.entries(record).filter(([key]) => known(key))),
      line,
      places: Object.fromEntries(header.flatMap((key, index) => (known(key) && starts[index] ? [[key, starts[index]]] : []))),
    };
  });
  return { rows, diagnostics };
}

/**
 * Where each field of one record starts, from the record's text (csv-parse
 * tells the text, not the positions): inside the opening quote of a quoted
 * field, after the spaces before an unquoted one. `line` is the record's first line.
 */
function cellStarts(raw: string, delimiter: string, line: number): { line: number; column: number }[] {
  const starts: { line: number; column: number }[] = [];
  const placeOf = (offset: number) => {
    const before = raw.slice(0, offset);
    const lineStart = before.lastIndexOf('\n') + 1;
    return { line: line + before.split('\n').length - 1, column: offset - lineStart + 1 };
  };
  const blank = (character: string | undefined) => character === ' ' || (character === '\t' && delimiter !== '\t');
  for (let at = 0; ; at++) {
    while (blank(raw[at])) at++;
    if (raw[at] === '"') {
      starts.push(placeOf(at + 1));
      for (at++; at < raw.length; at++) {
        if (raw[at] !== '"') continue;
        if (raw[at + 1] !== '"') break;
        at++;
      }
    } else starts.push(placeOf(at));
    while (at < raw.length && raw[at] !== delimiter && raw[at] !== '\n') at++;
    if (raw[at] !== delimiter) return starts;
  }
}

/** One diagnostic per schema issue of a row, quoting the cell: `signatory \`url\` ("javascript:…") must be …`. */
export function rowDiagnostics(file: string, row: CsvRow, error: z.ZodError, noun: string, rule: string): Diagnostic[] {
  return error.issues.map((issue) => {
    const field = String(issue.path[0] ?? '');
    const reason = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
    const cell = row.record[field];
    const value = cell ? ` (${JSON.stringify(cell.length > 60 ? `${cell.slice(0, 60)}…` : cell)})` : '';
    return diagnostic('error', rule, `${noun} \`${field}\`${value} ${reason}`, { file, line: row.line, column: 1 });
  });
}
