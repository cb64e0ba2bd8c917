import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/check/registry.js';
import { runCli } from '../helpers/cli.js';
import { lineOf, plant, sampleCopy, SAMPLES_RELEASED } from '../helpers/planted.js';

const SLUG = 'river-basin-water-rights';
const ES = `statements/${SLUG}/es.md`;
const EN = `statements/${SLUG}/en.md`;
/** The Spanish of the paragraph about the river's flow, which the planted defect drops. */
const DROPPED = 'En los últimos cinco años';

/** A copy of the sample whose Spanish lacks one paragraph. */
async function droppedParagraph(): Promise<string> {
  const project = await sampleCopy(SLUG);
  await plant(project, ES, (text) => text.replace(/^En los últimos cinco años.*\n\n/m, ''));
  return project;
}

describe('statements check', () => {
  it('passes the sample statements with no error', async () => {
    const result = await runCli(['check']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).not.toMatch(/: error: /);
    expect(result.stdout).toMatch(/^Checked 2 statements: 0 errors, \d+ warnings?/m);
  });

  it('reports a dropped Spanish paragraph at the English line, naming the Spanish file, and exits 1', async () => {
    const project = await droppedParagraph();
    const line = await lineOf(project, EN, 'Over the last five years');
    const result = await runCli(['check'], { cwd: project });
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${EN}:${line}:1: error: this paragraph has no counterpart in ${ES}: .*\\(${ES}:\\d+:\\d+: .*\\) \\[structure\\]$`)));
    expect(lines.at(-1)).toMatch(new RegExp(`^Checked 1 statement: [1-9]\\d* errors?, \\d+ warnings? \\(${SLUG}: `));
  });

  it('lists the same findings as JSON, each with its second place', async () => {
    const project = await droppedParagraph();
    const line = await lineOf(project, EN, 'Over the last five years');
    const result = await runCli(['check', SLUG, '--format', 'json'], { cwd: project });
    expect(result.code).toBe(1);
    const findings = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(findings).toContainEqual({
      statement: SLUG,
      file: EN,
      line,
      column: 1,
      severity: 'error',
      rule: 'structure',
      message: expect.stringContaining(`no counterpart in ${ES}`),
      related: expect.objectContaining({ file: ES, line: expect.any(Number) }),
    });
  });

  it('lists every rule of the registry with --rules, as text and JSON', async () => {
    const text = await runCli(['check', '--rules']);
    expect(text.code).toBe(0);
    expect(text.stdout.trim().split('\n').map((row) => row.split(/\s+/)[0])).toEqual(RULES.map((rule) => rule.id));
    const json = JSON.parse((await runCli(['check', '--rules', '--format', 'json'])).stdout) as { id: string; severity: string }[];
    expect(json.map(({ id, severity }) => ({ id, severity }))).toEqual(RULES.map(({ id, severity }) => ({ id, severity })));
  });

  it('refuses a format or a time it does not know, with the usage (exit 2)', async () => {
    expect((await runCli(['check', '--format', 'xml'])).code).toBe(2);
    const now = await runCli(['check', '--now', 'tomorrow']);
    expect(now.code).toBe(2);
    expect(now.stderr).toMatch(/--now must be an instant with its offset/);
  });

  it('still checks the rest of a statement whose signatory list has a bad row', async () => {
    const project = await sampleCopy(SLUG);
    await plant(project, `statements/${SLUG}/signatories.csv`, (text) => `${text.trimEnd()}\nRed de Acuíferos,organization,,,,,not-a-web-address\n`);
    await plant(project, ES, (text) => text.replace('15 de enero de 2027', '15 de enero de 2026'));
    const result = await runCli(['check'], { cwd: project });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/signatories\.csv:\d+:\d+: error: .*url.*\[signatories\]/);
    expect(result.stdout).toMatch(/es\.md:\d+:\d+: error: 15 de enero de 2026 differs from 15 January 2027 .*\[figures\]/);
    expect((await runCli(['build', ...SAMPLES_RELEASED], { cwd: project })).code).toBe(1);
  });

  it('names a statement that does not exist, and does not count it as checked', async () => {
    const result = await runCli(['check', 'no-such-statement']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/error: no statement "no-such-statement".*\[statement-folder\]/);
    expect(result.stdout).toMatch(/^Checked 0 statements: 1 error/m);
  });
});

describe('build and send with a check error', () => {
  it('build keeps the earlier outputs of a statement with a check error, and publishes it with --force', async () => {
    const project = await sampleCopy(SLUG);
    expect((await runCli(['build', ...SAMPLES_RELEASED], { cwd: project })).code).toBe(0);
    const page = path.join(project, 'out', SLUG, 'es.html');
    const before = await readFile(page);
    await plant(project, ES, (text) => text.replace(/^En los últimos cinco años.*\n\n/m, ''));

    const refused = await runCli(['build', ...SAMPLES_RELEASED], { cwd: project });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/en\.md:\d+:1: error: this paragraph has no counterpart in .*es\.md.*\[structure\]/);
    expect(refused.stderr).toMatch(/1 failed \(river-basin-water-rights\): their earlier outputs were left as they were/);
    expect((await readFile(page)).equals(before)).toBe(true);

    const forced = await runCli(['build', '--force', ...SAMPLES_RELEASED], { cwd: project });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toMatch(/warning: this paragraph has no counterpart .*\(published anyway: --force\) \[structure\]/);
    expect(before.toString()).toContain(DROPPED);
    expect(await readFile(page, 'utf8')).not.toContain(DROPPED);
  });

  it('send sends nothing for a statement with a check error, and sends it with --force', async () => {
    const project = await droppedParagraph();
    await writeFile(path.join(project, 'list.csv'), 'email,name,language\nana@example.org,Ana,es\n');
    const refused = await runCli(['send', SLUG, '--to', 'list.csv', '--dry-run'], { cwd: project });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/error: this paragraph has no counterpart .*\[structure\]/);
    expect(refused.stderr).toMatch(/Nothing was sent/);

    const forced = await runCli(['send', SLUG, '--to', 'list.csv', '--dry-run', '--force'], { cwd: project });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toMatch(/warning: this paragraph has no counterpart .*\(published anyway: --force\) \[structure\]/);
    expect(forced.stderr).toMatch(/^Wrote 1 now/m);
  });
});
