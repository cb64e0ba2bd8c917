import { spawnSync } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.js';
import { workDir } from '../../src/build/context.js';
import { nodeWriteFs, type WriteFs } from '../../src/build/write.js';
import type { RenderContext } from '../../src/render/context.js';
import { scratchProject } from '../helpers/cli.js';
import { projectContext } from '../helpers/context.js';
import { sameFiles, snapshot } from './files.js';

/**
 * The file system of a process killed at its `stopAt`-th call: that call and
 * every later one never return, so the build stops there for good, leaving
 * the disk as a kill would.
 */
function killedAt(stopAt: number): { fs: WriteFs; calls: () => number } {
  let calls = 0;
  const stopped = new Promise<never>(() => {});
  const step =
    <A extends unknown[]>(call: (...args: A) => Promise<void>) =>
    (...args: A): Promise<void> =>
      calls++ >= stopAt ? stopped : call(...args);
  return {
    fs: { mkdir: step(nodeWriteFs.mkdir), writeFile: step(nodeWriteFs.writeFile), rename: step(nodeWriteFs.rename), link: step(nodeWriteFs.link), remove: step(nodeWriteFs.remove), flush: step(nodeWriteFs.flush) },
    calls: () => calls,
  };
}

/** A statement's folder as the build makes it: every file but those it keeps from before (the send journal below). */
async function builtFiles(dir: string): Promise<Map<string, Buffer>> {
  const files = await snapshot(dir);
  files.delete('send/press-1234abcd.jsonl');
  return files;
}

describe('a build killed at any step', () => {
  let ctx: RenderContext;
  let project: string;
  let earlier: Map<string, Buffer>;
  let later: Map<string, Buffer>;
  const out = () => path.join(project, 'out');
  const statementsDir = () => path.join(project, 'statements');
  const slug = 'complete-statement';

  beforeAll(async () => {
    ctx = await projectContext();
    project = await scratchProject([slug]);
    await cp(path.join(statementsDir(), slug), path.join(statementsDir(), 'second-statement'), { recursive: true });
    await build({ statementsDir: statementsDir(), outDir: out() }, ctx);
    await mkdir(path.join(out(), slug, 'send'));
    await writeFile(path.join(out(), slug, 'send/press-1234abcd.jsonl'), '{"type":"begin"}\n');
    await cp(out(), path.join(project, 'out-earlier'), { recursive: true });
    earlier = await builtFiles(path.join(out(), slug));
    const en = path.join(statementsDir(), slug, 'en.md');
    await writeFile(en, (await readFile(en, 'utf8')).replace(/^title: .*$/m, 'title: "Clean air now, said the coalition"'));
    await build({ statementsDir: statementsDir(), outDir: path.join(project, 'out-later') }, ctx);
    later = await builtFiles(path.join(project, 'out-later', slug));
  });

  it('leaves the statement all earlier or all new, and the next build repairs what it left', { timeout: 120_000 }, async () => {
    const full = killedAt(Infinity);
    await build({ statementsDir: statementsDir(), outDir: out(), slugs: [slug], fs: full.fs }, ctx);
    const steps = full.calls();
    expect(steps).toBeGreaterThan(15);
    const seen = new Set<string>();
    for (let stopAt = 0; stopAt < steps; stopAt++) {
      await rm(out(), { recursive: true });
      await rm(workDir(out()), { recursive: true, force: true });
      await cp(path.join(project, 'out-earlier'), out(), { recursive: true });
      const killed = killedAt(stopAt);
      // Never settles: the build is "killed" at that call.
      void build({ statementsDir: statementsDir(), outDir: out(), slugs: [slug], fs: killed.fs }, ctx);
      while (killed.calls() <= stopAt) await new Promise((resolve) => setTimeout(resolve, 5));

      const folder = path.join(out(), slug);
      const entries = await readdir(out());
      if (entries.includes(slug)) {
        const now = await builtFiles(folder);
        const state = sameFiles(now, earlier) ? 'earlier' : sameFiles(now, later) ? 'later' : 'mixed';
        expect(state, `killed at step ${stopAt}: ${[...now.keys()].join(', ')}`).not.toBe('mixed');
        seen.add(state);
      } else {
        // Killed between the two renames: the earlier folder waits in the working folder.
        expect((await readdir(path.join(workDir(out()), 'build'))).some((name) => name.startsWith(`${slug}.`) && name.endsWith('.old')), `killed at step ${stopAt}`).toBe(true);
        seen.add('switching');
      }
      expect((await readdir(out(), { recursive: true })).filter((name) => /\.tmp|\.staged|\.old/.test(name))).toEqual([]);

      // The next build (of another statement) repairs: all earlier or all new, the journal kept, nothing left over.
      await build({ statementsDir: statementsDir(), outDir: out(), slugs: ['second-statement'] }, ctx);
      const repaired = await builtFiles(folder);
      expect(sameFiles(repaired, earlier) || sameFiles(repaired, later), `repaired after step ${stopAt}`).toBe(true);
      expect(await readFile(path.join(folder, 'send/press-1234abcd.jsonl'), 'utf8')).toBe('{"type":"begin"}\n');
      expect(await readdir(path.join(workDir(out()), 'build')), `leftovers after step ${stopAt}`).toEqual([]);
    }
    expect([...seen].sort()).toEqual(['earlier', 'later', 'switching']);
  });
});

describe('repairing what a killed build left', () => {
  it('leaves alone the working folders of a build still running in another process', async () => {
    const ctx = await projectContext();
    const project = await scratchProject(['complete-statement']);
    const out = path.join(project, 'out');
    const work = path.join(workDir(out), 'build');
    const exited = spawnSync(process.execPath, ['-e', '']).pid;
    const running = `complete-statement.${process.ppid}-0a0b0c0d.staged`;
    const dead = `complete-statement.${exited}-0a0b0c0d.staged`;
    for (const name of [running, dead]) await mkdir(path.join(work, name), { recursive: true });
    await build({ statementsDir: path.join(project, 'statements'), outDir: out }, ctx);
    expect(await readdir(work)).toEqual([running]);
  });
});

