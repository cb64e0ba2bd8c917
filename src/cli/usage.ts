import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how the command was called: shown with the usage text, exit code 2. */
export class UsageError extends Error {}

export const COMMON_OPTIONS = {
  statements: { type: 'string', default: 'statements' },
  out: { type: 'string', default: 'out' },
  config: { type: 'string', default: 'publisher.yaml' },
} as const satisfies ParseArgsConfig['options'];

export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
