import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { lineOf, plant, sampleCopy, SAMPLES_RELEASED } from '../helpers/planted.js';

const SLUG = 'river-basin-water-rights';
const EN = `statements/${SLUG}/en.md`;
const NOW = ['--now', '2026-11-20T12:00:00Z'];

/** A copy of the sample whose embargo lifts the day before its date (2026-12-03). */
async function earlyEmbargo(): Promise<string> {
  const project = await sampleCopy(SLUG);
  await plant(project, EN, (text) => text.replace('embargo: 2026-12-03T09:00:00-06:00', 'embargo: 2026-12-02T09:00:00-06:00'));
  return project;
}

describe('statements check: dates', () => {
  it('reports an embargo before the date at the embargo, naming the date as second place, and exits 1', async () => {
    const project = await earlyEmbargo();
    const embargo = await lineOf(project, EN, 'embargo:');
    const date = await lineOf(project, EN, 'date:');
    const result = await runCli(['check', ...NOW], { cwd: project });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `${EN}:${embargo}:10: error: the embargo lifts on 2026-12-02 at 09:00 in America/Costa_Rica, before the statement's date 2026-12-03: the release would be out before the day it is dated; correct the embargo or the date (${EN}:${date}:7: the statement's date) [dates]`,
    );

    const json = await runCli(['check', SLUG, '--format', 'json', ...NOW], { cwd: project });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual([
      {
        statement: SLUG,
        file: EN,
        line: embargo,
        column: 10,
        severity: 'error',
        rule: 'dates',
        message: expect.stringContaining('the embargo lifts on 2026-12-02 at 09:00'),
        related: { file: EN, line: date, column: 7, message: "the statement's date" },
      },
    ]);
  });

  it('build keeps the earlier outputs of the statement, and publishes it with --force', async () => {
    const project = await sampleCopy(SLUG);
    expect((await runCli(['build', ...SAMPLES_RELEASED], { cwd: project })).code).toBe(0);
    const page = path.join(project, 'out', SLUG, 'es.html');
    const before = await readFile(page);
    await plant(project, EN, (text) => text.replace('embargo: 2026-12-03T09:00:00-06:00', 'embargo: 2026-12-02T09:00:00-06:00'));

    const refused = await runCli(['build', ...SAMPLES_RELEASED], { cwd: project });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/en\.md:\d+:10: error: the embargo lifts on 2026-12-02 at 09:00 .*\[dates\]/);
    expect((await readFile(page)).equals(before)).toBe(true);

    const forced = await runCli(['build', '--force', ...SAMPLES_RELEASED], { cwd: project });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toMatch(/warning: the embargo lifts on 2026-12-02 .*\(published anyway: --force\) \[dates\]/);
    expect(await readFile(page, 'utf8')).toContain('2 de diciembre de 2026');
  });
});
