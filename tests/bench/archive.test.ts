import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateArchive, LANGUAGES } from '../../bench/archive-generate.js';
import { PROJECT_ROOT, runCli } from '../helpers/cli.js';

describe('the benchmark archive generator', () => {
  let dir = '';
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes statements that load and pass `statements check` with no error', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'statements-bench-test-'));
    const slugs = await generateArchive(dir, { statements: 3, projectRoot: PROJECT_ROOT });
    expect(slugs).toHaveLength(3);
    for (const slug of slugs) {
      expect((await readdir(path.join(dir, 'statements', slug))).sort()).toEqual([...LANGUAGES.map((lang) => `${lang}.md`), 'signatories.csv'].sort());
    }
    const result = await runCli(['check', '--format', 'json'], { cwd: dir });
    const findings = JSON.parse(result.stdout) as { severity: string; rule: string }[];
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    // The only warning allowed: the translations are not stamped.
    expect(findings.every((f) => f.rule === 'stale')).toBe(true);
    expect(result.code).toBe(0);
  });
});
