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

/** `statements/x/es.md:12:3`, or as much of it as is known. */
export function placeOf(message: Diagnostic): string {
  return [message.file ?? '<unknown>', message.line, message.column].filter((part) => part != null).join(':');
}

export function severityOf(message: Diagnostic): Severity {
  return message.fatal ? 'error' : 'warning';
}

/** `statements/x/es.md:12:3: error: reason [rule]`, the form editors and CI logs link to; safe to print to a terminal. */
export function formatDiagnostic(message: Diagnostic): string {
  const rule = message.ruleId ? ` [${message.ruleId}]` : '';
  let text = terminalSafe(`${placeOf(message)}: ${severityOf(message)}: ${message.reason}${rule}`);
  if (message.cause instanceof VFileMessage) {
    text += `\n  ${formatDiagnostic(message.cause).replace(/: (error|warning): /, ': note: ')}`;
  }
  return text;
}

/**
 * The same on one line, for `statements check`: a second place is named
 * inside it (`… — en.md:12:1: the original`), so each finding is one line a
 * script or an editor can read.
 */
export function formatFinding(message: Diagnostic): string {
  const rule = message.ruleId ? ` [${message.ruleId}]` : '';
  const related = relatedOf(message);
  const also = related ? ` (${related.file}${related.line ? `:${related.line}:${related.column ?? 1}` : ''}: ${related.message})` : '';
  return terminalSafe(`${placeOf(message)}: ${severityOf(message)}: ${message.reason}${also}${rule}`);
}

/** The second place a finding points at, when it has one. */
export function relatedOf(message: Diagnostic): { file: string; line?: number; column?: number; message: string } | undefined {
  const cause = message.cause;
  if (!(cause instanceof VFileMessage)) return undefined;
  return { file: String(cause.file ?? '<unknown>'), line: cause.line ?? undefined, column: cause.column ?? undefined, message: cause.reason };
}

/** A finding as `check --format json` lists it. */
export function findingJson(message: Diagnostic) {
  return {
    file: String(message.file ?? '<unknown>'),
    line: message.line ?? null,
    column: message.column ?? null,
    severity: severityOf(message),
    rule: message.ruleId ?? null,
    message: message.reason,
    ...(relatedOf(message) ? { related: relatedOf(message) } : {}),
  };
}

/** Each diagnostic once: a later one with the same place, severity, message, rule and note is dropped. */
export function withoutRepeats(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((message) => {
    const key = formatDiagnostic(message);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Thrown when a stage cannot go on; carries every diagnostic found so far. */
export class DiagnosticsError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'DiagnosticsError';
  }
}

/**
 * A diagnostic as plain data, to cross a worker boundary or be kept in the
 * build cache (a VFileMessage is an Error, which structured clone and JSON
 * would reduce to its message).
 */
export interface DiagnosticData {
  severity: Severity;
  rule: string;
  reason: string;
  file: string;
  line?: number;
  column?: number;
  /** The second place, or the stack of the exception behind an internal error. */
  note?: DiagnosticData;
  stack?: string;
}

export function toData(message: Diagnostic): DiagnosticData {
  const cause = message.cause;
  return {
    severity: severityOf(message),
    rule: message.ruleId ?? '',
    reason: message.reason,
    file: String(message.file ?? '<unknown>'),
    ...(message.line != null ? { line: message.line, column: message.column ?? 1 } : {}),
    ...(cause instanceof VFileMessage ? { note: toData(cause) } : cause instanceof Error ? { stack: cause.stack ?? cause.message } : {}),
  };
}

export function fromData(data: DiagnosticData): Diagnostic {
  const error = data.stack === undefined ? undefined : Object.assign(new Error(data.stack.split('\n')[0]), { stack: data.stack });
  return diagnostic(data.severity, data.rule, data.reason, { file: data.file, line: data.line, column: data.column }, data.note ? fromData(data.note) : error);
}
