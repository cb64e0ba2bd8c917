import path from 'node:path';
import { createRenderContext, projectPaths } from '../build/context.js';
import { loadConfig } from '../load/config.js';
import { displayPath, MAX_BYTES, readInput } from '../load/read.js';
import { languageSettings } from '../model/config.js';
import { diagnostic, DiagnosticsError, type Diagnostic } from '../model/diagnostic.js';
import { loadDkimSigner } from '../send/dkim.js';
import { checkPublishedKey, dnsRecords, formatDnsRecords, systemResolveTxt } from '../send/dns-records.js';
import type { SendInputs } from '../send/locations.js';
import { loadRecipientsCsv, loadSuppressionList } from '../send/recipients.js';
import { runSend, type SendOutcome } from '../send/run.js';
import type { SendProgress, SendReport } from '../send/send.js';
import { parseSmtpUrl } from '../send/transport.js';
import { printDiagnostics, writeControl } from './report.js';
import { COMMON_OPTIONS, parseCommandArgs, parseNow, UsageError } from './usage.js';

const OPTIONS = {
  ...COMMON_OPTIONS,
  to: { type: 'string' },
  smtp: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  rate: { type: 'string' },
  connections: { type: 'string' },
  suppress: { type: 'string' },
  journal: { type: 'string' },
  'resend-unconfirmed': { type: 'boolean', default: false },
  resend: { type: 'boolean', default: false },
  force: { type: 'boolean', default: false },
  now: { type: 'string' },
  embargoed: { type: 'string' },
  'check-dns': { type: 'boolean', default: false },
} as const;

/** sent / failed / remaining on stderr: a redrawn bar on a terminal, a line every 10% in a log. */
function progressDisplay(stream: NodeJS.WriteStream) {
  let lastDecile = -1;
  return {
    update(progress: SendProgress) {
      const done = progress.total - progress.remaining;
      const text = `sent ${progress.sent} · failed ${progress.failed}${progress.unconfirmed ? ` · unconfirmed ${progress.unconfirmed}` : ''} · remaining ${progress.remaining}`;
      if (stream.isTTY) {
        const width = 24;
        const filled = progress.total ? Math.round((done / progress.total) * width) : width;
        writeControl(stream, 'lineStart');
        stream.write(`[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}`);
        writeControl(stream, 'eraseToLineEnd');
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
  // Needs only the config, so it also works added to a full send command; it sends nothing.
  if (values['check-dns']) return checkDnsCommand(values.config, values.smtp ?? process.env.SMTP_URL);
  const [slug, ...extra] = positionals;
  if (!slug || extra.length > 0) throw new UsageError('send takes one statement: statements send <slug> --to recipients.csv');
  if (!values.to) throw new UsageError('send needs --to recipients.csv (columns email,name,language)');
  const rate = values.rate === undefined ? undefined : Number(values.rate);
  // Below one message in 1,000 s the wait would overflow Node's timers (about 24.8 days) on a long list.
  if (rate !== undefined && !(rate >= 0.001)) throw new UsageError(`--rate must be a number of messages per second, at least 0.001 (one every 1,000 s), not "${values.rate}"`);
  const connections = values.connections === undefined ? undefined : Number(values.connections);
  if (connections !== undefined && !(Number.isInteger(connections) && connections >= 1)) throw new UsageError(`--connections must be a whole number of SMTP connections, 1 or more, not "${values.connections}"`);
  const now = parseNow(values.now);
  const dryRun = values['dry-run'];
  const smtpUrl = values.smtp ?? process.env.SMTP_URL;
  if (!dryRun && !smtpUrl) throw new UsageError('say where to send: --smtp smtp://user:pass@host:port, or set SMTP_URL (or use --dry-run)');

  const cwd = process.cwd();
  // The config first: the languages it lists are what the recipients' `language` column may ask for.
  const paths = projectPaths(cwd, values.config);
  const context = await createRenderContext(paths);
  printDiagnostics(context.diagnostics);
  if (!context.value) return 1;
  const recipientsFile = path.resolve(cwd, values.to);
  const recipientsRead = await readInput(recipientsFile, { what: 'the recipients list', maxBytes: MAX_BYTES.mailingList });
  if (recipientsRead.missing) throw new UsageError(`no recipients file ${displayPath(recipientsFile)}`);
  printDiagnostics(recipientsRead.diagnostics);
  if (recipientsRead.text === undefined) return nothingSent(recipientsFile);
  const recipients = loadRecipientsCsv(displayPath(recipientsFile), recipientsRead.text, languageSettings(context.value.config));
  printDiagnostics(recipients.diagnostics);
  if (!recipients.ok) return nothingSent(recipientsFile);
  const suppressFile = values.suppress ? path.resolve(cwd, values.suppress) : undefined;
  let suppressed: ReturnType<typeof loadSuppressionList> | undefined;
  if (suppressFile) {
    const suppressRead = await readInput(suppressFile, { what: 'the suppression list', maxBytes: MAX_BYTES.mailingList });
    if (suppressRead.missing) throw new UsageError(`no suppression file ${displayPath(suppressFile)}`);
    printDiagnostics(suppressRead.diagnostics);
    if (suppressRead.text === undefined) return nothingSent(suppressFile);
    suppressed = loadSuppressionList(displayPath(suppressFile), suppressRead.text);
    printDiagnostics(suppressed.diagnostics);
    if (!suppressed.ok) return nothingSent(suppressFile);
  }

  const { logoPath } = context.value.config;
  const inputs: SendInputs = {
    statementsDir: path.resolve(cwd, values.statements),
    outDir: path.resolve(cwd, values.out),
    ...(values.embargoed ? { embargoedDir: path.resolve(cwd, values.embargoed) } : {}),
    folders: [
      { path: paths.templatesDir, what: 'the templates folder' },
      { path: paths.localesDir, what: 'the locales folder' },
    ],
    files: [
      { path: paths.configFile, what: 'the publisher config' },
      { path: recipientsFile, what: 'the recipients list' },
      ...(suppressFile ? [{ path: suppressFile, what: 'the suppression list' }] : []),
      ...(logoPath ? [{ path: logoPath, what: 'the logo' }] : []),
    ],
  };

  const display = progressDisplay(process.stderr);
  let outcome: SendOutcome;
  try {
    outcome = await runSend({
      slug,
      inputs,
      recipientsFile,
      recipients: recipients.value,
      suppressed: suppressed?.ok ? suppressed.value : new Set(),
      suppressFile,
      ctx: context.value,
      smtpUrl: dryRun ? undefined : smtpUrl,
      rate,
      connections,
      journalFile: values.journal ? path.resolve(cwd, values.journal) : undefined,
      resendUnconfirmed: values['resend-unconfirmed'],
      resend: values.resend,
      check: { force: values.force, now },
      onNotice: (message) => process.stderr.write(`${message}\n`),
      onProgress: (progress) => display.update(progress),
    }).finally(() => display.end());
  } catch (error) {
    if (!(error instanceof DiagnosticsError)) throw error;
    printDiagnostics(error.diagnostics);
    process.stderr.write('Nothing was sent: fix the errors above, then run the command again.\n');
    return 1;
  }

  if (outcome.kind === 'transport-failed') {
    process.stderr.write(`statements: ${outcome.message}. The send stopped; the journal keeps who was sent, so run the same command again once this is fixed.\n`);
    return 1;
  }
  const { report } = outcome;
  const outbox = outcome.kind === 'sent' ? outcome.outbox : undefined;
  if (outcome.kind === 'nothing-to-send') {
    process.stderr.write(`Nothing to send: all ${recipients.value.length} recipients of ${displayPath(recipientsFile)} were already sent (or refused, or left unconfirmed) per the journal ${displayPath(outcome.journalFile ?? '')}.\n`);
  }
  printDiagnostics(reportDiagnostics(report, displayPath(recipientsFile)));
  process.stderr.write(
    `${outbox ? 'Wrote' : 'Sent'} ${report.sent} now` +
      (report.alreadySent ? `, ${report.alreadySent} earlier` : '') +
      (report.suppressed.length ? `, ${report.suppressed.length} skipped (unsubscribed)` : '') +
      `, ${report.failed.length} failed` +
      (report.unconfirmed.length ? `, ${report.unconfirmed.length} unconfirmed` : '') +
      (report.stopped ? '; stopped early, see above' : '') +
      (outbox ? `; nothing was sent, see ${displayPath(outbox)}/` : '') +
      '\n',
  );
  return report.failed.length > 0 || report.unconfirmed.length > 0 || report.stopped ? 1 : 0;
}

/**
 * `statements send --check-dns`: the DNS records to publish for the From
 * domain (the DKIM key when `email.dkim` is set, SPF and DMARC suggestions) on
 * stdout, then whether the published DKIM record matches the key. Exit 1 when
 * the key cannot be read or the published record holds another key.
 */
async function checkDnsCommand(configFile: string, smtpUrl: string | undefined): Promise<number> {
  const config = await loadConfig(projectPaths(process.cwd(), configFile).configFile, { drawLogo: false });
  printDiagnostics(config.diagnostics);
  if (!config.value) return 1;
  let signer;
  try {
    signer = await loadDkimSigner(config.value);
  } catch (error) {
    if (!(error instanceof DiagnosticsError)) throw error;
    printDiagnostics(error.diagnostics);
    return 1;
  }
  let smtpHost: string | undefined;
  try {
    smtpHost = smtpUrl ? parseSmtpUrl(smtpUrl).host : undefined;
  } catch {
    // Only the SPF suggestion uses the host; a send reports a bad URL.
  }
  if (!signer) process.stdout.write(`No DKIM key is configured, so messages go out unsigned: add \`dkim:\` with \`domain\`, \`selector\` and \`privateKey\` under \`email\` in ${config.value.file} (see README, "Email and sending"), then run this again for its record.\n\n`);
  process.stdout.write(formatDnsRecords(dnsRecords(config.value, signer, smtpHost)));
  if (!signer) return 0;
  const published = await checkPublishedKey(signer, config.value, systemResolveTxt(), 'publish the DKIM record above');
  if (published.error) {
    printDiagnostics([published.error]);
    return 1;
  }
  process.stdout.write(`\n${published.warning ?? `The DKIM record published at ${signer.selector}._domainkey.${signer.domain} matches the key.`}\n`);
  return 0;
}

function nothingSent(file: string): number {
  process.stderr.write(`Nothing was sent: fix ${displayPath(file)} first.\n`);
  return 1;
}

/** Each recipient not delivered, at their line of the list, and why the send stopped, if it did. */
function reportDiagnostics(report: SendReport, recipientsFile: string): Diagnostic[] {
  const at = (line: number) => ({ file: recipientsFile, line, column: 1 });
  return [
    ...report.failed.map(({ recipient, reason, permanent }) =>
      diagnostic('error', 'send', `not delivered to ${recipient.email}: ${reason}${permanent ? '' : ' (temporary: run the command again to retry)'}`, at(recipient.line)),
    ),
    ...report.unconfirmed.map(({ recipient, reason, messageId }) =>
      diagnostic(
        'error',
        'send-unconfirmed',
        `delivery to ${recipient.email} is unconfirmed: the whole message was sent but the server gave no answer (${reason}), so it may have arrived and is not sent again. Look for Message-ID ${messageId} in the mail server's log; to send it again anyway, run the command with --resend-unconfirmed`,
        at(recipient.line),
      ),
    ),
    ...(report.stopped ?? []),
  ];
}
