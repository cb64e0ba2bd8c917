import { appendFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiagnosticsError } from '../../src/model/diagnostic.js';
import { Journal, lockJournal } from '../../src/send/journal.js';

async function journalFile(): Promise<string> {
  return path.join(await mkdtemp(path.join(tmpdir(), 'statements-journal-')), 'send', 'list.jsonl');
}

describe('Journal', () => {
  it('replays the last state of each address, and ignores a line cut off by a crash', async () => {
    const file = await journalFile();
    const journal = Journal.open(file);
    journal.append({ type: 'sending', at: '', email: 'a@example.net', messageId: '<1@x>' });
    journal.append({ type: 'sent', at: '', email: 'a@example.net', messageId: '<1@x>', response: '250 OK' });
    journal.append({ type: 'sending', at: '', email: 'b@example.net', messageId: '<2@x>' });
    journal.close();
    await appendFile(file, '{"type":"sent","email":"b@exa');
    const replayed = Journal.open(file);
    expect(replayed.state('A@example.net')).toBe('sent');
    expect(replayed.state('b@example.net')).toBe('sending');
    replayed.append({ type: 'failed', at: '', email: 'b@example.net', permanent: true, reason: '550' });
    replayed.close();
    expect(Journal.open(file).state('b@example.net')).toBe('failed-permanent');
    expect((await readFile(file, 'utf8')).split('\n').filter(Boolean)).toHaveLength(5);
  });

  it('lets one send at a time use a journal, taking over the lock of a dead process', async () => {
    const file = await journalFile();
    const unlock = lockJournal(file);
    expect(() => lockJournal(file)).toThrow(/another send \(process \d+\) is using/);
    // A diagnostic, so the CLI prints it as `journal: error: …` rather than as a crash.
    expect(() => lockJournal(file)).toThrow(DiagnosticsError);
    unlock();
    await appendFile(`${file}.lock`, '999999999');
    expect(typeof lockJournal(file)).toBe('function');
  });
});
