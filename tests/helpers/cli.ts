import { spawn } from 'node:child_process';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(PROJECT_ROOT, 'dist/cli/main.js');
export const FIXTURES = path.join(PROJECT_ROOT, 'tests/fixtures');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Options for node itself, before the CLI (`--max-old-space-size=512`). */
  nodeArgs?: string[];
  /** Kill the process after this long; the result then has `timedOut`. */
  timeoutMs?: number;
  /** Run as this user (only possible when the tests run as root). */
  uid?: number;
  gid?: number;
}

/** Run the compiled CLI (`npm test` compiles it first) as a user would, in `cwd`. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult & { timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], {
      cwd: options.cwd ?? PROJECT_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      uid: options.uid,
      gid: options.gid,
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

/**
 * A scratch project in a temp folder: the named fixture statements under
 * `statements/`, plus the repository's publisher.yaml and logo, so the CLI
 * runs there exactly as in a coalition's own folder.
 */
export async function scratchProject(fixtureNames: string[]): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'statements-test-'));
  for (const name of fixtureNames) {
    await cp(path.join(FIXTURES, name), path.join(dir, 'statements', name), { recursive: true });
  }
  await cp(path.join(PROJECT_ROOT, 'publisher.yaml'), path.join(dir, 'publisher.yaml'));
  await cp(path.join(PROJECT_ROOT, 'assets'), path.join(dir, 'assets'), { recursive: true });
  return dir;
}
