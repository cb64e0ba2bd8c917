import { writeSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EmailSettings } from '../../src/render/email/sender.js';
import { Journal } from '../../src/send/journal.js';
import type { OutgoingMessage, UnsubscribeKeys } from '../../src/send/message.js';
import type { Recipient } from '../../src/send/recipients.js';
import { sendAll } from '../../src/send/send.js';
import type { Transport } from '../../src/send/transport.js';
import { sendFixture } from '../helpers/email.js';

let settings: EmailSettings;
let unsubscribe: UnsubscribeKeys;
let emails: Record<string, Buffer>;

beforeAll(async () => {
  ({ emails, settings, unsubscribe } = await sendFixture());
});

const recipients: Recipient[] = [
  { email: 'ana@example.net', name: 'Ana Pérez', variant: 'es', line: 2 },
  { email: 'bob@example.net', name: 'Bob', variant: 'en', line: 3 },
];

describe('a send that stops', () => {
  it('starts no new message once the journal cannot be flushed, also when the stop comes while --rate holds the next one back', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'statements-journal-')), 'journal.jsonl');
    // The disk takes the lines but cannot flush them (EIO): nothing after that is known to be recorded.
    const journal = Journal.open(file, { io: { write: (fd, text) => void writeSync(fd, text), sync: () => Promise.reject(Object.assign(new Error('i/o error'), { code: 'EIO' })) } });
    const delivered: string[] = [];
    const transport: Transport = {
      description: 'test',
      open: async () => {},
      close: async () => {},
      deliver: async (message: OutgoingMessage) => {
        delivered.push(message.envelope.to);
        return { ok: true, response: '250 ok' };
      },
    };
    try {
      const report = await sendAll({
        emails, recipients, suppressed: new Set(), settings, unsubscribe, journal, transport, sendId: 'test', connections: 2, rate: 1,
        // The wait for the next slot: long enough for the first message's flush to fail meanwhile.
        sleep: () => new Promise((resolve) => setTimeout(resolve, 100)),
      });
      expect(report.stopped?.[0]?.reason).toMatch(/cannot flush the send journal/);
      expect(delivered).toEqual(['ana@example.net']);
    } finally {
      journal.close();
    }
  });
});
