import { availableParallelism } from 'node:os';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * The files that run the CLI many times, longest first. Without timings from an earlier run (a fresh CI
 * machine has none) vitest starts the largest files first, and the corpus, a small file that runs 52 builds,
 * started last and ran alone for its last minute and a half.
 */
const LONGEST = ['tests/cli/corpus.test.ts', 'tests/build/kill.test.ts', 'tests/send/cli.test.ts', 'tests/build/cache.test.ts', 'tests/render/pdf/pdf.e2e.test.ts'];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const index = LONGEST.findIndex((name) => file.moduleId.endsWith(name));
      return index < 0 ? LONGEST.length : index;
    };
    return sorted.map((file, order) => ({ file, order })).sort((a, b) => rank(a.file) - rank(b.file) || a.order - b.order).map(({ file }) => file);
  }
}

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/browser/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Most test time is spent waiting on the CLI's child processes: on a 2-core machine vitest's default (one file
    // at a time) leaves a core idle. Two at a time kept the cores about 90% busy (287 s), three 98% (271 s).
    maxWorkers: availableParallelism() + 1,
    sequence: { sequencer: LongestFirst },
  },
});
