/**
 * A process that competes for a lock when its parent says so (tests/send/lock.test.ts):
 * `{ take: file }` → `{ held, holder }`, keeping it if it got it; `{ release: true }` → `{ released }`.
 */
import { acquireLock, type HeldLock } from '../../src/send/lock.js';

let held: HeldLock | undefined;

process.on('message', (message: { take?: string; release?: boolean }) => {
  if (message.take) {
    try {
      const attempt = acquireLock(message.take);
      if ('held' in attempt) held = attempt.held;
      process.send!({ held: 'held' in attempt, holder: 'holder' in attempt ? attempt.holder.pid : process.pid });
    } catch (error) {
      process.send!({ error: String(error) });
    }
  } else if (message.release) {
    held?.release();
    held = undefined;
    process.send!({ released: true });
  }
});
process.send!({ ready: true });
