#!/usr/bin/env node
import { DiagnosticsError, formatDiagnostic } from '../model/diagnostic.js';
import { buildCommand } from './build.js';
import { newCommand } from './new.js';
import { sendCommand } from './send.js';
import { UsageError } from './usage.js';

const USAGE = `Usage: statements <command> [options]

Commands:
  build [slug…]   Build statements into web pages (all of them when no slug is given)
  new <slug>      Create statements/<slug>/ with en.md, es.md and signatories.csv to fill in
  send <slug> --to LIST [--smtp URL] [--dry-run] [--rate N] [--suppress FILE] [--journal FILE]
                  Email a statement to a recipients CSV (email,name,language) over SMTP (or SMTP_URL)

Options:
  --statements DIR   Folder of statements (default ./statements)
  --out DIR          Output folder (default ./out)
  --config FILE      Publisher config (default ./publisher.yaml)
  -h, --help         Show this help
`;

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = { build: buildCommand, new: newCommand, send: sendCommand };

/** Thin shell: parse the command, run it, map failures to an exit code. */
async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  const run = COMMANDS[command];
  if (!run) throw new UsageError(`unknown command "${command}"`);
  return run(args);
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
      process.stderr.write(`${error.diagnostics.map(formatDiagnostic).join('\n')}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`statements: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 70;
    }
  },
);
