import { defineConfig } from 'vitest/config';

/** The browser suite: Debian's Chromium through playwright-core. Run in CI (`npm run test:browser`). */
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
