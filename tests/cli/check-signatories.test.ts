import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { lineOf, plant, sampleCopy, SAMPLES_RELEASED } from '../helpers/planted.js';

const SLUG = 'river-basin-water-rights';
const LIST = `statements/${SLUG}/signatories.csv`;
const FORMULA = '"=HYPERLINK(""https://evil.example/"",""Ríos Vivos"")",organization,,,,,';

/** A copy of the sample whose list has "Alianza Ríos Vivos A.C." again as "alianza rios vivos", and a formula as a name. */
async function plantedList(): Promise<string> {
  const project = await sampleCopy(SLUG);
  await plant(project, LIST, (text) => `${text.replace(/^Alianza Ríos Vivos,/m, 'Alianza Ríos Vivos A.C.,').trimEnd()}\nalianza rios vivos,organization,,,,,\n${FORMULA}\n`);
  return project;
}

describe('statements check: signatories', () => {
  it('reports a signatory listed twice under two spellings at both lines, and a formula cell at its line, and exits 1', async () => {
    const project = await plantedList();
    const first = await lineOf(project, LIST, 'Alianza Ríos Vivos A.C.');
    const again = await lineOf(project, LIST, 'alianza rios vivos');
    const formula = await lineOf(project, LIST, '"=HYPERLINK');
    const result = await runCli(['check'], { cwd: project });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `${LIST}:${again}:1: error: "Alianza Ríos Vivos A.C." and "alianza rios vivos" are the same signatory, listed twice: lines ${first} and ${again}; remove one of them (${LIST}:${first}:1: first listed here) [signatories]`,
    );
    expect(result.stdout).toMatch(new RegExp(`^${LIST}:${formula}:2: error: signatory \`name\` starts with "=", which makes a spreadsheet read the cell as a formula .*\\[signatories\\]$`, 'm'));
    expect(result.stdout).toMatch(/^Checked 1 statement: 2 errors, 0 warnings/m);
  });

  it('lists the same findings as JSON, the duplicate with its first line as second place', async () => {
    const project = await plantedList();
    const first = await lineOf(project, LIST, 'Alianza Ríos Vivos A.C.');
    const again = await lineOf(project, LIST, 'alianza rios vivos');
    const formula = await lineOf(project, LIST, '"=HYPERLINK');
    const result = await runCli(['check', '--format', 'json'], { cwd: project });
    expect(result.code).toBe(1);
    const findings = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(findings).toEqual([
      expect.objectContaining({ statement: SLUG, file: LIST, line: again, column: 1, severity: 'error', rule: 'signatories', message: expect.stringContaining(`listed twice: lines ${first} and ${again}`), related: expect.objectContaining({ file: LIST, line: first }) }),
      expect.objectContaining({ statement: SLUG, file: LIST, line: formula, column: 2, severity: 'error', rule: 'signatories', message: expect.stringContaining('starts with "="') }),
    ]);
  });

  it('build keeps the earlier outputs of the statement, and publishes it with --force', async () => {
    const project = await sampleCopy(SLUG);
    expect((await runCli(['build', ...SAMPLES_RELEASED], { cwd: project })).code).toBe(0);
    const page = path.join(project, 'out', SLUG, 'en.html');
    const before = await readFile(page);
    await plant(project, LIST, (text) => `${text.trimEnd()}\n${FORMULA}\n`);

    const refused = await runCli(['build', ...SAMPLES_RELEASED], { cwd: project });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/signatories\.csv:\d+:2: error: signatory `name` starts with "=".*\[signatories\]/);
    expect((await readFile(page)).equals(before)).toBe(true);

    const forced = await runCli(['build', '--force', ...SAMPLES_RELEASED], { cwd: project });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toMatch(/warning: signatory `name` starts with "=".*\(published anyway: --force\) \[signatories\]/);
    // Handlebars writes "=" as &#x3D;.
    expect(await readFile(page, 'utf8')).toContain('&#x3D;HYPERLINK(');
  });
});
