import { formatDiagnostic } from '../../src/model/diagnostic.js';
import type { RenderResult } from '../../src/render/result.js';

/** The output of a render that must succeed; its diagnostics, printed, when it did not. */
export function outputOf<T>(result: RenderResult<T>): T {
  if (result.output === undefined) throw new Error(`no output:\n${result.diagnostics.map(formatDiagnostic).join('\n')}`);
  return result.output;
}
