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

export function diagnostic(
  severity: Severity,
  rule: string,
  reason: string,
  place: Place,
  cause?: Diagnostic,
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

/** `statements/x/es.md:12:3: error: reason [rule]`, the form editors and CI logs link to. */
export function formatDiagnostic(message: Diagnostic): string {
  const where = [message.file ?? '<unknown>', message.line, message.column].filter((part) => part != null).join(':');
  const severity = message.fatal ? 'error' : 'warning';
  const rule = message.ruleId ? ` [${message.ruleId}]` : '';
  let text = `${where}: ${severity}: ${message.reason}${rule}`;
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
