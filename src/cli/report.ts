import { VFileMessage } from 'vfile-message';
import { DEBUG_VARIABLE } from '../build/errors.js';
import { formatDiagnostic, isError, terminalSafe, type Diagnostic } from '../model/diagnostic.js';

/** The stream's own `write`, kept by `guardTerminal` for the few sequences the CLI means to send. */
const rawWrites = new WeakMap<NodeJS.WritableStream, (text: string) => boolean>();

/**
 * Make every text written to the stream safe for a terminal (`terminalSafe`):
 * file names, CSV headers, HTML snippets and server replies reach the user
 * through many messages, and none of them may move the cursor or clear the
 * screen. The one place all printing passes through, so no message can miss it.
 */
export function guardTerminal(stream: NodeJS.WriteStream): void {
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  rawWrites.set(stream, (text) => write(text));
  stream.write = ((chunk: unknown, ...rest: unknown[]) =>
    write(typeof chunk === 'string' ? terminalSafe(chunk) : chunk instanceof Uint8Array ? terminalSafe(Buffer.from(chunk).toString('utf8')) : chunk, ...rest)) as typeof stream.write;
}

const TERMINAL_CONTROLS = { lineStart: '\r', eraseToLineEnd: '\x1b[K' } as const;

/** The control sequences the CLI itself sends (a progress bar redrawn in place), past the guard. */
export function writeControl(stream: NodeJS.WriteStream, control: keyof typeof TERMINAL_CONTROLS): void {
  (rawWrites.get(stream) ?? ((text: string) => stream.write(text)))(TERMINAL_CONTROLS[control]);
}

/** With STATEMENTS_DEBUG=1, where an internal error happened. */
function debugDetails(message: Diagnostic): string {
  if (!process.env[DEBUG_VARIABLE] || !(message.cause instanceof Error) || message.cause instanceof VFileMessage) return '';
  return `\n${terminalSafe(message.cause.stack ?? message.cause.message)}`;
}

/** Print diagnostics to stderr, errors and warnings alike, one per line. */
export function printDiagnostics(diagnostics: readonly Diagnostic[]): void {
  for (const message of diagnostics) process.stderr.write(`${formatDiagnostic(message)}${debugDetails(message)}\n`);
}

export function countErrors(diagnostics: readonly Diagnostic[]): number {
  return diagnostics.filter(isError).length;
}

/** `1 error`, `3 warnings`. */
export const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
