import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { displayPath } from '../load/read.js';
import { DiagnosticsError, formatDiagnostic } from '../model/diagnostic.js';
import { languageSettings } from '../model/config.js';
import { sourceLanguage } from '../model/languages.js';
import type { RenderContext } from '../render/context.js';
import { emailSettings, postalAddressProblem } from '../render/email/sender.js';
import { prepareEmails, type PrepareOptions } from './emails.js';
import { Journal } from './journal.js';
import { checkJournalPath, defaultJournalFile, foldListJournals, legacyOutbox, outboxDir, type SendInputs } from './locations.js';
import { loadDkimSigner, signingTransport } from './dkim.js';
import { checkPublishedKey, systemResolveTxt, type ResolveTxt } from './dns-records.js';
import { checkDeliveryHeaders, permanentAddressFailure } from './message.js';
import { addressKey, editionProblems, type Recipient } from './recipients.js';
import { ehloName } from './security.js';
import { journalReport, pendingRecipients, sendAll, type SendProgress, type SendReport } from './send.js';
import { appendToSuppressionList, unsubscribeKeys } from './unsubscribe.js';
import { outboxTransport, parseSmtpUrl, smtpTransport, TransportSetupError, type SmtpOptions, type Transport } from './transport.js';

export interface SendRun {
  slug: string;
  /** The statements and output folders, and every other file and folder the send reads. */
  inputs: SendInputs;
  /** Absolute path of the recipients list, recorded in the journal (which is the statement's, whatever the list). */
  recipientsFile: string;
  recipients: readonly Recipient[];
  suppressed: ReadonlySet<string>;
  /** `--suppress`: where addresses the server refuses for good (5.1.x, 5.2.1) are added. */
  suppressFile?: string;
  ctx: RenderContext;
  /** Where `STATEMENTS_UNSUBSCRIBE_SECRET` is read. */
  env?: NodeJS.ProcessEnv;
  /** Absent for a dry run, which writes to the outbox in the work folder instead. */
  smtpUrl?: string;
  smtpOptions?: SmtpOptions;
  rate?: number;
  /** At most this many messages in flight, one SMTP connection each (default DEFAULT_CONNECTIONS). */
  connections?: number;
  /** `--journal`; by default the journal lives in the work folder beside the output folder. */
  journalFile?: string;
  /** Send again to recipients an earlier run left unconfirmed. */
  resendUnconfirmed?: boolean;
  /** Send to everyone on the list again, whatever the journal says: a new round, with new Message-IDs. */
  resend?: boolean;
  /** Send a statement whose checks found errors; "now" for its date checks. */
  check?: PrepareOptions;
  /** Looks up the published DKIM record (the system's resolver by default). */
  resolveTxt?: ResolveTxt;
  /** A line for the user: what is being built, resumed, moved or sent. */
  onNotice: (message: string) => void;
  onProgress: (progress: SendProgress) => void;
}

export type SendOutcome =
  | { kind: 'nothing-to-send'; report: SendReport; journalFile?: string }
  | { kind: 'sent'; report: SendReport; outbox?: string }
  | { kind: 'transport-failed'; message: string };

/**
 * One send of a statement to a list. In order: the SMTP URL, the journal's
 * place, the journal locked and read (older per-list journals folded in), the emails built if
 * stale, every header value, the connection; only then the first message, so
 * a mistake stops the send before it starts rather than half way. Whoever the
 * journal does not record as done is mailed.
 * Throws DiagnosticsError (nothing sent) for what the user must fix first.
 */
export async function runSend(run: SendRun): Promise<SendOutcome> {
  const { slug, inputs, recipients, suppressed } = run;
  const { outDir } = inputs;
  const dryRun = run.smtpUrl === undefined;
  const noPostalAddress = postalAddressProblem(run.ctx.config);
  if (noPostalAddress) throw new DiagnosticsError([noPostalAddress]);
  try {
    if (!dryRun) parseSmtpUrl(run.smtpUrl!);
  } catch (error) {
    if (error instanceof TransportSetupError) return { kind: 'transport-failed', message: error.message };
    throw error;
  }
  // A key that cannot sign stops the send before anything is built or connected to.
  const signer = await loadDkimSigner(run.ctx.config);
  if (signer) {
    const published = await checkPublishedKey(signer, run.ctx.config, run.resolveTxt ?? systemResolveTxt());
    if (published.error) throw new DiagnosticsError([published.error]);
    if (published.warning) run.onNotice(published.warning);
  }
  let journalFile: string | undefined;
  if (!dryRun && run.journalFile) {
    const refused = checkJournalPath(run.journalFile, inputs);
    if (refused) throw new DiagnosticsError([refused]);
    journalFile = run.journalFile;
  } else if (!dryRun) {
    journalFile = defaultJournalFile(outDir, slug);
  }

  const settings = emailSettings(run.ctx.config, sourceLanguage(languageSettings(run.ctx.config)));
  const journal = journalFile ? Journal.open(journalFile) : Journal.inMemory();
  let transport: Transport | undefined;
  try {
    if (journalFile && !run.journalFile) {
      // Before building: a build may replace out/<slug>/, where the oldest versions kept their journals, as a whole.
      const folded = await foldListJournals(journal, outDir, slug);
      if (folded) run.onNotice(folded);
    }
    // A statement that does not build throws DiagnosticsError: its file:line errors reach the user.
    const prepared = await prepareEmails(inputs.statementsDir, outDir, slug, run.ctx, { ...run.check, embargoedDir: inputs.embargoedDir });
    for (const warning of prepared.warnings) run.onNotice(formatDiagnostic(warning));
    if (prepared.embargoed) run.onNotice(`${slug} is under embargo: sending its embargoed copies from ${displayPath(prepared.folder)}/, whose subjects say so.`);
    if (prepared.rebuilt) run.onNotice(`Built ${slug} first: its emails in ${displayPath(prepared.folder)}/ were missing or out of date.`);
    const digests = Object.fromEntries(Object.entries(prepared.emails).map(([variant, eml]) => [variant, createHash('sha256').update(eml).digest('hex').slice(0, 16)]));
    const unavailable = editionProblems(recipients, prepared.emails, slug, displayPath(run.recipientsFile));
    if (unavailable.length > 0) throw new DiagnosticsError(unavailable);
    const round = journal.round();
    if (round && !run.resend && JSON.stringify(round.digests) !== JSON.stringify(digests)) {
      run.onNotice('warning: the emails changed since this send began; those already sent got the earlier version.');
    }
    const unsubscribe = unsubscribeKeys(run.ctx, settings, Object.keys(prepared.emails), run.env ?? process.env);
    // A resend starts a new round: until its `begin` is written, read the journal as empty.
    const known = run.resend ? Journal.inMemory() : journal;
    const pending = pendingRecipients(recipients, known, suppressed, run.resendUnconfirmed);
    if (pending.length === 0) {
      const report = journalReport(recipients, known, suppressed, run.resendUnconfirmed);
      if (!dryRun) suppressRefused(run, report);
      return { kind: 'nothing-to-send', report, journalFile };
    }
    const headerProblems = checkDeliveryHeaders(pending, settings, { recipients: displayPath(run.recipientsFile), config: run.ctx.config.file });
    if (headerProblems.length > 0) throw new DiagnosticsError(headerProblems);

    const oldOutbox = legacyOutbox(outDir, slug);
    if (existsSync(oldOutbox)) {
      await rm(oldOutbox, { recursive: true, force: true });
      run.onNotice(`Removed ${displayPath(oldOutbox)}/, where older versions wrote dry-run messages: the output folder is published.`);
    }
    const outbox = dryRun ? outboxDir(outDir, slug) : undefined;
    if (outbox) await rm(outbox, { recursive: true, force: true });
    try {
      transport = outbox ? outboxTransport(outbox) : await smtpTransport(run.smtpUrl!, { ehloName: ehloName(run.ctx.config), ...run.smtpOptions });
      if (signer) {
        transport = signingTransport(transport, signer);
        run.onNotice(`Signing every message with DKIM for ${signer.domain} (selector ${signer.selector}, key from ${signer.source}).`);
      }
      // A server that cannot be reached or refuses the login stops the send here, before anyone is mailed.
      await transport.open();
      journal.append({ type: 'begin', at: new Date().toISOString(), slug, recipients: run.recipientsFile, digests, ...(run.resend ? { resend: true } : {}) });
      // Durable before the first message: a resend killed half way must resume as a resend.
      await journal.durable();
      const resumed = recipients.length - pending.length - recipients.filter((r) => suppressed.has(addressKey(r.email))).length;
      run.onNotice(
        `${outbox ? 'Dry run: writing' : 'Sending'} ${pending.length} message${pending.length === 1 ? '' : 's'} of ${slug} to ${transport.description}` +
          (resumed > 0 ? ` (resuming: ${resumed} already done per the journal)` : '') +
          (run.resend ? ' (--resend: again to everyone on the list)' : '') +
          (run.rate ? `, at most ${run.rate}/s` : ''),
      );
      const report = await sendAll({
        emails: prepared.emails,
        recipients,
        suppressed,
        settings,
        unsubscribe,
        journal,
        transport,
        // The round, not the list: the same person on two lists gets the same Message-ID.
        sendId: `${slug}\0${journal.round()?.at ?? ''}`,
        rate: run.rate,
        connections: run.connections,
        resendUnconfirmed: run.resendUnconfirmed,
        onProgress: run.onProgress,
      });
      if (!outbox) suppressRefused(run, report);
      return { kind: 'sent', report, outbox };
    } catch (error) {
      // An unreachable server, a refused login, TLS: the journal keeps who was sent.
      if (error instanceof TransportSetupError) return { kind: 'transport-failed', message: error.message };
      throw error;
    }
  } finally {
    await transport?.close();
    journal.close();
  }
}

/**
 * Add to `--suppress` the addresses the server refused for good because of
 * the address. From the report, which holds earlier runs' refusals too, so a
 * run killed before this point catches up on the next.
 */
function suppressRefused(run: SendRun, report: SendReport): void {
  if (!run.suppressFile) return;
  const refused = report.failed.filter((failure) => failure.permanent && permanentAddressFailure(failure.reason)).map((failure) => failure.recipient.email);
  try {
    const added = appendToSuppressionList(run.suppressFile, refused);
    if (added.length > 0) run.onNotice(`Added ${added.length} address${added.length === 1 ? '' : 'es'} the server refused for good to ${displayPath(run.suppressFile)}: ${added.join(', ')}`);
  } catch (error) {
    if (!(error instanceof DiagnosticsError)) throw error;
    // The messages went out, so the send's report stands; the list can be fixed and the send run again.
    for (const problem of error.diagnostics) run.onNotice(formatDiagnostic(problem));
  }
}
