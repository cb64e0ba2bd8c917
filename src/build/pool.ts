import { availableParallelism } from 'node:os';
import type { CheckContext } from '../check/rule.js';
import { fromData, type DiagnosticData } from '../model/diagnostic.js';
import type { RenderContext } from '../render/context.js';
import type { ProjectPaths } from './context.js';
import { mapDiagnostics, type ProduceJob, type Produced } from './produced.js';

/** Who makes statements: this thread, or a pool of worker threads. */
export interface Producer {
  produce(job: ProduceJob): Promise<Produced>;
  /** How many statements it makes at once. */
  readonly parallel: number;
  close(): Promise<void>;
}

/** This thread: the loaders, checks and renderers are imported on the first statement to make, so a build with nothing to make starts quickly. */
export function inThisThread(ctx: RenderContext, checks: (now: number) => CheckContext): Producer {
  return { produce: async (job) => (await import('./produce.js')).produce(job, ctx, checks(job.now)), parallel: 1, close: async () => {} };
}

/** As many workers as the machine has cores: the main thread only reads caches and writes files. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/**
 * A pool of worker threads (piscina), each with its own render context, read
 * once: fonts, templates and locales are prepared once per worker. Loaded
 * only when a build has enough statements to make to pay for the start.
 */
export async function workerPool(paths: ProjectPaths, size: number): Promise<Producer> {
  const { Piscina } = await import('piscina');
  const pool = new Piscina({
    // From dist/build/ or from a shared chunk in dist/chunks/ (the CLI is bundled: package.json `compile`).
    filename: new URL('../build/worker.js', import.meta.url).href,
    minThreads: size,
    maxThreads: size,
    idleTimeout: Infinity,
  });
  return {
    produce: async (job) => {
      return mapDiagnostics((await pool.run({ paths, job })) as Produced<DiagnosticData>, fromData);
    },
    parallel: size,
    close: () => pool.destroy(),
  };
}
