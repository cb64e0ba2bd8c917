import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/browser/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Most test time is spent waiting on the CLI's child processes: on a 2-core machine vitest's default (one file
    // at a time) leaves a core idle; two at a time took npm test from about 315 s to about 230 s here.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
