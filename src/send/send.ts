import { displayPath } from '../load/read.js';
import { diagnostic, DiagnosticsError, type Diagnostic } from '../model/diagnostic.js';
import type { EmailSettings } from '../render/email/sender.js';
import type { Journal } from './journal.js';
import { personalize, recipientMessageId, type UnsubscribeKeys } from './message.js';
import { addressKey, type Recipient } from './recipients.js';
import type { Transport } from './transport.js';

export interface SendProgress {
  sent: number;
  failed: number;
  unconfirmed: number;
  remaining: number;
  total: number;
}

export interface SendFailure {
  recipient: Recipient;
  reason: string;
  permanent: boolean;
}

/** A message sent whole, with no reply from the server: it may have arrived. */
export interface Unconfirmed {
  recipient: Recipient;
  reason: string;
  messageId: string;
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
  /** Unconfirmed in this run or an earlier one, and not sent again. */
  unconfirmed: Unconfirmed[];
  /** Why the send stopped before its end (the journal's lock was lost, the journal could not be written). */
  stopped?: Diagnostic[];
}

export interface SendOptions {
  /** The built email per edition (`out/<slug>/<name>.eml`), by name; every recipient's edition is among them. */
  emails: Record<string, Buffer>;
  recipients: readonly Recipient[];
  suppressed: ReadonlySet<string>;
  settings: EmailSettings;
  /** The secret behind each recipient's token, and the unsubscribe mailto's subject per edition. */
  unsubscribe: UnsubscribeKeys;
  journal: Journal;
  transport: Transport;
  /** Names this send in Message-IDs: the same across a resume. */
  sendId: string;
  /** At most this many messages a second. */
  rate?: number;
  /** Send again to those an earlier run left unconfirmed (they may get the message twice). */
  resendUnconfirmed?: boolean;
  /** Waits before each retry of a temporary failure; its length is the number of retries. */
  retryDelays?: readonly number[];
  onProgress?: (progress: SendProgress) => void;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY_DELAYS = [2_000, 5_000, 15_000, 30_000, 60_000];

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The recipients a run still has to mail: not sent, not refused for good, not unconfirmed (unless asked), not unsubscribed. */
export function pendingRecipients(recipients: readonly Recipient[], journal: Journal, suppressed: ReadonlySet<string>, resendUnconfirmed = false): Recipient[] {
  return recipients.filter((recipient) => {
    const state = journal.state(recipient.email);
    return state !== 'sent' && state !== 'failed-permanent' && (resendUnconfirmed || state !== 'unconfirmed') && !suppressed.has(addressKey(recipient.email));
  });
}

/** What the journal already says of a list: who was sent, refused for good, left unconfirmed, or unsubscribed. */
export function journalReport(recipients: readonly Recipient[], journal: Journal, suppressed: ReadonlySet<string>, resendUnconfirmed = false): SendReport {
  const report: SendReport = { sent: 0, alreadySent: 0, suppressed: [], failed: [], unconfirmed: [] };
  for (const recipient of recipients) {
    if (suppressed.has(addressKey(recipient.email))) {
      report.suppressed.push(recipient);
      continue;
    }
    const record = journal.records.get(addressKey(recipient.email));
    if (record?.state === 'sent') report.alreadySent += 1;
    else if (record?.state === 'failed-permanent') report.failed.push({ recipient, reason: record.reason ?? 'refused', permanent: true });
    else if (record?.state === 'unconfirmed' && !resendUnconfirmed) report.unconfirmed.push({ recipient, reason: record.reason ?? 'no reply', messageId: record.messageId ?? '' });
  }
  return report;
}

/**
 * Mail each pending recipient their email, one message at a time so at most
 * one is in flight when the process dies. The journal gets `sending` before
 * and `sent`/`failed`/`unconfirmed` after each message. A temporary failure is
 * retried with backoff; an unconfirmed message never is (it may have arrived).
 * Before each attempt the journal's lock must still be this run's. The send
 * stops (report.stopped) when the lock is lost or the journal cannot be written.
 */
export async function sendAll(options: SendOptions): Promise<SendReport> {
  const { journal, transport, settings } = options;
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? realSleep;
  const retryDelays = options.retryDelays ?? DEFAULT_RETRY_DELAYS;
  const report = journalReport(options.recipients, journal, options.suppressed, options.resendUnconfirmed);
  const { alreadySent } = report;
  const pending = pendingRecipients(options.recipients, journal, options.suppressed, options.resendUnconfirmed);
  let done = 0;
  const progress = () =>
    options.onProgress?.({ sent: alreadySent + report.sent, failed: report.failed.length, unconfirmed: report.unconfirmed.length, remaining: pending.length - done, total: options.recipients.length - report.suppressed.length });
  progress();
  const domain = settings.from.address.split('@')[1] ?? 'localhost';
  const interval = options.rate && options.rate > 0 ? 1000 / options.rate : 0;
  const started = Date.now();
  const holdLock = () => {
    const lost = journal.lockLost();
    if (lost) throw new DiagnosticsError([diagnostic('error', 'send-lock', lost, { file: displayPath(journal.file ?? '') })]);
  };
  try {
    for (const [index, recipient] of pending.entries()) {
      if (interval) {
        const wait = started + index * interval - Date.now();
        if (wait > 0) await sleep(wait);
      }
      const messageId = recipientMessageId(options.sendId, recipient.email, domain);
      const message = personalize(options.emails[recipient.variant]!, recipient, settings, { messageId, date: now(), unsubscribe: options.unsubscribe });
      holdLock();
      journal.append({ type: 'sending', at: now().toISOString(), email: recipient.email, messageId });
      let result = await transport.deliver(message);
      for (const delay of retryDelays) {
        if (result.ok || result.outcome !== 'temporary') break;
        await sleep(delay);
        holdLock();
        result = await transport.deliver(message);
      }
      const at = now().toISOString();
      const { email } = recipient;
      try {
        if (result.ok) journal.append({ type: 'sent', at, email, messageId, response: result.response });
        else if (result.outcome === 'unconfirmed') journal.append({ type: 'unconfirmed', at, email, messageId, reason: result.reason });
        else journal.append({ type: 'failed', at, email, permanent: result.outcome === 'permanent', reason: result.reason });
      } catch (error) {
        if (!(error instanceof DiagnosticsError) || (!result.ok && result.outcome !== 'unconfirmed')) throw error;
        // The journal still says `sending`, so the next run sends this message again: say so.
        const note = `; the message to ${email} ${result.ok ? 'was delivered' : 'may have arrived'} but is not recorded, so the next run sends it again`;
        throw new DiagnosticsError(error.diagnostics.map((d) => diagnostic('error', d.ruleId ?? 'send-journal', `${d.reason}${note}`, { file: String(d.file) })));
      }
      if (result.ok) report.sent += 1;
      else if (result.outcome === 'unconfirmed') report.unconfirmed.push({ recipient, reason: result.reason, messageId });
      else report.failed.push({ recipient, reason: result.reason, permanent: result.outcome === 'permanent' });
      done += 1;
      progress();
    }
  } catch (error) {
    if (!(error instanceof DiagnosticsError)) throw error;
    report.stopped = error.diagnostics;
  }
  return report;
}
