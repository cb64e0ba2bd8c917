// PDF benchmark (not a timed test): `npx tsx bench/pdf.ts`.
// For each sample body with 150 signatories: median ms per bilingual PDF in a warm
// process, and PDFs per second over 200 different statements. Target: < 60 ms for a
// 3-page bilingual statement on a 2-core machine.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRenderContext, projectPaths } from '../src/build/context.js';
import { loadStatement } from '../src/load/statement.js';
import type { Signatory } from '../src/model/signatory.js';
import type { Statement } from '../src/model/statement.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { languageSettings } from '../src/model/config.js';
import { pairVariant } from '../src/model/languages.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const context = await createRenderContext(projectPaths(root));
if (!context.value) throw new Error('cannot load the config');
const ctx = context.value;
/** The first side-by-side edition, `bilingual.pdf`. */
const bilingual = pairVariant(languageSettings(ctx.config), 0);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** `sample` with 150 signatories; `variant` changes names so no two statements share all their words. */
function withSignatories(sample: Statement, variant: number): Statement {
  const signatories: Signatory[] = Array.from({ length: 150 }, (_, i) => {
    const base = sample.signatories[i % sample.signatories.length]!;
    return { ...base, name: `${base.name} ${variant}-${i}`, line: i + 2 };
  });
  return { ...sample, slug: `bench-${variant}`, signatories };
}

let cold = true;
for (const slug of ['heat-safety-for-outdoor-workers', 'river-basin-water-rights']) {
  const loaded = await loadStatement(path.join(root, 'statements'), slug);
  if (!loaded.value) throw new Error(`cannot load ${slug}`);
  const one = withSignatories(loaded.value, 0);
  const first = performance.now();
  const bytes = (await renderPdf(one, bilingual, ctx)).output;
  if (!bytes) throw new Error(`cannot render ${slug}`);
  if (cold) console.log(`first PDF (cold, includes font parsing): ${(performance.now() - first).toFixed(0)} ms`);
  cold = false;
  const pages = (Buffer.from(bytes).toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
  for (let i = 0; i < 5; i++) await renderPdf(one, bilingual, ctx);
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const start = performance.now();
    await renderPdf(one, bilingual, ctx);
    times.push(performance.now() - start);
  }
  const statements = Array.from({ length: 200 }, (_, i) => withSignatories(loaded.value!, i + 1));
  const start = performance.now();
  for (const s of statements) await renderPdf(s, bilingual, ctx);
  const seconds = (performance.now() - start) / 1000;
  const warm = median(times);
  console.log(`\n${slug} body, 150 signatories: bilingual PDF of ${pages} pages, ${(bytes.length / 1024).toFixed(0)} KiB`);
  console.log(`  warm: median ${warm.toFixed(1)} ms per PDF, ${(warm / pages).toFixed(1)} ms per page (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}, 30 runs; target < 60 ms for 3 pages)`);
  console.log(`  200 different statements: ${(200 / seconds).toFixed(1)} PDFs/s (${((seconds * 1000) / 200).toFixed(1)} ms each)`);
}
