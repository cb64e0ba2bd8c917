import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshot } from '../build/files.js';
import { runCli } from '../helpers/cli.js';
import { plant, sampleCopy, SAMPLES_RELEASED } from '../helpers/planted.js';

const SLUG = 'river-basin-water-rights';
const NOW = SAMPLES_RELEASED;

/** The files of the sample's folder in out/ with their bytes, by name. */
async function statementFiles(project: string): Promise<Map<string, Buffer>> {
  return snapshot(path.join(project, 'out', SLUG));
}

const ofKind = (files: Map<string, Buffer>, extension: string) => [...files.keys()].filter((file) => file.endsWith(extension));

describe('statements build --formats', () => {
  it('--formats html rebuilds the pages only: the PDFs and emails stay byte for byte as they were', async () => {
    const project = await sampleCopy(SLUG);
    expect((await runCli(['build', ...NOW], { cwd: project })).code).toBe(0);
    const before = await statementFiles(project);
    expect(ofKind(before, '.pdf').length).toBeGreaterThan(0);
    expect(ofKind(before, '.eml').length).toBeGreaterThan(0);

    // An edit to the translation (one to the original would make the translation stale, an error).
    await plant(project, `statements/${SLUG}/es.md`, (text) => text.replace('pidieron a la asamblea regional', 'solicitaron a la asamblea regional'));
    const result = await runCli(['build', '--formats', 'html', ...NOW], { cwd: project });
    expect(result.stderr).toContain('Built 1 statement into out/');
    expect(result.code).toBe(0);

    const after = await statementFiles(project);
    expect([...after.keys()]).toEqual([...before.keys()]);
    expect(after.get('es.html')?.toString()).toContain('solicitaron a la asamblea regional');
    expect(after.get('es.html')?.equals(before.get('es.html')!)).toBe(false);
    for (const file of [...ofKind(before, '.pdf'), ...ofKind(before, '.eml')]) expect(after.get(file)?.equals(before.get(file)!), file).toBe(true);
    // Nothing left behind in the working folder.
    expect(await readdir(path.join(project, '.statements/build'))).toEqual(['cache']);
  });

  it('--formats pdf,email on a fresh project writes no page; a later --formats html adds them and keeps the rest', async () => {
    const project = await sampleCopy(SLUG);
    const result = await runCli(['build', '--formats', 'pdf,email', ...NOW], { cwd: project });
    expect(result.code).toBe(0);
    const first = await statementFiles(project);
    expect(ofKind(first, '.html')).toEqual([]);
    expect(ofKind(first, '.pdf').length).toBeGreaterThan(0);
    expect(ofKind(first, '.eml').length).toBeGreaterThan(0);

    expect((await runCli(['build', '--formats', 'html', ...NOW], { cwd: project })).code).toBe(0);
    const second = await statementFiles(project);
    expect(ofKind(second, '.html')).toContain('en.html');
    for (const file of [...ofKind(first, '.pdf'), ...ofKind(first, '.eml')]) expect(second.get(file)?.equals(first.get(file)!), file).toBe(true);
  });

  it('an unknown format is a usage error naming the valid ones, and builds nothing', async () => {
    const project = await sampleCopy(SLUG);
    const result = await runCli(['build', '--formats', 'html,epub', ...NOW], { cwd: project });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('statements: --formats takes html, pdf, email, image (any of them, comma-separated, e.g. --formats html,pdf), not "epub"');
    expect(await readdir(project)).not.toContain('out');
  });
});
