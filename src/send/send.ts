import { type Variant } from '../model/statement.js';
import type { EmailSettings } from '../render/email/sender.js';
import type { Journal } from './journal.js';
import { personalize, recipientMessageId } from './message.js';
import { addressKey, type Recipient } from './recipients.js';
import type { Transport } from './transport.js';

export interface SendProgress {
  sent: number;
  failed: number;
  remaining: number;
  total: number;
}

export interface SendFailure {
  recipient: Recipient;
  reason: string;
  permanent: boolean;
}

export interface SendReport {
  /** Delivered in this run. */
  sent: number;
  /** Delivered by an earlier run, per the journal. */
  alreadySent: number;
  /** Left out because they unsubscribed. */
  suppressed: Recipient[];
  /** Failed in this run or (permanently) in an earlier one. */
  failed: SendFailure[];
}

export interface SendOptions {
  /** The built email per variant (`out/<slug>/<variant>.eml`). */
  emails: Record<Variant, Buffer>;
  recipients: readonly Recipient[];
  suppressed: ReadonlySet<string>;
  settings: EmailSettings;
  journal: Journal;
  transport: Transport;
  /** Names this send in Message-IDs: the same across a resume. */
  sendId: string;
  /** At most this many messages a second. */
  rate?: number;
  /** Waits before each retry of a temporary failure; its length is the number of retries. */
  retryDelays?: readonly number[];
  onProgress?: (progress: SendProgress) => void;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY_DELAYS = [2_000, 5_000, 15_000, 30_000, 60_000];

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The recipients a run still has to mail: not sent, not permanently refused, not unsubscribed. */
export function pendingRecipients(recipients: readonly Recipient[], journal: Journal, suppressed: ReadonlySet<string>): Recipient[] {
  return recipients.filter((recipient) => {
    const state = journal.state(recipient.email);
    return state !== 'sent' && state !== 'failed-permanent' && !suppressed.has(addressKey(recipient.email));
  });
}

/** What the journal already says of a list: who was sent, who was refused for good, who unsubscribed. */
export function journalReport(recipients: readonly Recipient[], journal: Journal, suppressed: ReadonlySet<string>): SendReport {
  const report: SendReport = { sent: 0, alreadySent: 0, suppressed: [], failed: [] };
  for (const recipient of recipients) {
    if (suppressed.has(addressKey(recipient.email))) {
      report.suppressed.push(recipient);
      continue;
    }
    const record = journal.records.get(addressKey(recipient.email));
    if (record?.state === 'sent') report.alreadySent += 1;
    else if (record?.state === 'failed-permanent') report.failed.push({ recipient, reason: record.reason ?? 'refused', permanent: true });
  }
  return report;
}

/**
 * Mail each pending recipient their email, one message at a time so at most
 * one is in flight when the process dies. The journal gets `sending` before
 * and `sent`/`failed` after each message, flushed to disk each time.
 */
export async function sendAll(options: SendOptions): Promise<SendReport> {
  const { journal, transport, settings } = options;
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? realSleep;
  const retryDelays = options.retryDelays ?? DEFAULT_RETRY_DELAYS;
  const report = journalReport(options.recipients, journal, options.suppressed);
  const { alreadySent } = report;
  const earlierFailures = report.failed.length;
  const pending = pendingRecipients(options.recipients, journal, options.suppressed);
  const progress = () =>
    options.onProgress?.({ sent: alreadySent + report.sent, failed: report.failed.length, remaining: pending.length - report.sent - (report.failed.length - earlierFailures), total: options.recipients.length - report.suppressed.length });
  progress();
  const domain = settings.from.address.split('@')[1] ?? 'localhost';
  const interval = options.rate && options.rate > 0 ? 1000 / options.rate : 0;
  const started = Date.now();
  for (const [index, recipient] of pending.entries()) {
    if (interval) {
      const wait = started + index * interval - Date.now();
      if (wait > 0) await sleep(wait);
    }
    const messageId = recipientMessageId(options.sendId, recipient.email, domain);
    const message = personalize(options.emails[recipient.variant], recipient, settings, { messageId, date: now() });
    journal.append({ type: 'sending', at: now().toISOString(), email: recipient.email, messageId });
    let result = await transport.deliver(message);
    for (const delay of retryDelays) {
      if (result.ok || result.permanent) break;
      await sleep(delay);
      result = await transport.deliver(message);
    }
    if (result.ok) {
      journal.append({ type: 'sent', at: now().toISOString(), email: recipient.email, messageId, response: result.response });
      report.sent += 1;
    } else {
      journal.append({ type: 'failed', at: now().toISOString(), email: recipient.email, permanent: result.permanent, reason: result.reason });
      report.failed.push({ recipient, reason: result.reason, permanent: result.permanent });
    }
    progress();
  }
  return report;
}
