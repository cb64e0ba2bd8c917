import { describe, expect, it } from 'vitest';
import { formatDiagnostic, isError } from '../../src/model/diagnostic.js';
import { loadSignatoriesCsv, loadSignatoriesYaml } from '../../src/load/signatories.js';

const CSV = 'statements/x/signatories.csv';
const YAML = 'statements/x/signatories.yaml';

function csvErrors(text: string): string[] {
  const result = loadSignatoriesCsv(CSV, text);
  // A list that cannot be read gives nothing; a bad row is reported and left out, the rest kept for the checks.
  if (result.ok) expect(result.value.filter((signatory) => result.diagnostics.some((error) => isError(error) && error.line === signatory.line))).toEqual([]);
  expect(result.diagnostics.some(isError)).toBe(true);
  return result.diagnostics.map(formatDiagnostic);
}

describe('signatories from CSV', () => {
  it('reads RFC 4180 fields with commas, doubled quotes and line breaks, keeping each row’s line', () => {
    const csv =
      'Name,Type,Affiliation,City,State,Country,URL\r\n' +
      '"Red de Cuencas, Montañas y Pueblos",,,Cusco,,Perú,https://red.example.org\r\n' +
      '"Comité ""El Manantial""",organization,,,,,\r\n' +
      '"Ana\r\nPérez",individual,"University, Dept. of Air",,,,\r\n' +
      'Bo,INDIVIDUAL,,,,,\r\n';
    const result = loadSignatoriesCsv(CSV, `\uFEFF${csv}`);
    expect(result.diagnostics).toEqual([]);
    expect(result.ok && result.value).toEqual([
      { name: 'Red de Cuencas, Montañas y Pueblos', type: 'organization', city: 'Cusco', country: 'Perú', url: 'https://red.example.org', line: 2 },
      { name: 'Comité "El Manantial"', type: 'organization', line: 3 },
      { name: 'Ana Pérez', type: 'individual', affiliation: 'University, Dept. of Air', line: 4 },
      { name: 'Bo', type: 'individual', line: 6 },
    ].map((s) => expect.objectContaining(s)));
  });

  it('skips blank lines and warns once about columns it does not use', () => {
    const result = loadSignatoriesCsv(CSV, 'Timestamp,name\n2026-01-01,Org A\n\n2026-01-02,Org B\n');
    expect(result.ok && result.value.map((s) => [s.name, s.line])).toEqual([['Org A', 2], ['Org B', 4]]);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'statements/x/signatories.csv:1:1: warning: ignoring column `timestamp`; known columns are name, type, affiliation, city, state, country, url [signatories]',
    ]);
  });

  it('reports each bad row with its line and what is wrong', () => {
    expect(csvErrors('name,type,url\nGood,,\n,organization,\nThird,robot,\nFourth,,javascript:alert(1)\n')).toEqual([
      'statements/x/signatories.csv:3:1: error: signatory `name` must not be empty [signatories]',
      'statements/x/signatories.csv:4:1: error: signatory `type` ("robot") must be `organization` or `individual` [signatories]',
      'statements/x/signatories.csv:5:1: error: signatory `url` ("javascript:alert(1)") must be a full http:// or https:// address [signatories]',
    ]);
  });

  it('reports a row with too many fields and suggests quoting', () => {
    expect(csvErrors('name,city\nRed de Cuencas, Montañas y Pueblos,Cusco\n')[0]).toMatch(
      /^statements\/x\/signatories\.csv:2:1: error: invalid CSV: .*put quotes around fields that contain commas/,
    );
  });

  it('reports an unclosed quote', () => {
    expect(csvErrors('name\n"Open quote\n')[0]).toMatch(/signatories\.csv:\d+:1: error: invalid CSV: Quote Not Closed/);
  });

  it('needs a name column', () => {
    expect(csvErrors('organisation,city\nA,B\n')[0]).toMatch(/signatories\.csv:1:1: error: no `name` column/);
  });
});

describe('signatories from semicolon- and tab-separated exports', () => {
  it('reads what Excel writes in Spanish, Portuguese and French (semicolons), quoted fields and line numbers included', () => {
    const csv = 'Nombre;Tipo;Ciudad;País\r\n"Red de Cuencas; Montañas y Pueblos";;Cusco;Perú\r\n"Ana\r\nPérez";individual;Lima;Perú\r\nBeta, Alianza;;Quito;Ecuador\r\n';
    const result = loadSignatoriesCsv(CSV, csv.replace('Nombre;Tipo;Ciudad;País', 'name;type;city;country'));
    expect(result.diagnostics).toEqual([]);
    expect(result.ok && result.value.map((s) => [s.name, s.city, s.line])).toEqual([
      ['Red de Cuencas; Montañas y Pueblos', 'Cusco', 2],
      ['Ana Pérez', 'Lima', 3],
      ['Beta, Alianza', 'Quito', 5],
    ]);
  });

  it('reads tab-separated files', () => {
    const result = loadSignatoriesCsv(CSV, 'name\tcity\tcountry\nRed Andina, A.C.\tLa Paz\tBolivia\n');
    expect(result.ok && result.value).toEqual([expect.objectContaining({ name: 'Red Andina, A.C.', city: 'La Paz', country: 'Bolivia', line: 2 })]);
  });

  it('names the delimiter it found when a row has too many fields', () => {
    expect(csvErrors('name;city\nRed; Cuencas;Cusco\n')[0]).toMatch(/signatories\.csv:2:1: error: invalid CSV: .*the columns are separated by semicolons \(as in the header row\), so put quotes around fields that contain semicolons/);
  });
});

describe('signatory cells', () => {
  it('refuse control characters, naming them', () => {
    expect(csvErrors('name,city\nRed\u0000Andina,Lima\nBeta,Qui\u001bto\n')).toEqual([
      'statements/x/signatories.csv:2:1: error: signatory `name` ("Red\\u0000Andina") contains a NUL character (U+0000) at character 4: delete it (most editors do not show it; retype the text around it) [signatories]',
      'statements/x/signatories.csv:3:1: error: signatory `city` ("Qui\\u001bto") contains an escape character (U+001B) at character 4: delete it (most editors do not show it; retype the text around it) [signatories]',
    ]);
  });

  it('hold at most 500 characters', () => {
    expect(loadSignatoriesCsv(CSV, `name\n${'a'.repeat(500)}\n`).ok).toBe(true);
    expect(csvErrors(`name\n${'a'.repeat(501)}\n`)).toEqual([
      `statements/x/signatories.csv:2:1: error: signatory \`name\` ("${'a'.repeat(60)}…") is 501 characters long; at most 500 are allowed: shorten it [signatories]`,
    ]);
  });
});

describe('signatories from YAML', () => {
  it('reports an alias bomb as an error', () => {
    const bomb = ['- name: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcd'.split('').map((name, index) => `- name: &${name} [${Array(10).fill(`*${'abc'[index]}`).join(', ')}]`)];
    const result = loadSignatoriesYaml(YAML, bomb.join('\n'));
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([expect.stringMatching(/^statements\/x\/signatories\.yaml:2:\d+: error: these YAML aliases \(`\*name`\) expand to more than 100 copies/)]);
  });

  it('says the file must be a list when it is fields', () => {
    const result = loadSignatoriesYaml(YAML, 'name: Red Andina\ncity: La Paz\n');
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'statements/x/signatories.yaml:1:1: error: the signatory list must be a list (one `- ` line per item), not fields: start each item with `- ` [signatories]',
    ]);
  });

  it('reads a list and records each item’s line', () => {
    const result = loadSignatoriesYaml(YAML, '# comment\n- name: Org A\n  city: Łódź\n- name: Nguyễn Thị Lan\n  type: individual\n  affiliation: University\n');
    expect(result.ok && result.value.map((s) => [s.name, s.type, s.line])).toEqual([
      ['Org A', 'organization', 2],
      ['Nguyễn Thị Lan', 'individual', 4],
    ]);
  });

  it('points at the item that is invalid', () => {
    const result = loadSignatoriesYaml(YAML, '- name: A\n- city: Nowhere\n- name: C\n  type: company\n');
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^statements\/x\/signatories\.yaml:2:3: error: missing required field `1.name`/),
      expect.stringMatching(/^statements\/x\/signatories\.yaml:4:9: error: `2.type` must be `organization` or `individual`/),
    ]);
  });
});
