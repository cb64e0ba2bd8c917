import { describe, expect, it } from 'vitest';
import { permanentAddressFailure } from '../../src/send/message.js';

describe('a refusal because of the address (added to --suppress)', () => {
  it('is not a refusal of the sender address (5.1.7, 5.1.8), which would suppress everyone on the list', () => {
    expect(permanentAddressFailure('553 5.1.8 <bounces+AbC@example.org>: Sender address rejected: Domain not found')).toBe(false);
    expect(permanentAddressFailure('501 5.1.7 Bad sender address syntax')).toBe(false);
  });

  it('reads only the status code that opens the reply, not an IP address further in it', () => {
    expect(permanentAddressFailure('554 5.7.1 Service unavailable; Client host [10.5.2.1] blocked using zen.spamhaus.org')).toBe(false);
    expect(permanentAddressFailure('554 5.7.1 Client host [203.0.5.1.20] rejected')).toBe(false);
  });

  it('still takes a bad or disabled mailbox, in a reply or a DSN Status', () => {
    expect(permanentAddressFailure('550-5.1.1 The email account that you tried to reach does not exist. 550 5.1.1 https://support.google.com/mail/?p=NoSuchUser')).toBe(true);
    expect(permanentAddressFailure('550 5.1.10 Recipient address rejected: domain has null MX')).toBe(true);
    expect(permanentAddressFailure('5.1.1')).toBe(true);
    expect(permanentAddressFailure('5.2.1')).toBe(true);
    expect(permanentAddressFailure('5.7.26')).toBe(false);
  });
});
