import path from 'node:path';
import { createRenderContext, projectPaths } from '../build/context.js';
import { displayPath, readTextIfExists } from '../load/read.js';
import { loadRecipientsCsv, parseSuppressionList } from '../send/recipients.js';
import { defaultJournalFile, runSend } from '../send/run.js';
import type { SendProgress } from '../send/send.js';
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

  const context = await createRenderContext(projectPaths(cwd, values.config));
  printDiagnostics(context.diagnostics);
  if (!context.value) return 1;

  const journalFile = dryRun ? undefined : path.resolve(cwd, values.journal ?? defaultJournalFile(outDir, slug, recipientsFile));
  const display = progressDisplay(process.stderr);
  const outcome = await runSend({
    slug,
    statementsDir: path.resolve(cwd, values.statements),
    outDir,
    recipientsFile,
    recipients: recipients.value,
    suppressed: parseSuppressionList(suppressText ?? ''),
    ctx: context.value,
    smtpUrl: dryRun ? undefined : smtpUrl,
    rate,
    journalFile,
    onNotice: (message) => process.stderr.write(`${message}\n`),
    onProgress: (progress) => display.update(progress),
  }).finally(() => display.end());

  if (outcome.kind === 'transport-failed') {
    process.stderr.write(`statements: ${outcome.message}: fix the SMTP settings and run the command again; the journal keeps who was sent\n`);
    return 1;
  }
  const { report } = outcome;
  const outbox = outcome.kind === 'sent' ? outcome.outbox : undefined;
  if (outcome.kind === 'nothing-to-send') {
    process.stderr.write(`Nothing to send: all ${recipients.value.length} recipients of ${displayPath(recipientsFile)} were already sent or refused (journal ${displayPath(journalFile ?? '')}).\n`);
  }
  for (const failure of report.failed) {
    process.stderr.write(`${displayPath(recipientsFile)}:${failure.recipient.line}: error: not delivered to ${failure.recipient.email}: ${failure.reason}${failure.permanent ? '' : ' (temporary: run the command again to retry)'} [send]\n`);
  }
  process.stderr.write(
    `${outbox ? 'Wrote' : 'Sent'} ${report.sent} now` +
      (report.alreadySent ? `, ${report.alreadySent} earlier` : '') +
      (report.suppressed.length ? `, ${report.suppressed.length} skipped (unsubscribed)` : '') +
      `, ${report.failed.length} failed` +
      (outbox ? `; nothing was sent, see ${displayPath(outbox)}/` : '') + '\n',
  );
  return report.failed.length > 0 ? 1 : 0;
}
