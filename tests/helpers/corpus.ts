import { chmod, cp, mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { FIXTURES, PROJECT_ROOT, runCli, type CliResult } from './cli.js';

/** The corpus of malformed and hostile inputs: one folder per case under tests/fixtures/corpus/. */
export const CORPUS = path.join(FIXTURES, 'corpus');

/**
 * `case.json`: what to run and what must come out. A case folder may also
 * hold `project/` (copied as the project folder; the repository's
 * publisher.yaml and assets are added when it has none) and `case.ts`
 * exporting `setup(dir)` (to make what cannot be committed: large inputs,
 * FIFOs, symlink loops) and `verify(dir, result)` (further assertions).
 */
export const caseSchema = z.strictObject({
  /** What the case reproduces, in one line. */
  about: z.string().min(1),
  args: z.array(z.string()).min(1),
  /** Expected exit code. */
  exit: z.number().int(),
  /** Regular expressions (multiline) that stderr must match, each. */
  stderr: z.array(z.string()).default([]),
  /** Regular expressions stderr must not match. */
  notStderr: z.array(z.string()).default([]),
  stdout: z.array(z.string()).default([]),
  /** Paths relative to the project that must exist, or must not, afterwards. */
  files: z.strictObject({ present: z.array(z.string()).default([]), absent: z.array(z.string()).default([]) }).prefault({}),
  /** Hang guard: the run is killed after this long and the case fails. */
  timeoutSeconds: z.number().positive().default(60),
  /** Memory guards: V8 heap limit given to the process, and the peak resident memory allowed. */
  maxHeapMb: z.number().positive().default(512),
  maxRssMb: z.number().positive().default(768),
  /** Run as this unprivileged user when the tests run as root, so file permissions apply. */
  asUser: z.literal('nobody').optional(),
  env: z.record(z.string(), z.string()).default({}),
});
export type CorpusCase = z.output<typeof caseSchema> & { name: string; dir: string };

export interface CaseModule {
  setup?: (project: string) => Promise<void>;
  verify?: (project: string, result: CliResult) => Promise<void>;
}

export async function listCases(): Promise<CorpusCase[]> {
  if (!existsSync(CORPUS)) return [];
  const names = (await readdir(CORPUS, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const dir = path.join(CORPUS, name);
      const json = JSON.parse(await readFile(path.join(dir, 'case.json'), 'utf8')) as unknown;
      return { ...caseSchema.parse(json), name, dir };
    }),
  );
}

export async function caseModule(corpusCase: CorpusCase): Promise<CaseModule> {
  const file = path.join(corpusCase.dir, 'case.ts');
  return existsSync(file) ? ((await import(pathToFileURL(file).href)) as CaseModule) : {};
}

/** A scratch project for the case: its `project/` folder, with the repository's config and logo unless it brings its own. */
export async function caseProject(corpusCase: CorpusCase): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `statements-corpus-${corpusCase.name}-`));
  const own = path.join(corpusCase.dir, 'project');
  if (existsSync(own)) await cp(own, dir, { recursive: true });
  if (!existsSync(path.join(own, 'publisher.yaml'))) {
    await cp(path.join(PROJECT_ROOT, 'publisher.yaml'), path.join(dir, 'publisher.yaml'));
    await cp(path.join(PROJECT_ROOT, 'assets'), path.join(dir, 'assets'), { recursive: true });
  }
  return dir;
}

const NOBODY = 65534;

/** Run the case's command in its project, with its time and memory guards. */
export async function runCase(corpusCase: CorpusCase, project: string): Promise<CliResult & { timedOut: boolean; maxRssMb?: number }> {
  const rssFile = path.join(tmpdir(), `statements-rss-${path.basename(project)}`);
  const unprivileged = corpusCase.asUser === 'nobody' && process.getuid?.() === 0;
  if (unprivileged) await chmodTree(project);
  const result = await runCli(corpusCase.args, {
    cwd: project,
    env: { ...corpusCase.env, STATEMENTS_RSS_FILE: rssFile },
    nodeArgs: [`--max-old-space-size=${corpusCase.maxHeapMb}`, '--require', path.join(PROJECT_ROOT, 'tests/helpers/rss-probe.cjs')],
    timeoutMs: corpusCase.timeoutSeconds * 1000,
    uid: unprivileged ? NOBODY : undefined,
    gid: unprivileged ? NOBODY : undefined,
  });
  const rss = await readFile(rssFile, 'utf8').catch(() => undefined);
  return { ...result, maxRssMb: rss === undefined ? undefined : Number(rss) / 1024 };
}

/** Let an unprivileged user into the scratch project (mkdtemp makes it private); cases then take away what they test. */
async function chmodTree(dir: string): Promise<void> {
  await chmod(dir, 0o777);
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (entry.isSymbolicLink()) continue;
    const mode = (await stat(file)).mode & 0o777;
    // Keep what a case took away on purpose (a file made unreadable by its setup).
    if (mode !== 0) await chmod(file, entry.isDirectory() ? 0o777 : 0o666);
  }
}
