import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { journaledAddresses } from '../../src/send/unsubscribe.js';

describe('the addresses unsubscribe and bounces match tokens against', () => {
  it('include those mailed before a --resend round, whose links and bounce addresses still work', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'statements-send-'));
    const begin = (resend: boolean) => JSON.stringify({ type: 'begin', at: '2026-03-01T00:00:00Z', slug: 's', recipients: 'list.csv', digests: {}, ...(resend ? { resend: true } : {}) });
    const sent = (email: string) => JSON.stringify({ type: 'sent', at: '2026-03-01T00:00:01Z', email, messageId: '<m@x>', response: '250 ok' });
    // The first round went to ana and bob; bob left the list before the --resend.
    await writeFile(path.join(dir, 'journal.jsonl'), [begin(false), sent('ana@example.net'), sent('bob@example.net'), begin(true), sent('ana@example.net')].join('\n') + '\n');
    expect([...journaledAddresses(dir)].sort()).toEqual(['ana@example.net', 'bob@example.net']);
  });
});
