import { mkdir, mkdtemp, readFile, stat, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixStatementFiles } from '../../src/build/fix.js';
import type { CheckContext } from '../../src/check/rule.js';
import { projectCheckContext } from '../helpers/context.js';

let ctx: CheckContext;

beforeAll(async () => {
  ctx = await projectCheckContext();
});

/** A statements folder holding one statement `water` with these files. */
async function statementsWith(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'statements-fix-'));
  await mkdir(path.join(dir, 'water'));
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, 'water', name), content);
  return dir;
}

const EN = '---\ntitle: "Water"\ndate: 2026-12-03\n---\n\nThe basin\'s flow fell 31 %.\n';

describe('check --fix on the files of a statement', () => {
  it('fixes each language with its own conventions, keeping a byte order mark, CRLF and a missing last newline', async () => {
    const es = '\uFEFF---\r\ntitle: "Agua"\r\n---\r\n\r\nDijo "basta" y cayó un 31%.';
    const dir = await statementsWith({ 'en.md': EN, 'es.md': es });
    const [result] = await fixStatementFiles(dir, ['water'], ctx);
    expect(result!.diagnostics).toEqual([]);
    expect(result!.fixed.map(({ file, count }) => [path.basename(file), count])).toEqual([['en.md', 2], ['es.md', 3]]);
    expect(await readFile(path.join(dir, 'water/en.md'), 'utf8')).toBe('---\ntitle: "Water"\ndate: 2026-12-03\n---\n\nThe basin’s flow fell 31%.\n');
    const bytes = await readFile(path.join(dir, 'water/es.md'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toBe('\uFEFF---\r\ntitle: "Agua"\r\n---\r\n\r\nDijo «basta» y cayó un 31\u00a0%.');
  });

  it('writes nothing when nothing is to fix, and a second run changes nothing', async () => {
    const dir = await statementsWith({ 'en.md': EN });
    await fixStatementFiles(dir, ['water'], ctx);
    const file = path.join(dir, 'water/en.md');
    const before = await stat(file);
    const [again] = await fixStatementFiles(dir, ['water'], ctx);
    expect(again!.fixed).toEqual([]);
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
  });

  it('keeps the file mode of a file it rewrites', async () => {
    const dir = await statementsWith({ 'en.md': EN });
    await chmod(path.join(dir, 'water/en.md'), 0o640);
    await fixStatementFiles(dir, ['water'], ctx);
    expect((await stat(path.join(dir, 'water/en.md'))).mode & 0o777).toBe(0o640);
  });

  it('leaves a statement that does not load to the check, changing nothing', async () => {
    const broken = EN.replace('date: 2026-12-03', 'titel: "typo"');
    const dir = await statementsWith({ 'en.md': broken });
    expect(await fixStatementFiles(dir, ['water'], ctx)).toEqual([{ slug: 'water', fixed: [], diagnostics: [] }]);
    expect(await readFile(path.join(dir, 'water/en.md'), 'utf8')).toBe(broken);
  });

  it('leaves a file that is not UTF-8 as it is, with a warning', async () => {
    const windows1252 = Buffer.from('---\ntitle: "Agua"\n---\n\nDijo "basta" en la estaci\xf3n.\n', 'latin1');
    const utf16 = Buffer.from(`\uFEFF${EN}`, 'utf16le');
    const dir = await statementsWith({ 'en.md': utf16, 'es.md': windows1252 });
    const [result] = await fixStatementFiles(dir, ['water'], ctx);
    expect(result!.fixed).toEqual([]);
    expect(result!.diagnostics.map((finding) => [path.basename(String(finding.file)), finding.ruleId, finding.fatal])).toEqual([
      ['en.md', 'encoding', false],
      ['es.md', 'encoding', false],
    ]);
    expect(result!.diagnostics[0]!.reason).toMatch(/^not fixed: this file is not UTF-8/);
    expect(await readFile(path.join(dir, 'water/es.md'))).toEqual(windows1252);
    expect(await readFile(path.join(dir, 'water/en.md'))).toEqual(utf16);
  });
});
