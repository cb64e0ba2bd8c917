import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildOptions } from '../../src/build/build.js';
import { workDir } from '../../src/build/context.js';
import { nodeWriteFs, type WriteFs } from '../../src/build/write.js';
import type { RenderContext } from '../../src/render/context.js';
import { scratchProject } from '../helpers/cli.js';
import { projectContext } from '../helpers/context.js';
import { sameFiles, snapshot } from './files.js';

const SLUG = 'complete-statement';
const ONLY_PAGES = new Set(['page'] as const);

let ctx: RenderContext;
beforeAll(async () => {
  ctx = await projectContext();
});

/** A project built once in full, then its English title changed (so a rebuild would change its files). */
async function builtThenEdited(): Promise<{ options: BuildOptions; out: string }> {
  const dir = await scratchProject([SLUG]);
  const options = { statementsDir: path.join(dir, 'statements'), outDir: path.join(dir, 'out') };
  expect((await build(options, ctx)).built).toEqual([SLUG]);
  const en = path.join(options.statementsDir, SLUG, 'en.md');
  await writeFile(en, (await readFile(en, 'utf8')).replace(/^title: .*$/m, 'title: "Clean air now, said the coalition"'));
  return { options, out: path.join(options.outDir, SLUG) };
}

const failure = (code: string, syscall: string) => Object.assign(new Error(`${code}: failed, ${syscall}`), { code, syscall });

describe('build --formats: a failed build leaves every file of the statement as it was', () => {
  it('a page that cannot be written', async () => {
    const { options, out } = await builtThenEdited();
    const before = await snapshot(out);
    const fs: WriteFs = {
      ...nodeWriteFs,
      async writeFile(file, data) {
        if (file.endsWith('es.html')) throw failure('ENOSPC', 'write');
        return nodeWriteFs.writeFile(file, data);
      },
    };
    const result = await build({ ...options, formats: ONLY_PAGES, fs }, ctx);
    expect(result.failed).toEqual([SLUG]);
    expect(sameFiles(await snapshot(out), before)).toBe(true);
  });

  it('a PDF that cannot be carried over', async () => {
    const { options, out } = await builtThenEdited();
    const before = await snapshot(out);
    const fs: WriteFs = {
      ...nodeWriteFs,
      async link(from, to) {
        if (from.endsWith('bilingual.pdf')) throw failure('EIO', 'link');
        return nodeWriteFs.link(from, to);
      },
    };
    const result = await build({ ...options, formats: ONLY_PAGES, fs }, ctx);
    expect(result.failed).toEqual([SLUG]);
    expect(sameFiles(await snapshot(out), before)).toBe(true);
  });

  it('and a build that succeeds changes only the pages and the manifest', async () => {
    const { options, out } = await builtThenEdited();
    const before = await snapshot(out);
    expect((await build({ ...options, formats: ONLY_PAGES }, ctx)).built).toEqual([SLUG]);
    const after = await snapshot(out);
    expect([...after.keys()]).toEqual([...before.keys()]);
    const changed = [...after].filter(([file, bytes]) => !before.get(file)!.equals(bytes)).map(([file]) => file);
    expect(changed.every((file) => file.endsWith('.html') || file === 'statement.json')).toBe(true);
    expect(changed).toContain('en.html');
  });
});

describe('build --formats killed at any step', () => {
  it('leaves the statement all earlier or all new, and the next build finishes it', { timeout: 120_000 }, async () => {
    const { options, out } = await builtThenEdited();
    const earlierOut = `${options.outDir}-earlier`;
    await cp(options.outDir, earlierOut, { recursive: true });
    const earlier = await snapshot(out);
    let calls = 0;
    let stopAt = Infinity;
    const stopped = new Promise<never>(() => {});
    const step =
      <A extends unknown[]>(call: (...args: A) => Promise<void>) =>
      (...args: A): Promise<void> =>
        calls++ >= stopAt ? stopped : call(...args);
    const fs: WriteFs = { mkdir: step(nodeWriteFs.mkdir), writeFile: step(nodeWriteFs.writeFile), rename: step(nodeWriteFs.rename), link: step(nodeWriteFs.link), remove: step(nodeWriteFs.remove), flush: step(nodeWriteFs.flush) };
    const reset = async () => {
      await rm(options.outDir, { recursive: true });
      await rm(workDir(options.outDir), { recursive: true, force: true });
      await cp(earlierOut, options.outDir, { recursive: true });
      calls = 0;
    };

    await reset();
    await build({ ...options, formats: ONLY_PAGES, fs }, ctx);
    const steps = calls;
    const later = await snapshot(out);
    expect(sameFiles(later, earlier)).toBe(false);
    expect(steps).toBeGreaterThan(10);
    for (let at = 0; at < steps; at++) {
      await reset();
      stopAt = at;
      // Never settles: the build is "killed" at that call.
      void build({ ...options, formats: ONLY_PAGES, fs }, ctx);
      while (calls <= at) await new Promise((resolve) => setTimeout(resolve, 5));
      if ((await readdir(options.outDir)).includes(SLUG)) {
        const now = await snapshot(out);
        expect(sameFiles(now, earlier) || sameFiles(now, later), `killed at step ${at}`).toBe(true);
      }
      stopAt = Infinity;
      await build({ ...options, formats: ONLY_PAGES }, ctx);
      expect(sameFiles(await snapshot(out), later), `the build after one killed at step ${at}`).toBe(true);
    }
  });
});
