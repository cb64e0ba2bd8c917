// PDF benchmark (not a timed test): `npx tsx bench/pdf.ts`.
// Reports the median ms per bilingual PDF (about 3 pages, 150 signatories) in a warm process,
// and PDFs per second over 200 different statements.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRenderContext, projectPaths } from '../src/build/context.js';
import { loadStatement } from '../src/load/statement.js';
import type { Signatory } from '../src/model/signatory.js';
import type { Statement } from '../src/model/statement.js';
import { renderPdf } from '../src/render/pdf/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const context = await createRenderContext(projectPaths(root));
const loaded = await loadStatement(path.join(root, 'statements'), 'river-basin-water-rights');
if (!context.value || !loaded.value) throw new Error('cannot load the sample statement or the config');
const ctx = context.value;
const sample = loaded.value;

/** The sample with 150 signatories; `variant` changes names so no two statements share all their words. */
function statement(variant: number): Statement {
  const signatories: Signatory[] = Array.from({ length: 150 }, (_, i) => {
    const base = sample.signatories[i % sample.signatories.length]!;
    return { ...base, name: `${base.name} ${variant}-${i}`, line: i + 2 };
  });
  return { ...sample, slug: `bench-${variant}`, signatories };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const one = statement(0);
const first = performance.now();
const bytes = await renderPdf(one, 'bilingual', ctx);
const coldMs = performance.now() - first;
const pages = (Buffer.from(bytes).toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
for (let i = 0; i < 5; i++) await renderPdf(one, 'bilingual', ctx);
const times: number[] = [];
for (let i = 0; i < 30; i++) {
  const start = performance.now();
  await renderPdf(one, 'bilingual', ctx);
  times.push(performance.now() - start);
}

const statements = Array.from({ length: 200 }, (_, i) => statement(i + 1));
const start = performance.now();
for (const s of statements) await renderPdf(s, 'bilingual', ctx);
const seconds = (performance.now() - start) / 1000;

console.log(`bilingual PDF: ${pages} pages, ${one.signatories.length} signatories, ${(bytes.length / 1024).toFixed(0)} KiB`);
console.log(`first PDF (cold, includes font parsing): ${coldMs.toFixed(0)} ms`);
console.log(`warm: median ${median(times).toFixed(1)} ms per bilingual PDF (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}, 30 runs; target < 60 ms)`);
console.log(`200 different statements: ${(200 / seconds).toFixed(1)} PDFs/s (${((seconds * 1000) / 200).toFixed(1)} ms each)`);
