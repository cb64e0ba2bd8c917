// Archive benchmark (not a timed test): `npx tsx bench/archive.ts [--statements N] [--runs N] [--json]`.
// Generates a synthetic archive (bench/archive-generate.ts) in a temp folder and times whole processes,
// as a writer runs them: `statements build` in the archive folder (full, and per format when the build
// accepts `--formats`), pandoc on the same Markdown (one process per file), a one-statement build next to
// `node -e 0`, peak RSS and CPU over wall time of the full build. Prints medians with min–max.
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
  options: { statements: { type: 'string', default: '200' }, runs: { type: 'string', default: '3' }, json: { type: 'boolean', default: false } },
});
const count = Number(args.statements);
const runs = Number(args.runs);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(runs) || runs < 1) {
  console.error('usage: tsx bench/archive.ts [--statements N] [--runs N] [--json]');
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

const out = path.join(dir, 'out');
/** A build from scratch: the output folder removed first, so no earlier output (or future cache) helps. */
const build = (extra: string[]) => () => {
  rmSync(out, { recursive: true, force: true });
  return run(process.execPath, [cli, 'build', ...extra]);
};

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
interface Row {
  name: string;
  status: 'measured' | 'not available' | 'pandoc not installed';
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

// Full build: also peak RSS and CPU over wall.
const full = repeat('full build', build([]));
const fullRow = measured('full build (all outputs)', full, count);
const peakRssMb = Math.max(...full.map((s) => s.rssMb));
const cpuOverWall = median(full.map((s) => s.cpuMs / s.ms));

// `--formats` is being added: rows per format only when the build accepts it (usage errors exit 2).
const empty = path.join(dir, 'no-statements');
mkdirSync(empty);
const probe = run(process.execPath, [cli, 'build', '--formats', 'html', '--statements', empty, '--out', path.join(dir, 'probe-out')]);
const formats = probe.code !== 2 && !/unknown option/i.test(probe.output);
const ratios: Record<string, number> = {};
for (const format of ['html', 'pdf', 'email']) {
  const name = `--formats ${format}`;
  if (!formats) {
    rows.push({ name, status: 'not available', note: 'this build has no --formats' });
    continue;
  }
  measured(name, repeat(name, build(['--formats', format])), count);
}

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
  ratios['pandoc / full build'] = row.medianMs! / fullRow.medianMs!;
  const html = rows.find((r) => r.name === '--formats html' && r.status === 'measured');
  if (html) ratios['pandoc / html only'] = row.medianMs! / html.medianMs!;
  fullRow.note = `${ratios['pandoc / full build']!.toFixed(2)}× as fast as pandoc (target ≥ 5×)`;
  if (html) html.note = `${ratios['pandoc / html only']!.toFixed(2)}× as fast as pandoc (target ≥ 25×)`;
} else {
  rows.push({ name: 'pandoc', status: 'pandoc not installed', note: 'apt-get install pandoc' });
}

// Start-up: one statement in a fresh process, next to an empty node process.
const one = measured('one-statement build (fresh process)', repeat('one statement', build([slugs[0]!])), 1);
const bare = measured('node -e 0', repeat('node -e 0', () => run(process.execPath, ['-e', '0'])), undefined);
ratios['one statement / node -e 0'] = one.medianMs! / bare.medianMs!;
one.note = `${ratios['one statement / node -e 0']!.toFixed(1)}× node -e 0 (target ≤ 6×)`;

const result = {
  machine: { cpus: (await import('node:os')).availableParallelism(), node: process.version },
  statements: count,
  languages: LANGUAGES.length,
  runs,
  rows,
  ratios,
  peakRssMb,
  peakRssSource: timeV ? '/usr/bin/time -v' : 'process.resourceUsage',
  cpuOverWall,
  notMeasuredYet: ['no-op rebuild and one-edit rebuild (no cache yet)', 'warm bilingual PDF vs naive pdfkit and Helvetica floor (see bench/pdf.ts)', 'peak RSS at 100 and 1,000 statements (run with --statements 100 and --statements 1000)'],
};
rmSync(dir, { recursive: true, force: true });

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
  console.log(`\npeak RSS of the full build: ${peakRssMb.toFixed(0)} MB (${result.peakRssSource}; target < 300 MB at 1,000 statements)`);
  console.log(`CPU over wall of the full build: ${cpuOverWall.toFixed(2)} (target ≥ 1.7 on 2 cores)`);
  console.log(`not measured yet: ${result.notMeasuredYet.join('; ')}`);
}
