import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { workDir } from '../../src/build/context.js';
import { PROJECT_ROOT, runCli, scratchProject } from '../helpers/cli.js';
import { sameFiles, snapshot } from './files.js';

const SLUGS = ['clean-air', 'water-rights'];
const HOOK = ['--require', path.join(PROJECT_ROOT, 'tests/build/kill-at-step.cjs')];
type Version = 'earlier' | 'later';

/** A build that SIGKILLs itself just before the `nth` step (1-based) that changes the disk and whose name matches `step` (see kill-at-step.cjs). */
interface KillPoint {
  step: string;
  nth: number;
  /** What the kill interrupts, for messages. */
  why: string;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * SIGKILL a build at chosen steps, over and over, alternating the inputs
 * between two versions: every statement folder must be all one version after
 * each kill (or, killed between the two renames, absent with its earlier
 * folder waiting to go back), and the next build repairs what a kill left.
 * The kills land on steps the build names through a test hook, not after a
 * time, so each run is killed where it is meant to be however busy the
 * machine is: before, between and after the two renames of each statement,
 * and at steps spread over the whole build (while files are staged).
 */
describe('a build killed with SIGKILL part way', () => {
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

  it('never leaves a statement with some files new and some old', { timeout: 300_000 }, async () => {
    const out = path.join(project, 'out');
    expect((await runCli(['build'], { cwd: project })).code).toBe(0);
    // A whole build over the first one (as every later build is: each changes the inputs), with every step it takes named.
    const stepsFile = path.join(await mkdtemp(path.join(tmpdir(), 'statements-steps-')), 'steps');
    const whole = await runCli(['build', '--clean'], { cwd: project, nodeArgs: HOOK, env: { STATEMENTS_STEPS_FILE: stepsFile } });
    expect(whole.code, whole.stderr).toBe(0);
    const steps = (await readFile(stepsFile, 'utf8')).split('\n').filter(Boolean);
    const spread = [1, 2, 3].map((quarter): KillPoint => {
      const nth = Math.max(1, Math.round((steps.length * quarter) / 4));
      return { step: '', nth, why: `step ${nth} of ${steps.length} (${steps[nth - 1]})` };
    });
    const working = (slug: string, kind: string) => `\\.statements/build/${escape(slug)}\\.[^ ]+\\.${kind}`;
    // The first statement's switch-in at each of its steps (the second's are the same code); the spread kills land in either.
    const renames = SLUGS.slice(0, 1).flatMap((slug): KillPoint[] => [
      { step: `^rename out/${escape(slug)} -> ${working(slug, 'old')}$`, nth: 1, why: `before ${slug}'s earlier folder is moved aside` },
      { step: `^rename ${working(slug, 'staged')} -> out/${escape(slug)}$`, nth: 1, why: `between ${slug}'s two renames` },
      { step: `^rm ${working(slug, 'old')}$`, nth: 1, why: `after ${slug} is switched in, before its earlier folder is removed` },
    ]);
    // The cache entry is written last: a kill before it is in place leaves the earlier entry, which no longer matches the files.
    const entry = working(`${SLUGS[0]}.json`, 'tmp');
    renames.push(
      { step: `^write ${entry}$`, nth: 1, why: `while ${SLUGS[0]}'s cache entry is written` },
      { step: `^rename ${entry} -> \\.statements/build/cache/out/${escape(SLUGS[0]!)}\\.json$`, nth: 1, why: `before ${SLUGS[0]}'s cache entry is put in place` },
    );
    for (const point of [...renames, ...spread]) expect(steps.filter((name) => new RegExp(point.step).test(name)).length, point.why).toBeGreaterThanOrEqual(point.nth);

    let version: Version = 'earlier';
    const seen = new Set<string>();
    for (const [round, point] of [...renames, ...spread].entries()) {
      version = version === 'earlier' ? 'later' : 'earlier';
      await useVersion(version);
      // --clean: a statement a kill left as it was could be up to date for this version, and never reach the step.
      const result = await runCli(['build', '--clean'], { cwd: project, nodeArgs: HOOK, env: { STATEMENTS_KILL_BEFORE: `${point.nth}:${point.step}` } });
      const context = `round ${round}, building the ${version} version, killed ${point.why}`;
      // Killed by its own SIGKILL: no exit code.
      expect(result.code, `${context}: not killed (exit ${result.code})\n${result.stderr}`).toBeNull();
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
    // Whatever the kills left (the cache entries included), the next build repairs it and builds the current version.
    const final = await runCli(['build'], { cwd: project });
    expect(final.code, final.stderr).toBe(0);
    for (const slug of SLUGS) expect(sameFiles(await snapshot(path.join(out, slug)), expected.get(slug)?.get(version) ?? new Map()), slug).toBe(true);
    expect(await readdir(path.join(workDir(out), 'build'))).toEqual(['cache']);
    // Each state a kill can leave was met: a folder of the version before, one of the version being built, and one between the renames.
    expect([...seen].sort()).toEqual(['between the renames', 'earlier', 'later']);
  });
});
