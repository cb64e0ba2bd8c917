// Archive benchmark (not a timed test): `npx tsx bench/archive.ts [--statements N] [--runs N] [--memory-at N,N] [--json]`.
// Generates a synthetic archive (bench/archive-generate.ts) in a temp folder and times whole processes,
// as a writer runs them: `statements build --clean` in the archive folder (full, and per format),
// pandoc on the same Markdown (one process per file), a rebuild with nothing changed and one after
// editing one statement, a one-statement build next to `node -e 0`, the PDF rows of bench/pdf.ts,
// peak RSS of full builds of archives of other sizes, and CPU over wall time of the full build.
// Prints medians with min–max, and each target of issue 10 met or not.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateArchive, LANGUAGES } from './archive-generate.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist/cli/main.js');
const { values: args } = parseArgs({
  options: { statements: { type: 'string', default: '200' }, runs: { type: 'string', default: '3' }, 'memory-at': { type: 'string', default: '100,1000' }, json: { type: 'boolean', default: false } },
});
const count = Number(args.statements);
const runs = Number(args.runs);
const memoryAt = args['memory-at'] === '' ? [] : args['memory-at'].split(',').map(Number);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(runs) || runs < 1 || !memoryAt.every((n) => Number.isInteger(n) && n > 0)) {
  console.error('usage: tsx bench/archive.ts [--statements N] [--runs N] [--memory-at N,N (or "")] [--json]');
  process.exit(2);
}
if (!existsSync(cli)) {
  console.error('dist/cli/main.js is missing: run `npm run compile` first');
  process.exit(1);
}

const dir = mkdtempSync(path.join(tmpdir(), 'statements-bench-'));
const slugs = await generateArchive(dir, { statements: count, projectRoot: root });
const log = (line: string) => args.json || console.error(line);
log(`archive: ${count} statements × ${LANGUAGES.length} languages, 150 signatories each, in ${dir}`);

/** One process run: wall time, and (from /usr/bin/time -v or the fallback wrapper) CPU time and peak RSS. */
interface Sample {
  ms: number;
  cpuMs: number;
  rssMb: number;
}
const timeV = existsSync('/usr/bin/time');
// Without GNU time: a preload that reports the process's own resource usage when it exits.
const usageFile = path.join(dir, 'usage.json');
const preload = path.join(dir, 'usage.cjs');
writeFileSync(preload, `process.on('exit', () => { const u = process.resourceUsage(); require('node:fs').writeFileSync(${JSON.stringify(usageFile)}, JSON.stringify(u)); });\n`);

function run(command: string, commandArgs: string[], cwd = dir): Sample & { code: number | null; output: string } {
  const wrapped = timeV ? ['/usr/bin/time', ['-v', command, ...commandArgs]] as const
    : [command, command === process.execPath ? ['-r', preload, ...commandArgs] : commandArgs] as const;
  const start = performance.now();
  const result = spawnSync(wrapped[0], wrapped[1], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - start;
  let cpuMs = NaN;
  let rssMb = NaN;
  if (timeV) {
    const field = (name: string) => Number(new RegExp(`${name}: ([\\d.]+)`).exec(result.stderr)?.[1]);
    cpuMs = (field('User time \\(seconds\\)') + field('System time \\(seconds\\)')) * 1000;
    rssMb = field('Maximum resident set size \\(kbytes\\)') / 1024;
  } else if (existsSync(usageFile)) {
    const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as NodeJS.ResourceUsage;
    cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
    rssMb = usage.maxRSS / 1024;
    rmSync(usageFile);
  }
  return { ms, cpuMs, rssMb, code: result.status, output: `${result.stdout}${result.stderr}` };
}

/** `times` runs of `once`; each must succeed. */
function repeat(label: string, once: () => ReturnType<typeof run>): Sample[] {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const sample = once();
    if (sample.code !== 0) throw new Error(`${label} failed (exit ${sample.code}):\n${sample.output.slice(-2000)}`);
    samples.push(sample);
    log(`  ${label} run ${i + 1}/${runs}: ${sample.ms.toFixed(0)} ms`);
  }
  return samples;
}

/** A build from scratch: `--clean`, into an emptied output folder, so no earlier output or cache entry helps. */
const build = (extra: string[], cwd = dir) => () => {
  rmSync(path.join(cwd, 'out'), { recursive: true, force: true });
  return run(process.execPath, [cli, 'build', '--clean', ...extra], cwd);
};

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
interface Row {
  name: string;
  status: 'measured' | 'pandoc not installed';
  medianMs?: number;
  minMs?: number;
  maxMs?: number;
  msPerStatement?: number;
  statementsPerSecond?: number;
  note?: string;
}
const rows: Row[] = [];
function measured(name: string, samples: Sample[], statements: number | undefined, note?: string): Row {
  const ms = samples.map((s) => s.ms);
  const row: Row = { name, status: 'measured', medianMs: median(ms), minMs: Math.min(...ms), maxMs: Math.max(...ms), note };
  if (statements) {
    row.msPerStatement = row.medianMs! / statements;
    row.statementsPerSecond = statements / (row.medianMs! / 1000);
  }
  rows.push(row);
  return row;
}

/** Each target of the issue: the figure measured, and whether it holds. */
interface Target {
  name: string;
  value: number;
  unit: string;
  met: boolean;
  goal: string;
}
const targets: Target[] = [];
const target = (name: string, value: number, unit: string, goal: string, met: boolean) => targets.push({ name, value, unit, goal, met });

// Full build: also peak RSS and CPU over wall.
const full = repeat('full build', build([]));
const fullRow = measured('full build (all outputs)', full, count);
const peakRssMb = Math.max(...full.map((s) => s.rssMb));
const cpuOverWall = median(full.map((s) => s.cpuMs / s.ms));
target('CPU over wall of the full build', cpuOverWall, '', '≥ 1.7 on 2 cores', cpuOverWall >= 1.7);

for (const format of ['html', 'pdf', 'email']) measured(`--formats ${format}`, repeat(`--formats ${format}`, build(['--formats', format])), count);

// Rebuilds over a full build: nothing changed, then one statement edited (a word more at the end of its translation; no figure, no new block, so it still passes its checks).
run(process.execPath, [cli, 'build']);
const noop = measured('rebuild, nothing changed', repeat('no-op rebuild', () => run(process.execPath, [cli, 'build'])), count);
const edited = path.join(dir, 'statements', slugs[Math.floor(slugs.length / 2)]!, `${LANGUAGES[1]}.md`);
const oneEdit = measured('rebuild, one statement edited', repeat('one-edit rebuild', () => {
  writeFileSync(edited, `${readFileSync(edited, 'utf8').trimEnd()} Revisado.\n`);
  return run(process.execPath, [cli, 'build']);
}), count);
noop.note = `${((noop.medianMs! / fullRow.medianMs!) * 100).toFixed(1)}% of the full build`;
oneEdit.note = `${((oneEdit.medianMs! / fullRow.medianMs!) * 100).toFixed(1)}% of the full build`;
target('no-op rebuild / full build', noop.medianMs! / fullRow.medianMs!, '%', '< 5%', noop.medianMs! / fullRow.medianMs! < 0.05);
target(`one edited statement of ${count} / full build`, oneEdit.medianMs! / fullRow.medianMs!, '%', '< 3%', oneEdit.medianMs! / fullRow.medianMs! < 0.03);

// pandoc, as a user would script it: one process per Markdown file, standalone HTML.
const pandoc = spawnSync('which', ['pandoc'], { encoding: 'utf8' }).stdout.trim();
if (pandoc) {
  const files = slugs.flatMap((slug) => LANGUAGES.map((lang) => path.join('statements', slug, `${lang}.md`)));
  const pandocOut = path.join(dir, 'pandoc-out');
  const samples = repeat('pandoc', () => {
    rmSync(pandocOut, { recursive: true, force: true });
    mkdirSync(pandocOut);
    const start = performance.now();
    for (const [i, file] of files.entries()) {
      const result = spawnSync(pandoc, ['-s', '-f', 'markdown', '-t', 'html', '-o', path.join(pandocOut, `${i}.html`), file], { cwd: dir });
      if (result.status !== 0) return { ms: 0, cpuMs: NaN, rssMb: NaN, code: result.status, output: String(result.stderr) };
    }
    return { ms: performance.now() - start, cpuMs: NaN, rssMb: NaN, code: 0, output: '' };
  });
  const row = measured(`pandoc (${files.length} processes, HTML only)`, samples, count);
  const html = rows.find((r) => r.name === '--formats html')!;
  const overFull = row.medianMs! / fullRow.medianMs!;
  const overHtml = row.medianMs! / html.medianMs!;
  fullRow.note = `${overFull.toFixed(2)}× as fast as pandoc`;
  html.note = `${overHtml.toFixed(2)}× as fast as pandoc`;
  target('full build, times as fast as pandoc', overFull, '×', '≥ 5×', overFull >= 5);
  target('HTML only, times as fast as pandoc', overHtml, '×', '≥ 25×', overHtml >= 25);
} else {
  rows.push({ name: 'pandoc', status: 'pandoc not installed', note: 'apt-get install pandoc' });
}

// Start-up: one statement in a fresh process, next to an empty node process.
const one = measured('one-statement build (fresh process)', repeat('one statement', build([slugs[0]!])), 1);
const bare = measured('node -e 0', repeat('node -e 0', () => run(process.execPath, ['-e', '0'])), undefined);
const startRatio = one.medianMs! / bare.medianMs!;
one.note = `${startRatio.toFixed(1)}× node -e 0`;
target('one-statement build / node -e 0', startRatio, '×', '≤ 6×', startRatio <= 6);
rmSync(dir, { recursive: true, force: true });

// The PDF rows: bench/pdf.ts in its own process (warm bilingual PDF, naive pdfkit, Helvetica floor).
const pdfBench = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench/pdf.ts'), '--json'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
interface PdfSample {
  slug: string;
  pages: number;
  ours: { median: number };
  naive: { median: number };
  floor: { median: number };
}
const pdf = ((): { samples: PdfSample[] } | undefined => {
  try {
    return pdfBench.status === 0 ? JSON.parse(pdfBench.stdout) : undefined;
  } catch {
    return undefined;
  }
})();
if (pdf) {
  for (const sample of pdf.samples) {
    const { ours, naive, floor } = { ours: sample.ours.median, naive: sample.naive.median, floor: sample.floor.median };
    target(`warm bilingual PDF (${sample.slug}) / Helvetica floor`, ours / floor, '×', '≤ 2×', ours / floor <= 2);
    target(`naive pdfkit / warm bilingual PDF (${sample.slug})`, naive / ours, '×', '≥ 5×', naive / ours >= 5);
  }
} else log(`bench/pdf.ts --json failed (exit ${pdfBench.status}):\n${pdfBench.stderr.slice(-2000)}`);

// Peak memory of full builds of archives of other sizes (one run each: a 1,000-statement build takes minutes).
const memory: { statements: number; peakRssMb: number }[] = [];
for (const size of memoryAt) {
  const sized = mkdtempSync(path.join(tmpdir(), `statements-bench-${size}-`));
  await generateArchive(sized, { statements: size, projectRoot: root });
  const sample = build([], sized)();
  rmSync(sized, { recursive: true, force: true });
  if (sample.code !== 0) throw new Error(`full build of ${size} statements failed (exit ${sample.code}):\n${sample.output.slice(-2000)}`);
  log(`  full build of ${size} statements: ${sample.ms.toFixed(0)} ms, peak RSS ${sample.rssMb.toFixed(0)} MB`);
  memory.push({ statements: size, peakRssMb: sample.rssMb });
}
const smallest = memory[0];
const largest = memory.at(-1);
if (largest && largest.statements >= 1000) target(`peak RSS at ${largest.statements} statements`, largest.peakRssMb, ' MB', '< 300 MB', largest.peakRssMb < 300);
if (smallest && largest && largest !== smallest) {
  const growth = largest.peakRssMb / smallest.peakRssMb;
  target(`peak RSS at ${largest.statements} / at ${smallest.statements} statements`, growth, '×', '≤ 1.2×', growth <= 1.2);
}

const result = {
  machine: { cpus: (await import('node:os')).availableParallelism(), node: process.version },
  statements: count,
  languages: LANGUAGES.length,
  runs,
  rows,
  pdf,
  peakRssMb,
  peakRssSource: timeV ? '/usr/bin/time -v' : 'process.resourceUsage',
  memory,
  cpuOverWall,
  targets,
};

if (args.json) {
  console.log(JSON.stringify(result, null, 2));
} else {
  const cell = (n: number | undefined, digits = 0) => (n === undefined ? '' : n.toFixed(digits));
  const table = [
    ['', 'median ms', 'min–max ms', 'ms/statement', 'statements/s', ''],
    ...rows.map((r) => r.status !== 'measured'
      ? [r.name, r.status, '', '', '', r.note ?? '']
      : [r.name, cell(r.medianMs), `${cell(r.minMs)}–${cell(r.maxMs)}`, cell(r.msPerStatement, 1), cell(r.statementsPerSecond, 1), r.note ?? '']),
  ];
  const widths = table[0]!.map((_, c) => Math.max(...table.map((line) => line[c]!.length)));
  console.log(`\n${count} statements, ${LANGUAGES.length} languages, median of ${runs} runs, ${result.machine.cpus} cores, Node ${process.version}\n`);
  for (const line of table) console.log(line.map((text, c) => (c === 0 || c === 5 ? text.padEnd(widths[c]!) : text.padStart(widths[c]!))).join('  ').trimEnd());
  for (const sample of pdf?.samples ?? []) {
    console.log(`\nbilingual PDF of ${sample.slug} (${sample.pages} pages), warm: ${sample.ours.median.toFixed(1)} ms; Helvetica floor ${sample.floor.median.toFixed(1)} ms; naive pdfkit ${sample.naive.median.toFixed(1)} ms (bench/pdf.ts, medians)`);
  }
  console.log(`peak RSS of the full build of ${count}: ${peakRssMb.toFixed(0)} MB (${result.peakRssSource})${memory.map((m) => `; of ${m.statements}: ${m.peakRssMb.toFixed(0)} MB`).join('')}`);
  console.log(`CPU over wall of the full build: ${cpuOverWall.toFixed(2)}\n\ntargets:`);
  const shown = (t: Target) => (t.unit === '%' ? `${(t.value * 100).toFixed(1)}%` : `${t.value.toFixed(t.unit === ' MB' ? 0 : 2)}${t.unit}`);
  for (const t of targets) console.log(`  ${t.met ? 'met    ' : 'NOT MET'}  ${t.name}: ${shown(t)} (target ${t.goal})`);
}
