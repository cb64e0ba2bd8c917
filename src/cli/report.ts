import { formatDiagnostic, isError, type Diagnostic } from '../model/diagnostic.js';

/** Print diagnostics to stderr, errors and warnings alike, one per line. */
export function printDiagnostics(diagnostics: readonly Diagnostic[]): void {
  for (const message of diagnostics) process.stderr.write(`${formatDiagnostic(message)}\n`);
}

export function countErrors(diagnostics: readonly Diagnostic[]): number {
  return diagnostics.filter(isError).length;
}
