import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, statfs, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, PROJECT_ROOT, runCli } from '../helpers/cli.js';
import { snapshot } from './files.js';

/** A 1 MiB tmpfs, when this process may mount one (root, outside a locked-down container). */
function mountSmallDisk(dir: string): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('real file systems (root only)', () => {
  it('a full disk fails the statement with a message naming the file, and keeps its earlier files', async (context) => {
    const disk = await mkdtemp(path.join(tmpdir(), 'statements-small-disk-'));
    if (!mountSmallDisk(disk)) {
      await rm(disk, { recursive: true });
      context.skip('needs root and mount(8) to make a small file system');
    }
    try {
      const project = path.join(disk, 'project');
      await mkdir(project);
      await cp(path.join(FIXTURES, 'complete-statement'), path.join(project, 'statements/clean-air'), { recursive: true });
      await cp(path.join(PROJECT_ROOT, 'publisher.yaml'), path.join(project, 'publisher.yaml'));
      await cp(path.join(PROJECT_ROOT, 'assets'), path.join(project, 'assets'), { recursive: true });
      const first = await runCli(['build'], { cwd: project });
      expect(first.code, first.stderr).toBe(0);
      const before = await snapshot(path.join(project, 'out/clean-air'));

      // Leave about 60 KiB free: less than one statement's files.
      const { bavail, bsize } = await statfs(disk);
      await writeFile(path.join(disk, 'filler'), Buffer.alloc(Math.max(0, bavail * bsize - 60 * 1024)));
      const en = path.join(project, 'statements/clean-air/en.md');
      await writeFile(en, (await readFile(en, 'utf8')).replace(/^title: .*$/m, 'title: "Clean air now, said the coalition"'));

      const result = await runCli(['build'], { cwd: project });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /^out\/clean-air\/[a-z.]+: error: could not write out\/clean-air\/[a-z.]+: the disk is full: free some space, then run the command again \(ENOSPC\)\. Nothing of clean-air was written: its earlier files in out\/clean-air\/ are as they were \[write\]$/m,
      );
      expect(result.stderr).toMatch(/^\[1\/1\] clean-air … FAILED \(nothing written\)$/m);
      expect(await snapshot(path.join(project, 'out/clean-air'))).toEqual(before);
      expect(await readdir(path.join(project, '.statements/build'))).toEqual(['cache']);
    } finally {
      execFileSync('umount', [disk]);
      await rm(disk, { recursive: true });
    }
  });

  it('an output folder that is a mount point (another disk than its working folder) is refused before anything is written', async (context) => {
    const project = await mkdtemp(path.join(tmpdir(), 'statements-mounted-out-'));
    const out = path.join(project, 'out');
    await mkdir(out);
    if (!mountSmallDisk(out)) {
      await rm(project, { recursive: true });
      context.skip('needs root and mount(8) to make a small file system');
    }
    try {
      await cp(path.join(FIXTURES, 'complete-statement'), path.join(project, 'statements/clean-air'), { recursive: true });
      await cp(path.join(PROJECT_ROOT, 'publisher.yaml'), path.join(project, 'publisher.yaml'));
      await cp(path.join(PROJECT_ROOT, 'assets'), path.join(project, 'assets'), { recursive: true });
      const result = await runCli(['build'], { cwd: project });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /^out: error: the output folder and the build's working folder \.statements\/build are on different disks \(is the output folder a mount point\?\), so a statement's files cannot be switched into place at once: use a folder inside that disk as --out \[out-folder\]$/m,
      );
      expect(await readdir(out)).toEqual([]);
    } finally {
      execFileSync('umount', [out]);
      await rm(project, { recursive: true });
    }
  });
});
