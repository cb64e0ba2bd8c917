import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBounce } from '../../src/send/bounces.js';

const BOUNCES = path.join(import.meta.dirname, 'fixtures', 'bounces');
const hard = async (address: string) => (await readFile(path.join(BOUNCES, 'hard.eml'), 'utf8')).replaceAll('{{token}}', 'AAAAAAAAAAAAAAAAAAAAAA').replaceAll('{{address}}', address);

describe('statements bounces on hostile mailboxes', () => {
  it('does not take a policy refusal (5.7.x: spam, DMARC, relay denied) for a bad address, as the send itself does not', async () => {
    // Gmail/Yahoo rejecting the coalition's mail for DMARC or as spam is about the sender, not the journalist's address.
    const dmarc = (await hard('ana@example.net')).replaceAll('5.1.1', '5.7.26').replace('User unknown in virtual', 'Unauthenticated email is not accepted');
    const bounce = await readBounce(Buffer.from(dmarc));
    expect(bounce.kind).not.toBe('hard');
  });
});
