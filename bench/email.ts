// Email benchmark (not a timed test): `npx tsx bench/email.ts [--statements N] [--runs N]`.
// Renders every .eml of a synthetic archive (bench/archive-generate.ts: ~700 words a language, 150
// signatories) in one warm process and prints the median ms per email over several runs, with min–max,
// per edition and overall. The first run also pays for imports and template preparation, and is shown apart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createRenderContext, projectPaths } from '../src/build/context.js';
import { loadStatement } from '../src/load/statement.js';
import { languageSettings } from '../src/model/config.js';
import { variantsOf } from '../src/model/languages.js';
import type { Statement } from '../src/model/statement.js';
import { renderEmail } from '../src/render/email/index.js';
import { generateArchive } from './archive-generate.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({ options: { statements: { type: 'string', default: '20' }, runs: { type: 'string', default: '7' } } });
const count = Number(args.statements);
const runs = Number(args.runs);

const dir = mkdtempSync(path.join(tmpdir(), 'statements-bench-email-'));
try {
  const slugs = await generateArchive(dir, { statements: count, projectRoot: root });
  const context = await createRenderContext(projectPaths(dir));
  if (!context.value) throw new Error('cannot load the config');
  const ctx = context.value;
  const statements: Statement[] = [];
  for (const slug of slugs) {
    const loaded = await loadStatement(path.join(dir, 'statements'), slug);
    if (!loaded.value) throw new Error(`cannot load ${slug}`);
    statements.push(loaded.value);
  }
  const variants = variantsOf(languageSettings(ctx.config), ctx.config.languages);

  /** ms per email of each edition over one pass through the archive. */
  async function pass(): Promise<Map<string, number>> {
    const perVariant = new Map<string, number>();
    for (const variant of variants) {
      const start = performance.now();
      for (const statement of statements) {
        if (!(await renderEmail(statement, variant, ctx)).output) throw new Error(`cannot render ${statement.slug}/${variant.name}.eml`);
      }
      perVariant.set(variant.name, (performance.now() - start) / statements.length);
    }
    return perVariant;
  }

  const first = await pass();
  const samples = new Map<string, number[]>([...variants.map((v) => [v.name, []] as [string, number[]]), ['all', []]]);
  for (let run = 0; run < runs; run++) {
    const perVariant = await pass();
    for (const [name, ms] of perVariant) samples.get(name)!.push(ms);
    samples.get('all')!.push([...perVariant.values()].reduce((a, b) => a + b, 0) / perVariant.size);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  console.log(`email: ${count} statements × ${variants.length} editions, median of ${runs} warm runs (first run apart)`);
  for (const [name, values] of samples) {
    const firstMs = name === 'all' ? [...first.values()].reduce((a, b) => a + b, 0) / first.size : first.get(name)!;
    console.log(`  ${name.padEnd(10)} ${median(values).toFixed(1).padStart(6)} ms/email (min ${Math.min(...values).toFixed(1)}, max ${Math.max(...values).toFixed(1)}; first run ${firstMs.toFixed(1)})`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
