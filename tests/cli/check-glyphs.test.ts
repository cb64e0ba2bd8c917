import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { lineOf, plant, sampleCopy, SAMPLES_RELEASED } from '../helpers/planted.js';

const SLUG = 'heat-safety-for-outdoor-workers';
const ES = `statements/${SLUG}/es.md`;
const PDFS = ['en.pdf', 'es.pdf', 'bilingual.pdf'];
const OTHERS = ['en.html', 'es.html', 'index.html', 'en.eml', 'es.eml', 'bilingual.eml'];

/** A copy of the sample whose Spanish has a private-use bullet (U+F0B7, as a word processor pastes it) in a paragraph: no font has it. */
async function unprintable(): Promise<{ project: string; line: number }> {
  const project = await sampleCopy(SLUG);
  await plant(project, ES, (text) => text.replace('El verano pasado, las clínicas', 'El verano pasado \uf0b7 las clínicas'));
  return { project, line: await lineOf(project, ES, 'El verano pasado') };
}

describe('statements check: a character no PDF font can print', () => {
  it('is an error at its line and column, and exits 1', async () => {
    const { project, line } = await unprintable();
    const result = await runCli(['check'], { cwd: project });
    expect(result.code).toBe(1);
    expect(result.stdout.trim().split('\n')).toContainEqual(
      expect.stringMatching(new RegExp(`^${ES}:${line}:18: error: character \\(U\\+F0B7\\) cannot be printed in the PDF: .*The HTML page and the email of this statement are still built.* \\[glyphs\\]$`)),
    );
  });

  it('is the same finding in JSON', async () => {
    const { project, line } = await unprintable();
    const result = await runCli(['check', SLUG, '--format', 'json'], { cwd: project });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toContainEqual({
      statement: SLUG,
      file: ES,
      line,
      column: 18,
      severity: 'error',
      rule: 'glyphs',
      message: expect.stringMatching(/^character \(U\+F0B7\) cannot be printed in the PDF: /),
    });
  });

  it('build publishes the pages and emails but not the PDFs (exit 1), and the PDFs with --force', async () => {
    const { project, line } = await unprintable();
    // Undo the plant for a first, clean build, so the earlier PDFs exist.
    const file = path.join(project, ES);
    const planted = await readFile(file, 'utf8');
    await writeFile(file, planted.replace('\uf0b7', ','));
    expect((await runCli(['build', ...SAMPLES_RELEASED], { cwd: project })).code).toBe(0);
    await writeFile(file, planted);
    const out = (name: string) => path.join(project, 'out', SLUG, name);

    const refused = await runCli(['build', ...SAMPLES_RELEASED], { cwd: project });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`^${ES}:${line}:18: error: character \\(U\\+F0B7\\) .*\\[glyphs\\]$`, 'm'));
    expect(refused.stderr).toMatch(new RegExp(`written with errors \\(${SLUG}: no ${PDFS.join(', ')}\\)`));
    for (const name of PDFS) expect(existsSync(out(name)), `${name} is not published`).toBe(false);
    for (const name of OTHERS) expect(existsSync(out(name)), `${name} is published`).toBe(true);
    expect(await readFile(out('es.html'), 'utf8')).toContain('El verano pasado \uf0b7 las clínicas');

    const forced = await runCli(['build', '--force', ...SAMPLES_RELEASED], { cwd: project });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toMatch(/warning: character \(U\+F0B7\) cannot be printed in the PDF.*\(published anyway: --force\) \[glyphs\]/);
    for (const name of PDFS) expect(existsSync(out(name)), `${name} is published with --force`).toBe(true);
  });
});
