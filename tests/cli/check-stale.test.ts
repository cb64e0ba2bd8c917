import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { lineOf, plant, sampleCopy, SAMPLES_RELEASED } from '../helpers/planted.js';

const SLUG = 'river-basin-water-rights';
const EN = `statements/${SLUG}/en.md`;
const ES = `statements/${SLUG}/es.md`;
/** The English paragraph edited after the Spanish was stamped, and its Spanish counterpart. */
const EDITED = 'Over the last five years';
const TRANSLATED = 'En los últimos cinco años';

/** A copy of the (stamped) sample whose English paragraph about the river's flow was edited afterwards. */
async function editedAfterStamp(): Promise<string> {
  const project = await sampleCopy(SLUG);
  await plant(project, EN, (text) => text.replace(/^(Over the last five years.*?)31%/m, '$133%'));
  return project;
}

describe('statements check: stale', () => {
  it('reports an English paragraph edited after the stamp at its line, naming es.md, and exits 1', async () => {
    const project = await editedAfterStamp();
    const line = await lineOf(project, EN, EDITED);
    const translated = await lineOf(project, ES, TRANSLATED);
    const stamped = /^translated-from: \{ stamped: ([\d-]+)/m.exec(await readFile(path.join(project, ES), 'utf8'))![1];
    const result = await runCli(['check'], { cwd: project });
    expect(result.code).toBe(1);
    const stale = result.stdout.split('\n').filter((row) => row.includes('[stale]') && !row.startsWith(' '));
    expect(stale).toEqual([
      `${EN}:${line}:1: error: ${EN}:${line} (a paragraph) changed since ${ES} was stamped (${stamped}): bring its translation (${ES}:${translated}) up to date, then run \`statements stamp ${SLUG} es\` (${ES}:${translated}:1: the translation of ${EN}:${line}) [stale]`,
    ]);
  });

  it('lists it as JSON, with the Spanish paragraph as its second place', async () => {
    const project = await editedAfterStamp();
    const line = await lineOf(project, EN, EDITED);
    const translated = await lineOf(project, ES, TRANSLATED);
    const result = await runCli(['check', SLUG, '--format', 'json'], { cwd: project });
    expect(result.code).toBe(1);
    const findings = (JSON.parse(result.stdout) as Record<string, unknown>[]).filter((finding) => finding.rule === 'stale');
    expect(findings).toEqual([
      {
        statement: SLUG,
        file: EN,
        line,
        column: 1,
        severity: 'error',
        rule: 'stale',
        message: expect.stringContaining(`changed since ${ES} was stamped`),
        related: expect.objectContaining({ file: ES, line: translated, column: 1 }),
      },
    ]);
  });

  it('finds nothing stale in the samples as committed, and warns about a translation without a stamp', async () => {
    const project = await sampleCopy(SLUG);
    expect((await runCli(['check'], { cwd: project })).stdout).not.toContain('[stale]');
    await plant(project, ES, (text) => text.replace(/^translated-from: .*\n/m, ''));
    const result = await runCli(['check'], { cwd: project });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^${ES}:1:1: warning: ${ES} has no \`translated-from\` stamp.* \\[stale\\]$`, 'm'));
  });

  it('build keeps the earlier outputs of the stale statement, and publishes it with --force', async () => {
    const project = await sampleCopy(SLUG);
    expect((await runCli(['build', ...SAMPLES_RELEASED], { cwd: project })).code).toBe(0);
    const page = path.join(project, 'out', SLUG, 'en.html');
    const before = await readFile(page);
    await plant(project, EN, (text) => text.replace(/^(Over the last five years.*?)31%/m, '$133%'));

    const refused = await runCli(['build', ...SAMPLES_RELEASED], { cwd: project });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/en\.md:\d+:1: error: .* changed since .*es\.md was stamped .*\[stale\]/);
    expect(refused.stderr).toMatch(/1 failed \(river-basin-water-rights\): their earlier outputs were left as they were/);
    expect((await readFile(page)).equals(before)).toBe(true);

    const forced = await runCli(['build', '--force', ...SAMPLES_RELEASED], { cwd: project });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toMatch(/warning: .* changed since .*\(published anyway: --force\) \[stale\]/);
    expect(await readFile(page, 'utf8')).toContain('33%');
  });
});
