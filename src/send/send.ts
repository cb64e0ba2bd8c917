import { displayPath } from '../load/read.js';
import { diagnostic, DiagnosticsError, type Diagnostic } from '../model/diagnostic.js';
import type { EmailSettings } from '../render/email/sender.js';
import type { Journal } from './journal.js';
import { personalize, recipientMessageId, type OutgoingMessage, type UnsubscribeKeys } from './message.js';
import { addressKey, type Recipient } from './recipients.js';
import type { Transport } from './transport.js';
import { addressDomain } from '../model/fields.js';

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
  /** At most this many messages a second, across all connections. */
  rate?: number;
  /** At most this many messages in flight at once (the transport opens a connection for each): also the most a kill can make repeat. */
  connections?: number;
  /** Send again to those an earlier run left unconfirmed (they may get the message twice). */
  resendUnconfirmed?: boolean;
  /** Waits before each retry of a temporary failure; its length is the number of retries. */
  retryDelays?: readonly number[];
  onProgress?: (progress: SendProgress) => void;
  now?: () => Date;
  /** Resolves after `ms`, or at once when `abort` fires (the send is over). */
  sleep?: (ms: number, abort: AbortSignal) => Promise<void>;
}

export const DEFAULT_RETRY_DELAYS = [2_000, 5_000, 15_000, 30_000, 60_000];

/** A few: most of the gain of parallel sending, without looking like a flood to the server. */
export const DEFAULT_CONNECTIONS = 4;

function realSleep(ms: number, abort: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (abort.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    // A retry still waiting when the send stops must not keep the process alive.
    abort.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

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

/** A recipient on its way: the message is built once, before its first attempt, and kept for its retries. */
interface Delivery {
  recipient: Recipient;
  message?: OutgoingMessage;
  attempts: number;
}

/**
 * Mail each pending recipient their email, up to `connections` messages at
 * once. The journal gets `sending` before a recipient's first attempt and
 * `sent`/`failed`/`unconfirmed` after its last; outcomes are flushed together
 * (group commit), and a message counts as sent (progress, report) only once
 * the flush covering it is done. A slot stays taken until then, so a kill can
 * leave at most `connections` messages delivered but unrecorded: those, and
 * only those, the next run sends again. A temporary failure waits for its
 * retry outside the slots, so it delays nobody else; an unconfirmed message is
 * never retried (it may have arrived). Before each attempt the journal's lock
 * must still be this run's. The send stops (report.stopped), after the
 * messages in flight, when the lock is lost or the journal cannot be written.
 */
export async function sendAll(options: SendOptions): Promise<SendReport> {
  const { journal, transport, settings } = options;
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? realSleep;
  const retryDelays = options.retryDelays ?? DEFAULT_RETRY_DELAYS;
  const connections = Math.max(1, options.connections ?? DEFAULT_CONNECTIONS);
  const report = journalReport(options.recipients, journal, options.suppressed, options.resendUnconfirmed);
  const { alreadySent } = report;
  const pending = pendingRecipients(options.recipients, journal, options.suppressed, options.resendUnconfirmed);
  let done = 0;
  const progress = () =>
    options.onProgress?.({ sent: alreadySent + report.sent, failed: report.failed.length, unconfirmed: report.unconfirmed.length, remaining: pending.length - done, total: options.recipients.length - report.suppressed.length });
  progress();
  const domain = addressDomain(settings.from.address);
  const interval = options.rate && options.rate > 0 ? 1000 / options.rate : 0;
  const finished = new AbortController();

  // The one place a message's bytes become final.
  const outgoing = (recipient: Recipient): OutgoingMessage => {
    const record = journal.records.get(addressKey(recipient.email));
    // A message sent again (in flight at a kill, or unconfirmed) keeps the Message-ID it was first sent with.
    const recorded = record?.state === 'sending' || record?.state === 'unconfirmed' ? record.messageId : undefined;
    const messageId = recorded || recipientMessageId(options.sendId, recipient.email, domain);
    return personalize(options.emails[recipient.variant]!, recipient, settings, { messageId, date: now(), unsubscribe: options.unsubscribe });
  };

  let stopped: Diagnostic[] | undefined;
  let fatal: { error: unknown } | undefined;
  const retryQueue: Delivery[] = [];
  let retriesWaiting = 0;
  let wake = () => {};
  const signal = () => wake();

  /** Before each attempt, at once (no other message starts meanwhile): the lock still this run's, and `sending` written before the first. */
  const begin = (delivery: Delivery): OutgoingMessage => {
    const lost = journal.lockLost();
    if (lost) throw new DiagnosticsError([diagnostic('error', 'send-lock', lost, { file: displayPath(journal.file ?? '') })]);
    if (delivery.message) return delivery.message;
    const message = outgoing(delivery.recipient);
    journal.append({ type: 'sending', at: now().toISOString(), email: delivery.recipient.email, messageId: message.messageId });
    delivery.message = message;
    return message;
  };

  const deliver = async (delivery: Delivery, message: OutgoingMessage): Promise<void> => {
    const { recipient } = delivery;
    const result = await transport.deliver(message);
    const delay = retryDelays[delivery.attempts];
    delivery.attempts += 1;
    if (!result.ok && result.outcome === 'temporary' && delay !== undefined) {
      retriesWaiting += 1;
      void sleep(delay, finished.signal).then(() => {
        retriesWaiting -= 1;
        retryQueue.push(delivery);
        signal();
      });
      return;
    }
    const at = now().toISOString();
    const { email } = recipient;
    const { messageId } = message;
    try {
      if (result.ok) journal.append({ type: 'sent', at, email, messageId, response: result.response });
      else if (result.outcome === 'unconfirmed') journal.append({ type: 'unconfirmed', at, email, messageId, reason: result.reason });
      else journal.append({ type: 'failed', at, email, permanent: result.outcome === 'permanent', reason: result.reason });
      await journal.durable();
    } catch (error) {
      if (!(error instanceof DiagnosticsError) || (!result.ok && result.outcome !== 'unconfirmed')) throw error;
      // The journal may still say `sending`, so the next run sends this message again: say so.
      const note = `; the message to ${email} ${result.ok ? 'was delivered' : 'may have arrived'} but is not recorded, so the next run sends it again`;
      throw new DiagnosticsError(error.diagnostics.map((d) => diagnostic('error', d.ruleId ?? 'send-journal', `${d.reason}${note}`, { file: String(d.file) })));
    }
    if (result.ok) report.sent += 1;
    else if (result.outcome === 'unconfirmed') report.unconfirmed.push({ recipient, reason: result.reason, messageId });
    else report.failed.push({ recipient, reason: result.reason, permanent: result.outcome === 'permanent' });
    done += 1;
    progress();
  };

  const inFlight = new Set<Promise<void>>();
  let cursor = 0;
  let nextSlot = Date.now();
  try {
    while (!stopped && !fatal) {
      const woken = new Promise<void>((resolve) => (wake = resolve));
      if (inFlight.size >= connections) {
        await woken;
        continue;
      }
      // A retry whose wait is over goes before those not yet tried.
      const delivery = retryQueue.shift() ?? (cursor < pending.length ? { recipient: pending[cursor++]!, attempts: 0 } : undefined);
      if (!delivery) {
        if (inFlight.size === 0 && retriesWaiting === 0) break;
        await woken;
        continue;
      }
      if (interval) {
        const start = Math.max(Date.now(), nextSlot);
        nextSlot = start + interval;
        if (start > Date.now()) await sleep(start - Date.now(), finished.signal);
        // A message in flight may have stopped the send during the wait: this one stays unsent.
        if (stopped || fatal) break;
      }
      let message: OutgoingMessage;
      try {
        message = begin(delivery);
      } catch (error) {
        if (error instanceof DiagnosticsError) stopped = error.diagnostics;
        else fatal = { error };
        break;
      }
      const task: Promise<void> = deliver(delivery, message)
        .catch((error: unknown) => {
          if (error instanceof DiagnosticsError) stopped = [...(stopped ?? []), ...error.diagnostics];
          else fatal ??= { error };
        })
        .finally(() => {
          inFlight.delete(task);
          signal();
        });
      inFlight.add(task);
    }
    // Those in flight finish and are recorded, whatever stopped the send.
    await Promise.all(inFlight);
  } finally {
    finished.abort();
  }
  if (fatal) throw fatal.error;
  if (stopped) report.stopped = stopped;
  return report;
}
