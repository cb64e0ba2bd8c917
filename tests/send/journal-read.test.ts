import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiagnosticsError } from '../../src/model/diagnostic.js';
import { Journal } from '../../src/send/journal.js';

describe('Journal.read (unsubscribe, bounces --journal)', () => {
  it('refuses a FIFO instead of waiting for a writer forever', async () => {
    const fifo = path.join(await mkdtemp(path.join(tmpdir(), 'statements-journal-')), 'journal.jsonl');
    execFileSync('mkfifo', [fifo]);
    // Journal.read is synchronous: a hang would block this test until vitest's timeout.
    expect(() => Journal.read(fifo)).toThrow(DiagnosticsError);
  }, 5_000);
});
