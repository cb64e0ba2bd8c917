import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';

/** What a lock file holds: the process that took it, and a nonce naming this one taking. */
export interface LockOwner {
  pid: number;
  nonce: string;
}

export interface HeldLock {
  readonly file: string;
  readonly owner: LockOwner;
  /** Undefined while the lock file is still this one; otherwise what happened to it. */
  lost(): 'removed' | 'replaced' | undefined;
  /** Remove the lock file if it is still this one. */
  release(): void;
}

export type LockAttempt = { held: HeldLock } | { holder: LockOwner };

/** The file system object at the lock path that is not a lock file (a folder, say): the user has to move it. */
export class LockPathError extends Error {
  constructor(readonly file: string, readonly code: string) {
    super(`${file}: ${code}`);
  }
}

/** How long to wait for a live process that is taking over a stale lock, before calling the lock held. */
const TAKEOVER_WAIT_MS = 2_000;

/**
 * An exclusive lock file that no two processes can hold at once, even when
 * many take over a stale one together:
 *
 * - taking it: write `{pid, nonce}` to a temporary file and link(2) it to the
 *   lock path, so the lock appears complete or not at all (EEXIST when held);
 * - a lock whose process is gone is stale; to replace it a process needs the
 *   exclusive right for that lock's nonce: the lock `<lock>.<nonce>.takeover`,
 *   taken the same way (and taken over the same way if its holder died);
 * - holding that right, it reads the lock again (still that nonce?) and
 *   renames a new lock over it. Only one process can hold the right for a
 *   nonce, and a nonce once replaced never returns, so a slow process that
 *   saw the old lock finds the nonce changed and starts again.
 */
export function acquireLock(file: string): LockAttempt {
  const deadline = Date.now() + TAKEOVER_WAIT_MS;
  for (;;) {
    const owner: LockOwner = { pid: process.pid, nonce: randomUUID() };
    if (linkNew(file, owner)) return { held: heldLock(file, owner) };
    const current = readOwner(file);
    if (current === 'absent') continue; // released between our link and our read
    if (current !== 'unreadable' && isAlive(current.pid)) return { holder: current };
    // Stale (its process is gone) or not a lock this code wrote: replace it, under the takeover right for what it holds.
    const staleNonce = current === 'unreadable' ? 'unreadable' : current.nonce;
    const right = acquireLock(`${file}.${staleNonce}.takeover`);
    if ('held' in right) {
      try {
        const again = readOwner(file);
        const unchanged = again === 'unreadable' ? staleNonce === 'unreadable' : again !== 'absent' && again.nonce === staleNonce;
        if (unchanged) {
          replace(file, owner);
          return { held: heldLock(file, owner) };
        }
      } finally {
        right.held.release();
      }
    } else if (Date.now() > deadline) {
      // A live process has been taking it over for a while: it is, in effect, the holder.
      return { holder: right.holder };
    } else {
      pause(5);
    }
  }
}

function heldLock(file: string, owner: LockOwner): HeldLock {
  return {
    file,
    owner,
    lost() {
      const current = readOwner(file);
      if (current === 'absent') return 'removed';
      return current !== 'unreadable' && current.nonce === owner.nonce ? undefined : 'replaced';
    },
    release() {
      if (this.lost()) return;
      try {
        unlinkSync(file);
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') throw error;
      }
    },
  };
}

/** Create the lock complete, or report that one exists (false). */
function linkNew(file: string, owner: LockOwner): boolean {
  const temp = writeTemp(file, owner);
  try {
    linkSync(temp, file);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw new LockPathError(file, errorCode(error) ?? 'unknown error');
  } finally {
    unlinkSync(temp);
  }
}

/** Atomically put a new lock in place of the stale one (only with the takeover right). */
function replace(file: string, owner: LockOwner): void {
  const temp = writeTemp(file, owner);
  try {
    renameSync(temp, file);
  } catch (error) {
    unlinkSync(temp);
    throw new LockPathError(file, errorCode(error) ?? 'unknown error');
  }
}

function writeTemp(file: string, owner: LockOwner): string {
  const temp = `${file}.${owner.nonce}.tmp`;
  let fd: number;
  try {
    fd = openSync(temp, 'wx');
  } catch (error) {
    throw new LockPathError(file, errorCode(error) ?? 'unknown error');
  }
  try {
    writeSync(fd, JSON.stringify(owner));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return temp;
}

function readOwner(file: string): LockOwner | 'absent' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 'absent';
    throw new LockPathError(file, errorCode(error) ?? 'unknown error');
  }
  try {
    const value = JSON.parse(text) as Partial<LockOwner> | null;
    if (value && Number.isInteger(value.pid) && typeof value.nonce === 'string') return { pid: value.pid!, nonce: value.nonce };
  } catch {
    // not JSON: a lock written by an older version (a bare pid) or damaged
  }
  const pid = Number(text.trim());
  // An older version's lock: its process's pid alone, honoured while that process lives.
  return Number.isInteger(pid) && pid > 0 ? { pid, nonce: `pid-${pid}` } : 'unreadable';
}

export function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}
