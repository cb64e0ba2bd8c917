import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sameFiles, snapshot } from '../build/files.js';
import { runCli, scratchProject } from '../helpers/cli.js';

const SLUGS = ['air-one', 'air-two', 'air-three', 'air-four', 'air-five', 'air-six', 'air-seven'];
const NOW = ['--now', '2026-11-20T12:00:00Z'];

/** What a build printed, without its last line (which says how many threads worked). */
const report = (stderr: string) => stderr.trimEnd().split('\n').slice(0, -1).join('\n');

describe('a build on a pool of worker threads', () => {
  it('makes the same files, reports the same findings in the same order, as a build in one thread', { timeout: 120_000 }, async () => {
    const project = await scratchProject([]);
    const fixture = await scratchProject(['complete-statement']);
    for (const [index, slug] of SLUGS.entries()) {
      const dir = path.join(project, 'statements', slug);
      await cp(path.join(fixture, 'statements/complete-statement'), dir, { recursive: true });
      const en = path.join(dir, 'en.md');
      const text = (await readFile(en, 'utf8')).replace(/^title: .*$/m, `title: "Clean air, part ${index + 1}"`);
      // Two statements that fail their checks (a paragraph left untranslated, a date years ahead), with findings in both.
      await writeFile(en, index === 2 ? `${text}\n[a script](javascript:alert(1))\n` : index === 4 ? text.replace(/^date: .*$/m, 'date: 2031-01-01') : text);
    }
    const one = await runCli(['build', '--workers', '1', '--out', 'out-1', ...NOW], { cwd: project });
    const pool = await runCli(['build', '--workers', '2', '--out', 'out-2', ...NOW], { cwd: project });
    expect(one.code).toBe(1);
    expect(pool.code).toBe(1);
    expect(one.stderr).not.toMatch(/worker threads/);
    expect(pool.stderr).toMatch(/Built 5 statements into out-2\/ with 2 worker threads; 2 failed \(air-five, air-three\)/);
    expect(report(pool.stderr).replaceAll('out-2/', 'out-1/')).toBe(report(one.stderr));
    expect(one.stderr).toMatch(/air-three\/en\.md:\d+:\d+: warning: .*\[links\]\n.*air-three\/en\.md:\d+:\d+: error: .*\[structure\]/);
    expect(one.stderr).toMatch(/air-five\/en\.md:\d+:\d+: error: .*\[dates\]/);
    expect(sameFiles(await snapshot(path.join(project, 'out-2')), await snapshot(path.join(project, 'out-1')))).toBe(true);
  });
});
