import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { createRenderContext, projectPaths } from '../build/context.js';
import { displayPath, readTextIfExists } from '../load/read.js';
import { SOURCE_LANGUAGE } from '../model/statement.js';
import { emailSettings } from '../render/email/sender.js';
import { prepareEmails } from '../send/emails.js';
import { Journal, lockJournal } from '../send/journal.js';
import { loadRecipientsCsv, parseSuppressionList } from '../send/recipients.js';
import { pendingRecipients, sendAll, type SendProgress } from '../send/send.js';
import { outboxTransport, smtpTransport, TransportSetupError, type Transport } from '../send/transport.js';
import { printDiagnostics } from './report.js';
import { COMMON_OPTIONS, parseCommandArgs, UsageError } from './usage.js';

const OPTIONS = {
  ...COMMON_OPTIONS,
  to: { type: 'string' },
  smtp: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  rate: { type: 'string' },
  suppress: { type: 'string' },
  journal: { type: 'string' },
} as const;

/** sent / failed / remaining on stderr: a redrawn bar on a terminal, a line every 10% in a log. */
function progressDisplay(stream: NodeJS.WriteStream) {
  let lastDecile = -1;
  return {
    update(progress: SendProgress) {
      const done = progress.total - progress.remaining;
      const text = `sent ${progress.sent} · failed ${progress.failed} · remaining ${progress.remaining}`;
      if (stream.isTTY) {
        const width = 24;
        const filled = progress.total ? Math.round((done / progress.total) * width) : width;
        stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}\x1b[K`);
      } else {
        const decile = progress.total ? Math.floor((done / progress.total) * 10) : 10;
        if (decile !== lastDecile) stream.write(`${text}\n`);
        lastDecile = decile;
      }
    },
    end() {
      if (stream.isTTY) stream.write('\n');
    },
  };
}

/** `out/<slug>/send/<list>-<hash of its path>.jsonl`: one journal per statement and list. */
function defaultJournal(outDir: string, slug: string, recipientsFile: string): string {
  const digest = createHash('sha256').update(recipientsFile).digest('hex').slice(0, 8);
  return path.join(outDir, slug, 'send', `${path.basename(recipientsFile, path.extname(recipientsFile))}-${digest}.jsonl`);
}

/** `statements send <slug> --to LIST`: exit 0 when every recipient has their message, 1 otherwise. */
export async function sendCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  const [slug, ...extra] = positionals;
  if (!slug || extra.length > 0) throw new UsageError('send takes one statement: statements send <slug> --to recipients.csv');
  if (!values.to) throw new UsageError('send needs --to recipients.csv (columns email,name,language)');
  const rate = values.rate === undefined ? undefined : Number(values.rate);
  if (rate !== undefined && !(rate > 0)) throw new UsageError(`--rate must be a number of messages per second above 0, not "${values.rate}"`);
  const dryRun = values['dry-run'];
  const smtpUrl = values.smtp ?? process.env.SMTP_URL;
  if (!dryRun && !smtpUrl) throw new UsageError('say where to send: --smtp smtp://user:pass@host:port, or set SMTP_URL (or use --dry-run)');

  const cwd = process.cwd();
  const statementsDir = path.resolve(cwd, values.statements);
  const outDir = path.resolve(cwd, values.out);
  const recipientsFile = path.resolve(cwd, values.to);

  const recipientsText = await readTextIfExists(recipientsFile);
  if (recipientsText === undefined) throw new UsageError(`no recipients file ${displayPath(recipientsFile)}`);
  const recipients = loadRecipientsCsv(displayPath(recipientsFile), recipientsText);
  printDiagnostics(recipients.diagnostics);
  if (!recipients.ok) {
    process.stderr.write(`Nothing was sent: fix ${displayPath(recipientsFile)} first.\n`);
    return 1;
  }
  const suppressFile = values.suppress ? path.resolve(cwd, values.suppress) : undefined;
  const suppressText = suppressFile ? await readTextIfExists(suppressFile) : undefined;
  if (suppressFile && suppressText === undefined) throw new UsageError(`no suppression file ${displayPath(suppressFile)}`);
  const suppressed = parseSuppressionList(suppressText ?? '');

  const context = await createRenderContext(projectPaths(cwd, values.config));
  printDiagnostics(context.diagnostics);
  if (!context.value) return 1;
  const ctx = context.value;
  const settings = emailSettings(ctx.config, SOURCE_LANGUAGE);
  // A statement that does not build throws DiagnosticsError, printed by main as file:line errors.
  const prepared = await prepareEmails(statementsDir, outDir, slug, ctx);
  if (prepared.rebuilt) process.stderr.write(`Built ${slug} first: its emails in ${displayPath(path.join(outDir, slug))}/ were missing or out of date.\n`);

  const journalFile = dryRun ? undefined : path.resolve(cwd, values.journal ?? defaultJournal(outDir, slug, recipientsFile));
  const unlock = journalFile ? lockJournal(journalFile) : () => {};
  const journal = journalFile ? Journal.open(journalFile) : Journal.inMemory();
  try {
    const digests = Object.fromEntries(Object.entries(prepared.emails).map(([variant, eml]) => [variant, createHash('sha256').update(eml).digest('hex').slice(0, 16)]));
    const first = journal.begins[0];
    if (first && JSON.stringify(first.digests) !== JSON.stringify(digests)) {
      process.stderr.write('warning: the emails changed since this send began; those already sent got the earlier version.\n');
    }
    const pending = pendingRecipients(recipients.value, journal, suppressed);
    const total = recipients.value.length;
    if (pending.length === 0) {
      process.stderr.write(`Nothing to send: all ${total} recipients of ${displayPath(recipientsFile)} were already sent or refused (journal ${displayPath(journalFile ?? '')}).\n`);
    }
    let transport: Transport | undefined;
    if (pending.length > 0) {
      const outbox = path.join(outDir, slug, 'outbox');
      if (dryRun) await rm(outbox, { recursive: true, force: true });
      transport = dryRun ? outboxTransport(outbox) : await smtpTransport(smtpUrl ?? '');
      journal.append({ type: 'begin', at: new Date().toISOString(), slug, recipients: recipientsFile, digests });
      const resumed = total - pending.length - recipients.value.filter((r) => suppressed.has(r.email.toLowerCase())).length;
      process.stderr.write(
        `${dryRun ? 'Dry run: writing' : 'Sending'} ${pending.length} message${pending.length === 1 ? '' : 's'} of ${slug} to ${transport.description}` +
          (resumed > 0 ? ` (resuming: ${resumed} already done per the journal)` : '') + (rate ? `, at most ${rate}/s` : '') + '\n',
      );
    }
    const display = progressDisplay(process.stderr);
    const report = await (async () => {
      try {
        return await sendAll({
          emails: prepared.emails,
          recipients: recipients.value,
          suppressed,
          settings,
          journal,
          transport: transport ?? outboxTransport(''),
          sendId: `${slug}\0${recipientsFile}\0${journal.begins[0]?.at ?? ''}`,
          rate,
          onProgress: pending.length > 0 ? (progress) => display.update(progress) : undefined,
        });
      } catch (error) {
        if (!(error instanceof TransportSetupError)) throw error;
        display.end();
        process.stderr.write(`statements: ${error.message}: fix the SMTP settings and run the command again; the journal keeps who was sent\n`);
        return undefined;
      } finally {
        display.end();
        await transport?.close();
      }
    })();
    if (!report) return 1;
    for (const failure of report.failed) {
      process.stderr.write(`${displayPath(recipientsFile)}:${failure.recipient.line}: error: not delivered to ${failure.recipient.email}: ${failure.reason}${failure.permanent ? '' : ' (temporary: run the command again to retry)'} [send]\n`);
    }
    process.stderr.write(
      `${dryRun ? 'Wrote' : 'Sent'} ${report.sent} now` +
        (report.alreadySent ? `, ${report.alreadySent} earlier` : '') +
        (report.suppressed.length ? `, ${report.suppressed.length} skipped (unsubscribed)` : '') +
        `, ${report.failed.length} failed` +
        (dryRun ? `; nothing was sent, see ${displayPath(path.join(outDir, slug, 'outbox'))}/` : '') + '\n',
    );
    return report.failed.length > 0 ? 1 : 0;
  } finally {
    journal.close();
    unlock();
  }
}
