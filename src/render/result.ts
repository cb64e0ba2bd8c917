import type { Diagnostic } from '../model/diagnostic.js';

/**
 * What every renderer returns: its output, or none when it could not be
 * made, with the diagnostics that say why. Plain data, so it survives a
 * worker boundary (a thrown error subclass would not).
 */
export interface RenderResult<T = string | Uint8Array> {
  output?: T;
  diagnostics: Diagnostic[];
}
