import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/model/diagnostic.js';
import { listStatements, loadStatement, suggestSlug } from '../../src/load/statement.js';
import { FIXTURES } from '../helpers/cli.js';

async function statementsDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'statements-load-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

describe('loadStatement', () => {
  it('loads the complete fixture into one model with both languages and signatories', async () => {
    const { value, diagnostics } = await loadStatement(FIXTURES, 'complete-statement');
    expect(diagnostics).toEqual([]);
    expect(value?.slug).toBe('complete-statement');
    expect(value?.text.en.title).toBe('Fixture coalition demands clean air near schools');
    expect(value?.text.es.title).toBe('Coalición de prueba exige aire limpio cerca de las escuelas');
    expect(value?.signatories).toHaveLength(5);
    expect(value?.text.en.body.children[0]?.type).toBe('paragraph');
    expect(value?.text.en.body.children.some((node) => node.type === 'table')).toBe(true);
    expect(value?.text.en.body.children[0]?.position?.start.line).toBe(15);
  });

  it('lets the translation inherit date, embargo, contacts and dateline, but not subtitle or summary', async () => {
    const dir = await statementsDir({
      'x/en.md': '---\ntitle: T\nsubtitle: S\nsummary: Sum\ndate: 2017-12-04\ndateline: Place\nembargo: 2017-12-04T10:00:00Z\ncontacts:\n  - name: A\n---\nBody\n',
      'x/es.md': '---\ntitle: T es\n---\nCuerpo\n',
    });
    const { value } = await loadStatement(dir, 'x');
    expect(value?.text.es).toMatchObject({ title: 'T es', date: '2017-12-04', dateline: 'Place', embargo: '2017-12-04T10:00:00Z', contacts: [{ name: 'A' }] });
    expect(value?.text.es.subtitle).toBeUndefined();
    expect(value?.text.es.summary).toBeUndefined();
    expect(value?.signatories).toEqual([]);
  });

  it('reports a missing translation and a statement with two signatory lists', async () => {
    const dir = await statementsDir({
      'x/en.md': '---\ntitle: T\ndate: 2017-12-04\n---\n',
      'x/signatories.csv': 'name\nA\n',
      'x/signatories.yaml': '- name: A\n',
    });
    const { value, diagnostics } = await loadStatement(dir, 'x');
    expect(value).toBeUndefined();
    const messages = diagnostics.map(formatDiagnostic);
    expect(messages).toContainEqual(expect.stringMatching(/x\/es\.md: error: missing es\.md \(the Spanish translation\)/));
    expect(messages).toContainEqual(expect.stringMatching(/x\/signatories\.yaml: error: both signatories\.csv and signatories\.yaml exist/));
  });

  it('collects errors from every file at once', async () => {
    const dir = await statementsDir({
      'x/en.md': '---\ndate: 2017-13-01\n---\n',
      'x/es.md': 'no front matter',
      'x/signatories.csv': 'name,type\nA,robot\n',
    });
    const { diagnostics } = await loadStatement(dir, 'x');
    expect(diagnostics.filter((d) => d.fatal).map((d) => path.basename(d.file ?? ''))).toEqual(['en.md', 'en.md', 'es.md', 'signatories.csv']);
  });
});

describe('listStatements', () => {
  it('lists valid folders and reports invalid names with a suggestion', async () => {
    const dir = await statementsDir({ 'good-one/en.md': '', 'Bad Name/en.md': '', '.hidden/x': '' });
    const { value, diagnostics } = await listStatements(dir);
    expect(value).toEqual(['good-one']);
    expect(diagnostics.map(formatDiagnostic)).toEqual([expect.stringMatching(/Bad Name: error: invalid statement folder name "Bad Name": .*e\.g\. bad-name/)]);
  });

  it('suggests a slug from any title-like name', () => {
    expect(suggestSlug('Declaración Ñandutí 2026!')).toBe('declaracion-nanduti-2026');
  });
});
