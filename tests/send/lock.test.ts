import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireLock } from '../../src/send/lock.js';

/** Above the largest pid Linux hands out (2^22), so never a live process. */
const DEAD_PID = 4_194_304 + 4_321;
const CONTENDER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'lock-contender.ts');

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'statements-lock-'));
}

describe('acquireLock', () => {
  it('gives the lock to one taker; a second is told which live process holds it', async () => {
    const file = path.join(await tempDir(), 'journal.lock');
    const first = acquireLock(file);
    expect('held' in first).toBe(true);
    expect(acquireLock(file)).toEqual({ holder: { pid: process.pid, nonce: expect.any(String) } });
    if ('held' in first) first.held.release();
    expect('held' in acquireLock(file)).toBe(true);
  });

  it('takes over a lock whose process is gone, including an older version’s bare pid', async () => {
    const dir = await tempDir();
    for (const stale of [JSON.stringify({ pid: DEAD_PID, nonce: 'old' }), String(DEAD_PID), '']) {
      const file = path.join(dir, 'journal.lock');
      await writeFile(file, stale);
      const attempt = acquireLock(file);
      expect('held' in attempt, `stale lock ${JSON.stringify(stale)}`).toBe(true);
      if ('held' in attempt) attempt.held.release();
    }
    expect(await readdir(dir)).toEqual([]);
  });

  it('knows when its lock file was removed or replaced', async () => {
    const file = path.join(await tempDir(), 'journal.lock');
    const attempt = acquireLock(file);
    if (!('held' in attempt)) throw new Error('not taken');
    expect(attempt.held.lost()).toBeUndefined();
    await unlink(file);
    expect(attempt.held.lost()).toBe('removed');
    await writeFile(file, JSON.stringify({ pid: process.pid, nonce: 'someone-else' }));
    expect(attempt.held.lost()).toBe('replaced');
    attempt.held.release();
    // Not ours any more, so release leaves it alone.
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ nonce: 'someone-else' });
  });

  describe('12 processes taking one stale lock at once', () => {
    const contenders: ChildProcess[] = [];
    const replies = new Map<ChildProcess, ((message: Record<string, unknown>) => void)[]>();
    const ask = (child: ChildProcess, message: object) =>
      new Promise<Record<string, unknown>>((resolve) => {
        replies.get(child)!.push(resolve);
        child.send(message);
      });

    beforeAll(async () => {
      await Promise.all(
        Array.from({ length: 12 }, () => {
          const child = fork(CONTENDER, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
          contenders.push(child);
          replies.set(child, []);
          return new Promise<void>((resolve) =>
            child.on('message', (message: Record<string, unknown>) => {
              if (message.ready) resolve();
              else replies.get(child)!.shift()?.(message);
            }),
          );
        }),
      );
    }, 60_000);

    afterAll(() => {
      for (const child of contenders) child.kill();
    });

    it('never lets two hold it, in 50 rounds', async () => {
      const dir = await tempDir();
      const file = path.join(dir, 'journal.lock');
      for (let round = 0; round < 50; round++) {
        await writeFile(file, JSON.stringify({ pid: DEAD_PID, nonce: `stale-${round}` }));
        const answers = await Promise.all(contenders.map((child) => ask(child, { take: file })));
        expect(answers.filter((answer) => answer.error), `round ${round}`).toEqual([]);
        const holders = contenders.filter((_, index) => answers[index]!.held);
        expect(holders, `round ${round}: holders`).toHaveLength(1);
        const holderPid = holders[0]!.pid;
        // Every loser names the one holder, and the lock file is the holder's.
        expect(answers.map((answer) => answer.holder), `round ${round}`).toEqual(contenders.map(() => holderPid));
        expect(JSON.parse(await readFile(file, 'utf8')).pid).toBe(holderPid);
        await ask(holders[0]!, { release: true });
        // No takeover or temporary file is left behind.
        expect(await readdir(dir), `round ${round}`).toEqual([]);
      }
      await rm(dir, { recursive: true });
    }, 120_000);
  });
});
