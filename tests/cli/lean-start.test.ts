import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runCli } from '../helpers/cli.js';
import { SAMPLES_RELEASED, sampleCopy } from '../helpers/planted.js';

const HOOK = path.join(PROJECT_ROOT, 'tests/helpers/module-log.mjs');
/** The packages only outputs need: the PDF writer (and its SVG painter), the email CSS inliner and the share images' rasteriser. */
const HEAVY = /\/node_modules\/(pdfkit|juice|svg-to-pdfkit|@resvg\/resvg-js)\//;

/** Run the CLI in `project` and return the URL of every module it loaded. */
async function modulesLoaded(project: string, args: string[]): Promise<{ code: number | null; modules: string[] }> {
  const log = path.join(await mkdtemp(path.join(tmpdir(), 'statements-modules-')), 'modules.txt');
  const result = await runCli(args, { cwd: project, nodeArgs: ['--import', HOOK], env: { MODULE_LOG: log } });
  const modules = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
  return { code: result.code, modules };
}

describe('lean start', () => {
  it('statements check loads neither pdfkit nor juice (the sample has an SVG logo, which only build draws)', async () => {
    const project = await sampleCopy('river-basin-water-rights');
    const { code, modules } = await modulesLoaded(project, ['check', '--now', '2026-11-20T12:00:00Z']);
    expect(code).toBe(0);
    expect(modules.some((url) => url.includes('/dist/'))).toBe(true);
    expect(modules.filter((url) => HEAVY.test(url))).toEqual([]);
  });

  it('statements new loads neither', async () => {
    const project = await sampleCopy('river-basin-water-rights');
    const { code, modules } = await modulesLoaded(project, ['new', 'coastal-fisheries-access']);
    expect(code).toBe(0);
    expect(modules.filter((url) => HEAVY.test(url))).toEqual([]);
  });

  it('the log sees them where they are used: build loads pdfkit, svg-to-pdfkit, juice and resvg', async () => {
    const project = await sampleCopy('river-basin-water-rights');
    // After its embargo, so it is published with its share images (the embargoed copies have none).
    const { code, modules } = await modulesLoaded(project, ['build', ...SAMPLES_RELEASED]);
    expect(code).toBe(0);
    for (const name of ['pdfkit', 'svg-to-pdfkit', 'juice', '@resvg/resvg-js']) expect(modules.some((url) => url.includes(`/node_modules/${name}/`))).toBe(true);
  });
});
