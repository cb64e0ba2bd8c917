#!/usr/bin/env node
import { DEBUG_VARIABLE, describeFileSystemError, fileAction, internalErrorReason } from '../build/errors.js';
import { isFileSystemError } from '../load/file-errors.js';
import { displayPath } from '../load/read.js';
import { DiagnosticsError } from '../model/diagnostic.js';
import { guardTerminal, printDiagnostics } from './report.js';
import { UsageError } from './usage.js';

const USAGE = `Usage: statements <command> [options]

Commands:
  check [slug…] [--format text|json] [--rules] [--now ISO] [--fix]
                  Check statements without building them: translations against the original, figures, signatories,
                  UI strings, fonts, typography, dates; exit 1 on any error (--rules lists every rule; --fix fixes
                  what can be fixed in the Markdown files, typography, then checks what is left)
  build [slug…] [--force] [--formats html,pdf,email,image] [--clean] [--workers N] [--embargoed DIR] [--preview[=DIR]] [--now ISO]
                  Build statements into web pages, PDFs, emails and share images (all of them when no slug is
                  given); a statement whose check finds errors is not published unless --force; --formats builds
                  only those kinds and keeps a statement's other files in out/ as they were. Only what changed since the last build is
                  made again (--clean: everything); --workers: threads to make statements in (default: one per core).
                  A statement whose embargo is later than now (--now) is kept out of out/: its PDFs and emails go
                  into embargoed/ (--embargoed DIR), its pages with --preview into preview/; never deploy either
  new <slug>      Create statements/<slug>/ with one Markdown file per configured language and signatories.csv to fill in
  send <slug> --to LIST [--smtp URL] [--dry-run] [--rate N] [--connections N] [--suppress FILE] [--journal FILE] [--resend-unconfirmed] [--resend] [--force] [--embargoed DIR]
  send --check-dns [--config FILE]
                  Email a statement to a recipients CSV (email,name,language) over SMTP (or SMTP_URL); a statement
                  whose check finds errors is not sent unless --force; one under embargo is sent from its embargoed copies.
                  --check-dns sends nothing: it prints the DNS records (DKIM, SPF, DMARC) to publish for the From domain
  unsubscribe <token> --suppress FILE [--journal FILE]
                  Add the address an unsubscribe link's token was issued to (per the send journals) to the
                  suppression list (created if missing); needs STATEMENTS_UNSUBSCRIBE_SECRET, as send does
  bounces --maildir DIR | --mbox FILE --suppress FILE [--journal FILE]
                  Read the bounces (delivery status notifications) in a mailbox and add each hard bounce's
                  address to the suppression list; soft bounces and other mail are left alone
  stamp <slug> [lang…]
                  Record in each translation the version of the original it follows (check then names what changed since)

Options:
  --statements DIR   Folder of statements (default ./statements)
  --out DIR          Output folder (default ./out)
  --config FILE      Publisher config (default ./publisher.yaml)
  --now ISO          The time the date checks use (default: the clock), e.g. 2026-12-03T09:00:00-06:00
  -h, --help         Show this help
`;

type Command = (args: string[]) => Promise<number>;

/** Each command's module, loaded only when it runs: `check` should not pay for what `build` and `send` import. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  build: async () => (await import('./build.js')).buildCommand,
  check: async () => (await import('./check.js')).checkCommand,
  new: async () => (await import('./new.js')).newCommand,
  send: async () => (await import('./send.js')).sendCommand,
  stamp: async () => (await import('./stamp.js')).stampCommand,
  unsubscribe: async () => (await import('./unsubscribe.js')).unsubscribeCommand,
  bounces: async () => (await import('./bounces.js')).bouncesCommand,
};

/** Thin shell: parse the command, run it, map failures to an exit code. */
async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) throw new UsageError(`unknown command "${command}"`);
  return (await load())(args);
}

guardTerminal(process.stdout);
guardTerminal(process.stderr);
// A reader that stops early (`statements check | head`) closes the pipe: stop quietly, as other tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`statements: ${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else if (error instanceof DiagnosticsError) {
      printDiagnostics(error.diagnostics);
      process.exitCode = 1;
    } else if (isFileSystemError(error) && error.path) {
      // A file the command could not read or write is the user's to fix, not a bug.
      process.stderr.write(`statements: ${describeFileSystemError(error, fileAction(error.syscall), displayPath(error.path))}\n`);
      process.exitCode = 1;
    } else {
      // A bug: one short message by default; the stack on request.
      const details = process.env[DEBUG_VARIABLE] && error instanceof Error ? `\n${error.stack ?? ''}` : '';
      process.stderr.write(`statements: ${internalErrorReason(error, `running statements ${process.argv[2] ?? ''}`)}${details}\n`);
      process.exitCode = 70;
    }
  },
);
