import { z } from 'zod';
import type { Diagnostic } from '../model/diagnostic.js';
import { signatorySchema, type Signatory } from '../model/signatory.js';
import { readCsvTable, rowDiagnostics } from './csv.js';
import { parseYaml, type Validated } from './yaml.js';

const CSV_OPTIONS = { columns: Object.keys(signatorySchema.shape), required: 'name', rule: 'signatories' };

/** Signatories from a spreadsheet export: one row each, with its line kept for later diagnostics. */
export function loadSignatoriesCsv(file: string, text: string): Validated<Signatory[]> {
  const table = readCsvTable(file, text, CSV_OPTIONS);
  if (!table.rows) return { ok: false, diagnostics: table.diagnostics };
  const diagnostics = [...table.diagnostics];
  const signatories: Signatory[] = [];
  for (const row of table.rows) {
    const result = signatorySchema.safeParse(row.record);
    if (result.success) signatories.push({ ...result.data, line: row.line });
    else diagnostics.push(...rowDiagnostics(file, row, result.error, 'signatory', 'signatories'));
  }
  return finish(diagnostics, signatories);
}

const signatoryListSchema = z.array(signatorySchema);
const YAML_TERMS = { rule: 'signatories', document: 'the signatory list', hint: () => 'write one `- name: …` item per signatory, with its other fields (`type:`, `city:`, …) indented below' };

export function loadSignatoriesYaml(file: string, text: string): Validated<Signatory[]> {
  const result = parseYaml({ file, text, firstLine: 1 }, signatoryListSchema, YAML_TERMS);
  if (!result.ok) return result;
  const signatories = result.value.map((signatory, index) => ({ ...signatory, line: result.lineOf([index]) }));
  return finish(result.diagnostics, signatories);
}

function finish(diagnostics: Diagnostic[], signatories: Signatory[]): Validated<Signatory[]> {
  return diagnostics.some((d) => d.fatal) ? { ok: false, diagnostics } : { ok: true, value: signatories, diagnostics };
}
