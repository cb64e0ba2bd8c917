import { checkContextOf } from '../check/context.js';
import type { Loaded } from '../load/statement.js';
import { toData, type DiagnosticData } from '../model/diagnostic.js';
import type { RenderContext } from '../render/context.js';
import { createRenderContext, type ProjectPaths } from './context.js';
import { produce } from './produce.js';
import { mapDiagnostics, type ProduceJob, type Produced } from './produced.js';

/** A worker thread of the build's pool (pool.ts): it reads the project once, then makes statement after statement. */
let context: Promise<Loaded<RenderContext>> | undefined;

export default async function produceInWorker({ paths, job }: { paths: ProjectPaths; job: ProduceJob }): Promise<Produced<DiagnosticData>> {
  context ??= createRenderContext(paths);
  const ctx = (await context).value;
  // The main thread read the same project before it started the pool; only a file changed since can fail here.
  if (!ctx) throw new Error(`the project's config or locales could not be read again in a worker: ${(await context).diagnostics.map((d) => d.reason).join('; ')}`);
  return mapDiagnostics(await produce(job, ctx, checkContextOf(ctx, new Date(job.now))), toData);
}
