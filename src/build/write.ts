import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Every call the build makes to change the disk, in one small interface, so
 * a test can inject a write error (a full disk) or stop a build half way (a
 * crash) at any step.
 */
export interface WriteFs {
  /** Create a folder and its parents; nothing when it exists. */
  mkdir(dir: string): Promise<void>;
  /** Write a new file and flush it to the disk (`flush: false`: the caller flushes it later, with others, by `flush`). */
  writeFile(file: string, data: string | Uint8Array, options?: { flush?: boolean }): Promise<void>;
  /** Flush files written with `flush: false`, and the folder that holds them, to the disk: one wait for them all. */
  flush(files: readonly string[], dir: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Give an existing file a second name (a hard link), or a flushed copy where the disk cannot link. */
  link(from: string, to: string): Promise<void>;
  /** Remove a file or a folder with its contents; nothing when it does not exist. */
  remove(target: string): Promise<void>;
}

export const nodeWriteFs: WriteFs = {
  async mkdir(dir) {
    await mkdir(dir, { recursive: true });
  },
  async writeFile(file, data, { flush = true } = {}) {
    const handle = await open(file, 'w');
    try {
      await handle.writeFile(data);
      if (flush) await handle.sync();
    } finally {
      await handle.close();
    }
  },
  async flush(files, dir) {
    // Flushed together, the file system commits them in one go instead of one journal commit a file.
    await Promise.all([...files, dir].map(async (file) => {
      const handle = await open(file, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    }));
  },
  rename,
  async link(from, to) {
    try {
      await link(from, to);
    } catch (error) {
      // Another disk, or a file system without hard links: copy instead.
      if (!['EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
      await nodeWriteFs.writeFile(to, await readFile(from));
    }
  },
  remove: (target) => rm(target, { recursive: true, force: true }),
};

/** `withdrawn`: a published folder taken out of the output folder (an embargo), to be removed. */
export type WorkingKind = 'staged' | 'old' | 'tmp' | 'withdrawn';

/** `<name>.<pid>-<random>.<kind>`: unique, and tells a later process whose it was and what it was for (see publish.ts). */
export function workingName(name: string, kind: WorkingKind): string {
  return `${name}.${process.pid}-${randomBytes(4).toString('hex')}.${kind}`;
}

const WORKING_NAME = /^(?<name>.+)\.(?<pid>\d+)-[0-9a-f]{8}\.(?<kind>staged|old|tmp|withdrawn)$/;

export function parseWorkingName(entry: string): { name: string; pid: number; kind: WorkingKind } | undefined {
  const parts = WORKING_NAME.exec(entry)?.groups;
  return parts ? { name: parts.name ?? '', pid: Number(parts.pid), kind: parts.kind as WorkingKind } : undefined;
}

export interface AtomicWriteOptions {
  fs?: WriteFs;
  /** Where the temporary file goes: beside the target unless that folder is published (then a working folder on the same disk). */
  tempDir?: string;
  /** Flush the new bytes before the rename (default); without, a crash may leave the file empty or cut short. */
  flush?: boolean;
}

/**
 * Write a file so readers see the old bytes or the new ones, never half:
 * write a temporary file, flush it, then rename it over the target.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, { fs = nodeWriteFs, tempDir = path.dirname(file), flush = true }: AtomicWriteOptions = {}): Promise<void> {
  await fs.mkdir(path.dirname(file));
  await fs.mkdir(tempDir);
  const temp = path.join(tempDir, workingName(path.basename(file), 'tmp'));
  try {
    await fs.writeFile(temp, data, { flush });
    await fs.rename(temp, file);
  } catch (error) {
    await fs.remove(temp).catch(() => {});
    throw error;
  }
}
