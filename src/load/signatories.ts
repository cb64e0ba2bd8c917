import { z } from 'zod';
import type { Diagnostic } from '../model/diagnostic.js';
import { signatorySchema, type Signatory, type SignatoryCell, type SignatoryField } from '../model/signatory.js';
import { readCsvTable, rowDiagnostics } from './csv.js';
import { parseYaml, type Validated } from './yaml.js';

const CSV_OPTIONS = { columns: Object.keys(signatorySchema.shape), required: 'name', rule: 'signatories' };

/**
 * Signatories from a spreadsheet export: one row each, with its line kept for
 * later diagnostics. A row that is not valid is reported and left out, the
 * others kept, so the checks still look at the rest of the list (the errors
 * hold the statement back all the same).
 */
export function loadSignatoriesCsv(file: string, text: string): Validated<Signatory[]> {
  const table = readCsvTable(file, text, CSV_OPTIONS);
  if (!table.rows) return { ok: false, diagnostics: table.diagnostics };
  const diagnostics = [...table.diagnostics];
  const signatories: Signatory[] = [];
  for (const row of table.rows) {
    const result = signatorySchema.safeParse(row.record);
    if (result.success) signatories.push({ ...result.data, line: row.line, cells: cellsOf(row.record, (field) => row.places[field] ?? { line: row.line, column: 1 }) });
    else diagnostics.push(...rowDiagnostics(file, row, result.error, 'signatory', 'signatories'));
  }
  return { ok: true, value: signatories, diagnostics };
}

const signatoryListSchema = z.array(signatorySchema);
const YAML_TERMS = { rule: 'signatories', document: 'the signatory list', hint: () => 'write one `- name: …` item per signatory, with its other fields (`type:`, `city:`, …) indented below' };

export function loadSignatoriesYaml(file: string, text: string): Validated<Signatory[]> {
  const result = parseYaml({ file, text, firstLine: 1 }, signatoryListSchema, YAML_TERMS);
  if (!result.ok) return result;
  const written = result.input as Record<string, unknown>[];
  const signatories = result.value.map((signatory, index) => ({ ...signatory, line: result.lineOf([index]), cells: cellsOf(written[index] ?? {}, (field) => result.pointOf([index, field])) }));
  return finish(result.diagnostics, signatories);
}

/** The cells of one signatory that hold text, as written, each with where it starts. */
function cellsOf(written: Record<string, unknown>, placeOf: (field: string) => { line: number; column: number }): Signatory['cells'] {
  const cells: Partial<Record<SignatoryField, SignatoryCell>> = {};
  for (const field of Object.keys(signatorySchema.shape) as SignatoryField[]) {
    const text = written[field];
    if (typeof text === 'string' && text !== '') cells[field] = { text, ...placeOf(field) };
  }
  return cells;
}

function finish(diagnostics: Diagnostic[], signatories: Signatory[]): Validated<Signatory[]> {
  return diagnostics.some((d) => d.fatal) ? { ok: false, diagnostics } : { ok: true, value: signatories, diagnostics };
}
