import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { plant, sampleCopy, SAMPLES_RELEASED } from '../helpers/planted.js';

const SLUG = 'river-basin-water-rights';
const ES = 'locales/es/ui.json';
const EN = 'locales/en/ui.json';

/** Line and column of `needle` in a file of the project. */
async function placeOf(project: string, file: string, needle: string): Promise<{ line: number; column: number }> {
  const text = await readFile(path.join(project, file), 'utf8');
  const before = text.slice(0, text.indexOf(needle));
  return { line: before.split('\n').length, column: before.length - before.lastIndexOf('\n') };
}

/** Removes the Spanish "Phone" label from the copied locales. */
const dropPhone = (text: string) => text.replace(/\n\s*"phone": "Teléfono",/, '');

describe('statements check: locales', () => {
  it('reports a UI string missing in Spanish at that file, with the English key as second place, and exits 1', async () => {
    const project = await sampleCopy(SLUG);
    await plant(project, ES, dropPhone);
    const parent = await placeOf(project, ES, '"contacts"');
    const english = await placeOf(project, EN, '"phone"');
    const result = await runCli(['check'], { cwd: project });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `${ES}:${parent.line}:${parent.column}: error: \`contacts.phone\` is missing, though ${EN} has it, so the \`es\` pages would show the original language's words: add it, translated (${EN}:${english.line}:${english.column}: the word in the original language) [locales]`,
    );
    expect(result.stdout).toMatch(/^Checked 1 statement: 1 error, 0 warnings$/m);

    const json = await runCli(['check', '--format', 'json'], { cwd: project });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual([
      {
        file: ES,
        ...parent,
        severity: 'error',
        rule: 'locales',
        message: expect.stringContaining('`contacts.phone` is missing'),
        related: { file: EN, ...english, message: 'the word in the original language' },
      },
    ]);
  });

  it('build refuses every statement, keeping the earlier outputs, and publishes them with --force', async () => {
    const project = await sampleCopy(SLUG);
    expect((await runCli(['build', ...SAMPLES_RELEASED], { cwd: project })).code).toBe(0);
    const page = path.join(project, 'out', SLUG, 'es.html');
    const before = await readFile(page);
    await plant(project, ES, dropPhone);

    const refused = await runCli(['build', ...SAMPLES_RELEASED], { cwd: project });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/locales\/es\/ui\.json:\d+:\d+: error: `contacts\.phone` is missing.*\[locales\]/);
    expect((await readFile(page)).equals(before)).toBe(true);

    const forced = await runCli(['build', '--force', ...SAMPLES_RELEASED], { cwd: project });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toMatch(/warning: `contacts\.phone` is missing.*\(published anyway: --force\) \[locales\]/);
    // The missing word falls back to the original language's.
    expect(before.toString()).toContain('Teléfono');
    const after = await readFile(page, 'utf8');
    expect(after).toContain('Phone');
    expect(after).not.toContain('Teléfono');
  });
});
