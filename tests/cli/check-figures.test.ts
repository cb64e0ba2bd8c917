import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { lineOf, plant, sampleCopy, SAMPLES_RELEASED } from '../helpers/planted.js';

const SLUG = 'river-basin-water-rights';
const ES = `statements/${SLUG}/es.md`;
const EN = `statements/${SLUG}/en.md`;

/** A copy of the sample whose Spanish moves the start of the dry season a year back. */
async function changedYear(): Promise<string> {
  const project = await sampleCopy(SLUG);
  await plant(project, ES, (text) => text.replace('15 de enero de 2027', '15 de enero de 2026'));
  return project;
}

/** Line and column of a text in a file of the project. */
async function placeOf(project: string, file: string, needle: string): Promise<{ line: number; column: number }> {
  const line = await lineOf(project, file, needle);
  const text = (await readFile(path.join(project, file), 'utf8')).split('\n')[line - 1]!;
  return { line, column: text.indexOf(needle) + 1 };
}

describe('statements check: figures', () => {
  it('reports a changed year at its line and column in the Spanish, naming the English, and exits 1', async () => {
    const project = await changedYear();
    const es = await placeOf(project, ES, '15 de enero de 2026');
    const en = await placeOf(project, EN, '15 January 2027');
    const result = await runCli(['check'], { cwd: project });
    expect(result.code).toBe(1);
    const errors = result.stdout.split('\n').filter((line) => line.includes(': error: '));
    expect(errors).toEqual([
      `${ES}:${es.line}:${es.column}: error: 15 de enero de 2026 differs from 15 January 2027 in the original (${EN}:${en.line}:${en.column}): write 15 January 2027 here (in this language's format), or correct the original if it is the one that is wrong (${EN}:${en.line}:${en.column}: the original's 15 January 2027) [figures]`,
    ]);
  });

  it('lists the finding as JSON with the original as its second place', async () => {
    const project = await changedYear();
    const es = await placeOf(project, ES, '15 de enero de 2026');
    const en = await placeOf(project, EN, '15 January 2027');
    const result = await runCli(['check', SLUG, '--format', 'json'], { cwd: project });
    expect(result.code).toBe(1);
    const findings = (JSON.parse(result.stdout) as Record<string, unknown>[]).filter((finding) => finding.severity === 'error');
    expect(findings).toEqual([
      {
        statement: SLUG,
        file: ES,
        ...es,
        severity: 'error',
        rule: 'figures',
        message: expect.stringContaining('15 de enero de 2026 differs from 15 January 2027'),
        related: expect.objectContaining({ file: EN, ...en }),
      },
    ]);
  });

  it('build refuses the statement and keeps its earlier outputs, and publishes it with --force', async () => {
    const project = await sampleCopy(SLUG);
    expect((await runCli(['build', ...SAMPLES_RELEASED], { cwd: project })).code).toBe(0);
    const page = path.join(project, 'out', SLUG, 'es.html');
    const before = await readFile(page);
    await plant(project, ES, (text) => text.replace('15 de enero de 2027', '15 de enero de 2026'));

    const refused = await runCli(['build', ...SAMPLES_RELEASED], { cwd: project });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/es\.md:\d+:\d+: error: 15 de enero de 2026 differs from 15 January 2027 .*\[figures\]/);
    expect((await readFile(page)).equals(before)).toBe(true);

    const forced = await runCli(['build', '--force', ...SAMPLES_RELEASED], { cwd: project });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toMatch(/warning: 15 de enero de 2026 differs .*\(published anyway: --force\) \[figures\]/);
    expect(await readFile(page, 'utf8')).toContain('15 de enero de 2026');
  });
});
