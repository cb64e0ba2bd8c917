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

/** `--now`: an ISO 8601 instant with its offset (for reproducible runs and tests), or the clock. */
export function parseNow(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const now = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? new Date(value) : undefined;
  if (!now || Number.isNaN(now.getTime())) throw new UsageError(`--now must be an instant with its offset, e.g. 2026-12-03T09:00:00-06:00, not "${value}"`);
  return now;
}
