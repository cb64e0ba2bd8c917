import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { displayPath } from '../load/read.js';
import { SOURCE_LANGUAGE } from '../model/statement.js';
import type { RenderContext } from '../render/context.js';
import { emailSettings } from '../render/email/sender.js';
import { prepareEmails } from './emails.js';
import { Journal, lockJournal } from './journal.js';
import { addressKey, type Recipient } from './recipients.js';
import { journalReport, pendingRecipients, sendAll, type SendProgress, type SendReport } from './send.js';
import { outboxTransport, smtpTransport, TransportSetupError, type Transport } from './transport.js';

export interface SendRun {
  slug: string;
  statementsDir: string;
  outDir: string;
  /** Absolute path of the recipients list; with the slug it names the send in its journal and Message-IDs. */
  recipientsFile: string;
  recipients: readonly Recipient[];
  suppressed: ReadonlySet<string>;
  ctx: RenderContext;
  /** Absent for a dry run, which writes to `out/<slug>/outbox/` instead. */
  smtpUrl?: string;
  rate?: number;
  /** Absent for a dry run, which keeps no journal. */
  journalFile?: string;
  /** A line for the user: what is being built, resumed or sent. */
  onNotice: (message: string) => void;
  onProgress: (progress: SendProgress) => void;
}

export type SendOutcome =
  | { kind: 'nothing-to-send'; report: SendReport }
  | { kind: 'sent'; report: SendReport; outbox?: string }
  | { kind: 'transport-failed'; message: string };

/** `out/<slug>/send/<list>-<hash of its path>.jsonl`: one journal per statement and list. */
export function defaultJournalFile(outDir: string, slug: string, recipientsFile: string): string {
  const digest = createHash('sha256').update(recipientsFile).digest('hex').slice(0, 8);
  return path.join(outDir, slug, 'send', `${path.basename(recipientsFile, path.extname(recipientsFile))}-${digest}.jsonl`);
}

/**
 * One send of a statement to a list: build its emails if they are stale,
 * open (and lock) the journal, send to whoever it does not record as done.
 */
export async function runSend(run: SendRun): Promise<SendOutcome> {
  const { slug, outDir, recipients, suppressed, journalFile } = run;
  const settings = emailSettings(run.ctx.config, SOURCE_LANGUAGE);
  // A statement that does not build throws DiagnosticsError: its file:line errors reach the user.
  const prepared = await prepareEmails(run.statementsDir, outDir, slug, run.ctx);
  if (prepared.rebuilt) run.onNotice(`Built ${slug} first: its emails in ${displayPath(path.join(outDir, slug))}/ were missing or out of date.`);

  const unlock = journalFile ? lockJournal(journalFile) : () => {};
  const journal = journalFile ? Journal.open(journalFile) : Journal.inMemory();
  let transport: Transport | undefined;
  try {
    const digests = Object.fromEntries(Object.entries(prepared.emails).map(([variant, eml]) => [variant, createHash('sha256').update(eml).digest('hex').slice(0, 16)]));
    const first = journal.begins[0];
    if (first && JSON.stringify(first.digests) !== JSON.stringify(digests)) {
      run.onNotice('warning: the emails changed since this send began; those already sent got the earlier version.');
    }
    const pending = pendingRecipients(recipients, journal, suppressed);
    if (pending.length === 0) return { kind: 'nothing-to-send', report: journalReport(recipients, journal, suppressed) };

    const outbox = run.smtpUrl ? undefined : path.join(outDir, slug, 'outbox');
    if (outbox) await rm(outbox, { recursive: true, force: true });
    try {
      transport = outbox ? outboxTransport(outbox) : await smtpTransport(run.smtpUrl ?? '');
      journal.append({ type: 'begin', at: new Date().toISOString(), slug, recipients: run.recipientsFile, digests });
      const resumed = recipients.length - pending.length - recipients.filter((r) => suppressed.has(addressKey(r.email))).length;
      run.onNotice(
        `${outbox ? 'Dry run: writing' : 'Sending'} ${pending.length} message${pending.length === 1 ? '' : 's'} of ${slug} to ${transport.description}` +
          (resumed > 0 ? ` (resuming: ${resumed} already done per the journal)` : '') +
          (run.rate ? `, at most ${run.rate}/s` : ''),
      );
      const report = await sendAll({
        emails: prepared.emails,
        recipients,
        suppressed,
        settings,
        journal,
        transport,
        sendId: `${slug}\0${run.recipientsFile}\0${journal.begins[0]?.at ?? ''}`,
        rate: run.rate,
        onProgress: run.onProgress,
      });
      return { kind: 'sent', report, outbox };
    } catch (error) {
      // A wrong URL, refused login or unreachable server: the journal keeps who was sent.
      if (error instanceof TransportSetupError) return { kind: 'transport-failed', message: error.message };
      throw error;
    }
  } finally {
    await transport?.close();
    journal.close();
    unlock();
  }
}
