import { VFileMessage } from 'vfile-message';

/**
 * The one diagnostic type shared by loading, checking and building: a
 * vfile-message with `file`, `line`, `column`, `fatal` (error vs warning),
 * `ruleId` and `reason`. Printed one way by `formatDiagnostic`.
 */
export type Diagnostic = VFileMessage;

export type Severity = 'error' | 'warning';

export interface Place {
  file: string;
  line?: number;
  column?: number;
}

/**
 * @param cause a second place the message points at (printed as a note), or
 * the exception behind an internal error (its stack is printed on request).
 */
export function diagnostic(
  severity: Severity,
  rule: string,
  reason: string,
  place: Place,
  cause?: Diagnostic | Error,
): Diagnostic {
  const point = place.line === undefined ? undefined : { line: place.line, column: place.column ?? 1 };
  const message = new VFileMessage(reason, { place: point, ruleId: rule, source: 'statements', cause });
  message.file = place.file;
  message.fatal = severity === 'error';
  return message;
}

export function isError(message: Diagnostic): boolean {
  return message.fatal === true;
}

/**
 * C0 and C1 control characters except tab and line feed, DEL, and the bidi
 * embeddings, overrides and isolates: a terminal acts on them (clears the
 * screen, moves the cursor, reorders a line) instead of showing them.
 */
const TERMINAL_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text from files, folder names or servers, made safe to print: each control character shown as `\x1b` or `\u202e`. */
export function terminalSafe(text: string): string {
  return text.replace(TERMINAL_CONTROLS, (char) => {
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** `statements/x/es.md:12:3`, as a message names a second place. */
export function formatPlace(place: Place): string {
  return [place.file, place.line, place.column].filter((part) => part != null).join(':');
}

/** `statements/x/es.md:12:3: error: reason [rule]`, the form editors and CI logs link to; safe to print to a terminal. */
export function formatDiagnostic(message: Diagnostic): string {
  const where = formatPlace({ file: message.file ?? '<unknown>', line: message.line ?? undefined, column: message.column ?? undefined });
  const severity = message.fatal ? 'error' : 'warning';
  const rule = message.ruleId ? ` [${message.ruleId}]` : '';
  let text = terminalSafe(`${where}: ${severity}: ${message.reason}${rule}`);
  if (message.cause instanceof VFileMessage) {
    text += `\n  ${formatDiagnostic(message.cause).replace(/: (error|warning): /, ': note: ')}`;
  }
  return text;
}

/** Thrown when a stage cannot go on; carries every diagnostic found so far. */
export class DiagnosticsError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'DiagnosticsError';
  }
}
