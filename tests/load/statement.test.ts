import { mkdtemp, mkdir, symlink, writeFile } from 'node:fs/promises';
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
    expect(value?.text.en!.title).toBe('Fixture coalition demands clean air near schools');
    expect(value?.text.es!.title).toBe('Coalición de prueba exige aire limpio cerca de las escuelas');
    expect(value?.signatories).toHaveLength(5);
    expect(value?.text.en!.body.children[0]?.type).toBe('paragraph');
    expect(value?.text.en!.body.children.some((node) => node.type === 'table')).toBe(true);
    expect(value?.text.en!.body.children[0]?.position?.start.line).toBe(16);
  });

  it('lets the translation inherit date, embargo, contacts and dateline, but not subtitle or summary', async () => {
    const dir = await statementsDir({
      'x/en.md': '---\ntitle: T\nsubtitle: S\nsummary: Sum\ndate: 2017-12-04\ndateline: Place\nembargo: 2017-12-04T10:00:00Z\ncontacts:\n  - name: A\n---\nBody\n',
      'x/es.md': '---\ntitle: T es\n---\nCuerpo\n',
    });
    const { value } = await loadStatement(dir, 'x');
    expect(value?.text.es).toMatchObject({ title: 'T es', date: '2017-12-04', dateline: 'Place', embargo: '2017-12-04T10:00:00Z', contacts: [{ name: 'A' }] });
    expect(value?.text.es!.subtitle).toBeUndefined();
    expect(value?.text.es!.summary).toBeUndefined();
    expect(value?.signatories).toEqual([]);
  });

  it('reports a statement with two signatory lists', async () => {
    const dir = await statementsDir({
      'x/en.md': '---\ntitle: T\ndate: 2017-12-04\n---\n',
      'x/es.md': '---\ntitle: T\n---\n',
      'x/signatories.csv': 'name\nA\n',
      'x/signatories.yaml': '- name: A\n',
    });
    const { value, diagnostics } = await loadStatement(dir, 'x');
    expect(value).toBeUndefined();
    expect(diagnostics.map(formatDiagnostic)).toContainEqual(expect.stringMatching(/x\/signatories\.yaml: error: both signatories\.csv and signatories\.yaml exist/));
  });

  it('publishes a statement without a missing translation, with a warning; a missing original is an error', async () => {
    const dir = await statementsDir({ 'x/en.md': '---\ntitle: T\ndate: 2017-12-04\n---\n', 'y/es.md': '---\ntitle: T\n---\n' });
    const { value, diagnostics } = await loadStatement(dir, 'x');
    expect(value?.languages).toEqual(['en']);
    expect(Object.keys(value?.text ?? {})).toEqual(['en']);
    expect(diagnostics.map(formatDiagnostic)).toEqual([expect.stringMatching(/x: warning: no es\.md: this statement is published without its Spanish translation .*add es\.md to publish it in Spanish \[missing-translation\]$/)]);
    const original = await loadStatement(dir, 'y');
    expect(original.value).toBeUndefined();
    expect(original.diagnostics.map(formatDiagnostic)).toEqual([expect.stringMatching(/y\/en\.md: error: missing en\.md \(the English original\)/)]);
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

describe('loadStatement: files as people really save them', () => {
  const EN = '---\ntitle: Rivers belong to the communities\ndate: 2026-03-22\n---\nThe signatories demand it.\n';
  const ES = '---\ntitle: Los ríos son de las comunidades\n---\nLas organizaciones firmantes lo exigen.\n';

  it('reads a Windows-1252 signatory list and a Latin-1 translation, with a warning for each', async () => {
    const dir = await statementsDir({ 'x/en.md': EN });
    await writeFile(path.join(dir, 'x/es.md'), Buffer.from(ES, 'latin1'));
    await writeFile(path.join(dir, 'x/signatories.csv'), Buffer.from('name;city;country\nAsociación Ñandutí;Asunción;Paraguay\nComité de Cuenca;Cusco;Perú\n', 'latin1'));
    const { value, diagnostics } = await loadStatement(dir, 'x');
    expect(value?.text.es!.title).toBe('Los ríos son de las comunidades');
    expect(value?.signatories.map((s) => [s.name, s.city, s.line])).toEqual([
      ['Asociación Ñandutí', 'Asunción', 2],
      ['Comité de Cuenca', 'Cusco', 3],
    ]);
    expect(diagnostics.map((d) => `${path.basename(d.file ?? '')}:${d.line}:${d.column} ${d.fatal ? 'error' : 'warning'} ${d.reason.split(':')[0]}`)).toEqual([
      'es.md:2:13 warning the Spanish translation (es.md) is not UTF-8',
      'signatories.csv:2:9 warning the signatory list is not UTF-8',
    ]);
  });

  it('reports a replacement character left by an earlier conversion, instead of publishing it', async () => {
    const dir = await statementsDir({ 'x/en.md': EN, 'x/es.md': ES, 'x/signatories.csv': 'name\nAsociaci\uFFFDn \uFFFDandut\uFFFD\n' });
    const { value, diagnostics } = await loadStatement(dir, 'x');
    expect(value).toBeUndefined();
    expect(diagnostics.map(formatDiagnostic)).toEqual([expect.stringMatching(/x\/signatories\.csv:2:9: error: the signatory list contains the replacement character U\+FFFD/)]);
  });

  it('refuses quotes and lists nested more than ten deep, at the one that goes deeper, before parsing them', async () => {
    const dir = await statementsDir({ 'x/en.md': `${EN}\n${'>'.repeat(10_000)} Deep.\n`, 'x/es.md': ES });
    const { value, diagnostics } = await loadStatement(dir, 'x');
    expect(value).toBeUndefined();
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/x\/en\.md:7:11: error: block quotes and lists nest more than 10 levels deep here \(they count together, in Markdown or HTML\): flatten the structure.* \[nesting\]$/),
    ]);
  });

  it('names the file and what it found when an input is not a regular file', async () => {
    const dir = await statementsDir({ 'x/en.md': EN, 'x/signatories.csv/README': 'a folder' });
    await symlink('/dev/urandom', path.join(dir, 'x/es.md'));
    const { diagnostics } = await loadStatement(dir, 'x');
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/x\/es\.md: error: the Spanish translation \(es\.md\) must be a regular file, but this is a device \(it leads to \/dev\/urandom\): put the file itself here \[input\]$/),
      expect.stringMatching(/x\/signatories\.csv: error: the signatory list must be a regular file, but this is a folder: put the file itself here \[input\]$/),
    ]);
  });
});

describe('listStatements', () => {
  it('says a statements folder that is a file must be a folder', async () => {
    const dir = await statementsDir({ statements: 'not a folder' });
    const { value, diagnostics } = await listStatements(path.join(dir, 'statements'));
    expect(value).toBeUndefined();
    expect(diagnostics.map((d) => d.reason)).toEqual(['the statements folder (--statements) must be a folder, but this is a file: give the path of a folder']);
  });

  it('lists a statement folder reached through a symbolic link, and reports a link that loops', async () => {
    const dir = await statementsDir({ 'elsewhere/en.md': '' });
    await mkdir(path.join(dir, 'statements'));
    await symlink(path.join(dir, 'elsewhere'), path.join(dir, 'statements', 'linked'));
    await symlink('loop', path.join(dir, 'statements', 'loop'));
    const { value, diagnostics } = await listStatements(path.join(dir, 'statements'));
    expect(value).toEqual(['linked']);
    expect(diagnostics.map(formatDiagnostic)).toEqual([expect.stringMatching(/statements\/loop: error: this symbolic link leads back to itself \(a loop\)/)]);
  });

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
