import { existsSync } from 'node:fs';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { workDir } from '../../src/build/context.js';
import { PROJECT_ROOT, runCli, scratchProject } from '../helpers/cli.js';
import { sameFiles, snapshot } from './files.js';

const SLUGS = ['clean-air', 'water-rights'];
const SLOW_DISK = ['--require', path.join(PROJECT_ROOT, 'tests/build/slow-disk.cjs')];
type Version = 'earlier' | 'later';

/**
 * SIGKILL a build (on a slow disk, so kills often land while files are being
 * written) at random moments, over and over, alternating the inputs
 * between two versions: every statement folder must be all one version after
 * each kill (or, killed between the two renames, absent with its earlier
 * folder waiting to go back), and the next build repairs what a kill left.
 */
describe('a build killed with SIGKILL at random moments', () => {
  let project: string;
  const inputs = new Map<Version, Map<string, string>>();
  const expected = new Map<string, Map<Version, Map<string, Buffer>>>();

  async function useVersion(version: Version): Promise<void> {
    for (const [file, text] of inputs.get(version) ?? []) await writeFile(file, text);
  }

  beforeAll(async () => {
    project = await scratchProject([]);
    const fixture = await scratchProject(['complete-statement']);
    for (const slug of SLUGS) await cp(path.join(fixture, 'statements/complete-statement'), path.join(project, 'statements', slug), { recursive: true });
    const earlier = new Map<string, string>();
    const later = new Map<string, string>();
    for (const slug of SLUGS) {
      const en = path.join(project, 'statements', slug, 'en.md');
      const text = await readFile(en, 'utf8');
      earlier.set(en, text);
      later.set(en, text.replace(/^title: .*$/m, `title: "${slug}: the coalition's second word"`).replace('Final paragraph: the end.', 'Final paragraph, revised: the end.'));
    }
    inputs.set('earlier', earlier).set('later', later);
    for (const version of ['later', 'earlier'] as const) {
      await useVersion(version);
      const result = await runCli(['build', '--out', `out-${version}`], { cwd: project });
      expect(result.code, result.stderr).toBe(0);
      for (const slug of SLUGS) {
        if (!expected.has(slug)) expected.set(slug, new Map());
        expected.get(slug)?.set(version, await snapshot(path.join(project, `out-${version}`, slug)));
      }
    }
  });

  it('never leaves a statement with some files new and some old', { timeout: 180_000 }, async () => {
    const out = path.join(project, 'out');
    const started = performance.now();
    expect((await runCli(['build'], { cwd: project, nodeArgs: SLOW_DISK })).code).toBe(0);
    // How long a whole build takes here: the kills fall anywhere within it (killed runs are often slower, hence past its end too).
    const buildMs = performance.now() - started;
    let version: Version = 'earlier';
    const seen = new Set<string>();
    for (let round = 0; round < 12; round++) {
      version = version === 'earlier' ? 'later' : 'earlier';
      await useVersion(version);
      const killAfterMs = Math.round(buildMs * (0.2 + 1.4 * Math.random()));
      const result = await runCli(['build'], { cwd: project, timeoutMs: killAfterMs, nodeArgs: SLOW_DISK });
      const context = `round ${round}, killed after ${killAfterMs} ms of about ${Math.round(buildMs)} ms (${result.timedOut ? 'killed' : `finished, exit ${result.code}`})`;
      for (const slug of SLUGS) {
        const folder = path.join(out, slug);
        if (!existsSync(folder)) {
          const waiting = await readdir(path.join(workDir(out), 'build'));
          expect(waiting.some((name) => name.startsWith(`${slug}.`) && name.endsWith('.old')), `${slug} is missing: ${context}`).toBe(true);
          seen.add('between the renames');
          continue;
        }
        const files = await snapshot(folder);
        const versions = expected.get(slug);
        const state = sameFiles(files, versions?.get('earlier') ?? new Map()) ? 'earlier' : sameFiles(files, versions?.get('later') ?? new Map()) ? 'later' : 'mixed';
        expect(state, `${slug} has files of both versions: ${context}`).not.toBe('mixed');
        seen.add(state);
      }
      expect((await readdir(out, { recursive: true })).filter((name) => /\.tmp|\.staged|\.old/.test(name)), context).toEqual([]);
    }
    // Whatever the kills left, the next build repairs it and builds the current version.
    const final = await runCli(['build'], { cwd: project });
    expect(final.code, final.stderr).toBe(0);
    for (const slug of SLUGS) expect(sameFiles(await snapshot(path.join(out, slug)), expected.get(slug)?.get(version) ?? new Map()), slug).toBe(true);
    expect(await readdir(path.join(workDir(out), 'build'))).toEqual([]);
    // Both versions were seen on disk after kills, so the kills did land mid-build.
    expect(seen.has('earlier') && seen.has('later'), [...seen].join(', ')).toBe(true);
  });
});
