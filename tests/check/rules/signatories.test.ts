import { describe, expect, it } from 'vitest';
import { signatories as rule } from '../../../src/check/rules/signatories.js';
import { loadSignatoriesCsv, loadSignatoriesYaml } from '../../../src/load/signatories.js';
import { formatDiagnostic } from '../../../src/model/diagnostic.js';
import { fixtureStatement, projectCheckContext } from '../../helpers/context.js';

const statement = await fixtureStatement('complete-statement');
const ctx = await projectCheckContext();
const CSV = 'statements/x/signatories.csv';
const YAML = 'statements/x/signatories.yaml';

/** The rule's findings on a signatory list read from `text`, as printed. */
async function findings(text: string, file = CSV): Promise<string[]> {
  const loaded = file.endsWith('.csv') ? loadSignatoriesCsv(file, text) : loadSignatoriesYaml(file, text);
  if (!loaded.ok) throw new Error(loaded.diagnostics.map(formatDiagnostic).join('\n'));
  return (await rule.check({ ...statement, signatories: loaded.value, signatoriesFile: file }, ctx)).map(formatDiagnostic);
}

describe('signatories: duplicates', () => {
  it('finds a signatory typed twice with different case, accents, punctuation or legal form, naming both lines', async () => {
    expect(await findings('name,type\nAlianza Ríos Vivos A.C.,organization\nBeta,organization\nalianza rios  vivos,organization\n')).toEqual([
      `${CSV}:4:1: error: "Alianza Ríos Vivos A.C." and "alianza rios vivos" are the same signatory, listed twice: lines 2 and 4; remove one of them [signatories]\n` +
        `  ${CSV}:2:1: note: first listed here [signatories]`,
    ]);
  });

  it.each([
    ['Red Andina, Inc.', 'Red Andina Inc'],
    ['Verein für Flüsse e.V.', 'Verein fur Flusse'],
    ['Fundação Terra Ltda.', 'FUNDACAO TERRA'],
    ['Agua Limpia, S.A. de C.V.', 'Agua Limpia'],
    ['Riverkeepers Ltd', 'Riverkeepers LLC'],
  ])('treats "%s" and "%s" as one signatory', async (first, second) => {
    expect(await findings(`name\n"${first}"\n"${second}"\n`)).toEqual([expect.stringContaining('listed twice: lines 2 and 3')]);
  });

  it('names the lines of an identical name listed twice', async () => {
    expect(await findings('name\nBeta\nBeta\n')).toEqual([expect.stringMatching(/^statements\/x\/signatories\.csv:3:1: error: "Beta" is listed twice: lines 2 and 3; remove one of them/)]);
  });

  it('keeps apart names that differ by more than a legal form, an article, or that are only a legal form', async () => {
    expect(await findings('name\nAlianza Ríos Vivos\nAlianza Ríos Muertos\nLa Vía Campesina\nVía Campesina\nA.C.\nInc.\n')).toEqual([]);
  });

  it('keeps an organisation and a person of the same name apart', async () => {
    expect(await findings('name,type\nAna Paz,organization\nAna Paz,individual\n')).toEqual([]);
  });

  it('points at the name in a YAML list', async () => {
    expect(await findings('- name: Beta A.C.\n- city: Lima\n  name: beta\n', YAML)).toEqual([
      `${YAML}:3:9: error: "Beta A.C." and "beta" are the same signatory, listed twice: lines 1 and 2; remove one of them [signatories]\n  ${YAML}:1:9: note: first listed here [signatories]`,
    ]);
  });

  it('finds nothing in the fixture', async () => {
    expect(await rule.check(statement, ctx)).toEqual([]);
  });
});

describe('signatories: formula injection', () => {
  it('reports a cell starting with =, +, - or @ at its line and column, in any column', async () => {
    const csv = 'name,city,country\n"=HYPERLINK(""https://evil.example"",""Click"")",Lima,Perú\nBeta,+Lima,Perú\n- Ana,Quito,Ecuador\nGamma,Cusco,"  @Perú"\n';
    expect(await findings(csv)).toEqual([
      `${CSV}:2:2: error: signatory \`name\` starts with "=", which makes a spreadsheet read the cell as a formula (and run it when the list is opened or exported): delete the "=" at its start [signatories]`,
      `${CSV}:3:6: error: signatory \`city\` starts with "+", which makes a spreadsheet read the cell as a formula (and run it when the list is opened or exported): delete the "+" at its start [signatories]`,
      `${CSV}:4:1: error: signatory \`name\` starts with "-", which makes a spreadsheet read the cell as a formula (and run it when the list is opened or exported): delete the "-" at its start [signatories]`,
      `${CSV}:5:16: error: signatory \`country\` starts with "@", which makes a spreadsheet read the cell as a formula (and run it when the list is opened or exported): delete the "@" at its start [signatories]`,
    ]);
  });

  it('reports a quoted cell starting with a tab or a line break, which the loader would otherwise trim away', async () => {
    expect(await findings('name,city\n"\tRed Andina",Lima\nBeta,"\r\nLima"\n')).toEqual([
      expect.stringMatching(/^statements\/x\/signatories\.csv:2:2: error: signatory `name` starts with a tab, .*: delete the tab at its start \[signatories\]$/),
      expect.stringMatching(/^statements\/x\/signatories\.csv:3:7: error: signatory `city` starts with a line break, .*: delete the line break at its start \[signatories\]$/),
    ]);
  });

  it('reports a tab at the start of a quoted YAML value, pointing at the text after it', async () => {
    expect(await findings('- name: "\\t@riosvivos"\n', YAML)).toEqual([expect.stringMatching(/^statements\/x\/signatories\.yaml:1:12: error: signatory `name` starts with a tab/)]);
  });

  it('accepts those characters inside a cell, and a hyphenated name', async () => {
    expect(await findings('name,city\nRíos = Vida + Agua - Sal @ Mar,Saint-Denis\nJean-Luc Dupont,Lima\n')).toEqual([]);
  });
});

describe('signatories: markup', () => {
  it.each([
    ['<b>Alianza</b> Ríos Vivos', 'an HTML tag ("<b>")'],
    ['<a href="https://evil.example">Alianza</a>', 'an HTML tag ("<a href=\\"https://evil.example\\">")'],
    ['[Alianza](https://evil.example)', 'a Markdown link ("[Alianza](https://evil.example)")'],
    ['**Alianza** Ríos Vivos', 'Markdown emphasis ("**Alianza**")'],
    ['Ríos &amp; Vivos', 'an HTML entity ("&amp;")'],
  ])('reports %s at its line', async (name, what) => {
    expect(await findings(`name,city\nBeta,Lima\n${JSON.stringify(name).replace(/\\"/g, '""')},Lima\n`)).toEqual([
      `${CSV}:3:2: error: signatory \`name\` holds ${what}, which every output would show as typed (signatories are plain text): write the text without it [signatories]`,
    ]);
  });

  it('accepts plain text that looks a little like markup, and underscores in a web address', async () => {
    expect(await findings('name,affiliation,url\nRíos & Vivos,"Dept. of Air [retired] (2020)",https://example.org/a__b__c\nA < B > C,x*y,\n')).toEqual([]);
  });
});

describe('signatories: load errors', () => {
  it('names the line of an empty name and of a bad web address, in CSV and YAML', () => {
    const csv = loadSignatoriesCsv(CSV, 'name,url\nBeta,\n  ,\nGamma,javascript:alert(1)\n');
    expect(csv.diagnostics.map(formatDiagnostic)).toEqual([
      `${CSV}:3:1: error: signatory \`name\` must not be empty [signatories]`,
      `${CSV}:4:1: error: signatory \`url\` ("javascript:alert(1)") must be a full http:// or https:// address [signatories]`,
    ]);
    const yaml = loadSignatoriesYaml(YAML, '- name: Beta\n- name: ""\n- name: Gamma\n  url: javascript:alert(1)\n');
    expect(yaml.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^statements\/x\/signatories\.yaml:2:\d+: error: .*`1\.name` must not be empty \[signatories\]$/),
      expect.stringMatching(/^statements\/x\/signatories\.yaml:4:\d+: error: .*`2\.url` must be a full http:\/\/ or https:\/\/ address \[signatories\]$/),
    ]);
  });
});
