import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runCli } from '../helpers/cli.js';
import { lineOf, plant, sampleCopy, SAMPLES_RELEASED } from '../helpers/planted.js';

const SLUG = 'river-basin-water-rights';
const ES = `statements/${SLUG}/es.md`;
const QUOTE = 'Las familias de nuestro valle';

/** A copy of the sample whose Spanish quotation is typed with straight quotes, as a keyboard gives them. */
async function straightQuotes(): Promise<string> {
  const project = await sampleCopy(SLUG);
  await plant(project, ES, (text) => text.replace(/> «(Las familias[^»]*)»\./, '> "$1".'));
  return project;
}

describe('statements check: typography', () => {
  it('warns about each straight quote at its line and column, as text and JSON, and exits 0', async () => {
    const project = await straightQuotes();
    const line = await lineOf(project, ES, QUOTE);
    const closing = (await readFile(path.join(project, ES), 'utf8')).split('\n')[line - 1]!.lastIndexOf('"') + 1;

    const text = await runCli(['check'], { cwd: project });
    expect(text.code, text.stdout).toBe(0);
    const findings = text.stdout.split('\n').filter((row) => row.endsWith('[typography]'));
    expect(findings).toEqual([
      `${ES}:${line}:3: warning: a straight quote: write « here (Spanish opening quotation mark); \`statements check --fix\` does it [typography]`,
      `${ES}:${line}:${closing}: warning: a straight quote: write » here (Spanish closing quotation mark); \`statements check --fix\` does it [typography]`,
    ]);

    const json = await runCli(['check', '--format', 'json'], { cwd: project });
    expect(json.code).toBe(0);
    const listed = (JSON.parse(json.stdout) as { rule: string }[]).filter((finding) => finding.rule === 'typography');
    expect(listed).toEqual([
      { statement: SLUG, file: ES, line, column: 3, severity: 'warning', rule: 'typography', message: expect.stringContaining('write «') },
      { statement: SLUG, file: ES, line, column: closing, severity: 'warning', rule: 'typography', message: expect.stringContaining('write »') },
    ]);
  });

  it('fixes exactly the quote characters with --fix, reports nothing left, and a second run changes nothing', async () => {
    const project = await straightQuotes();
    const fixed = await runCli(['check', '--fix'], { cwd: project });
    expect(fixed.code, fixed.stdout).toBe(0);
    expect(fixed.stdout).toMatch(new RegExp(`^fixed 2 findings in ${ES}$`, 'm'));
    expect(fixed.stdout).not.toMatch(/\[typography\]/);
    // The sample was written with « »: the fix gives back its bytes exactly.
    const original = await readFile(path.join(PROJECT_ROOT, ES));
    expect((await readFile(path.join(project, ES))).equals(original)).toBe(true);

    const again = await runCli(['check', '--fix', '--format', 'json'], { cwd: project });
    expect(again.code).toBe(0);
    expect(again.stderr).not.toMatch(/fixed/);
    expect(JSON.parse(again.stdout)).toEqual([]);
    expect((await readFile(path.join(project, ES))).equals(original)).toBe(true);
  });

  it('checks a language without locales/<lang>/typography.json for nothing typographic, and reports no locales error for it', async () => {
    const project = await straightQuotes();
    await rm(path.join(project, 'locales', 'es', 'typography.json'));
    await plant(project, `statements/${SLUG}/en.md`, (text) => text.replace(/“([^”]*)”/, '"$1"'));

    const checked = await runCli(['check', '--format', 'json'], { cwd: project });
    expect(checked.code, checked.stdout + checked.stderr).toBe(0);
    const findings = JSON.parse(checked.stdout) as { file: string; rule: string }[];
    expect(findings.filter((finding) => finding.rule === 'locales')).toEqual([]);
    // English, which keeps its typography.json, is still checked.
    const typographic = findings.filter((finding) => finding.rule === 'typography');
    expect(typographic.length).toBeGreaterThan(0);
    expect(typographic.filter((finding) => finding.file !== `statements/${SLUG}/en.md`)).toEqual([]);
  });

  it('does not stop a build: the statement is published, with the warning shown', async () => {
    const project = await straightQuotes();
    const built = await runCli(['build', SLUG, ...SAMPLES_RELEASED], { cwd: project });
    expect(built.code, built.stderr).toBe(0);
    expect(built.stderr).toMatch(/es\.md:\d+:3: warning: a straight quote: write « .*\[typography\]/);
    expect(await readFile(path.join(project, 'out', SLUG, 'es.html'), 'utf8')).toContain(`"${QUOTE}`);
  }, 60_000);
});
