import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { plant, sampleCopy } from '../helpers/planted.js';

const SLUG = 'heat-safety-for-outdoor-workers';
const ES = `statements/${SLUG}/es.md`;
const STAMP = /^translated-from: \{ stamped: \d{4}-\d{2}-\d{2}, blocks: "[0-9a-f]{8}(?: [0-9a-f]{8})*" \}\r?\n/m;

/** The text without its stamp line: what must not change, byte for byte. */
const withoutStamp = (text: string) => text.replace(STAMP, '');

/** A copy of the sample whose Spanish has not been stamped yet. */
async function unstamped(): Promise<string> {
  const project = await sampleCopy(SLUG);
  await plant(project, ES, withoutStamp);
  return project;
}

describe('statements stamp', () => {
  it('adds one line to the front matter and changes no other byte', async () => {
    const project = await unstamped();
    const before = await readFile(path.join(project, ES), 'utf8');
    const result = await runCli(['stamp', SLUG], { cwd: project });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Stamped ${ES}: \\d+ parts of the original, as of \\d{4}-\\d{2}-\\d{2}\\n$`));
    const after = await readFile(path.join(project, ES), 'utf8');
    expect(after).toMatch(STAMP);
    expect(withoutStamp(after)).toBe(before);
    // The line goes last in the front matter, just before its closing `---`.
    expect(after.split('\n').findIndex((line) => line.startsWith('translated-from:')) + 1).toBe(before.split('\n').indexOf('---', 1) + 1);
  });

  it('replaces an earlier stamp where it stands, keeping comments, quoting and line endings', async () => {
    const project = await sampleCopy(SLUG);
    const file = path.join(project, ES);
    const crlf = [
      '---',
      "# Revisado por el equipo de traducción",
      "title: 'Sindicatos exigen una norma de calor'",
      'translated-from: { stamped: 2026-01-05,',
      '  blocks: "00000000 11111111" }',
      'dateline:   "Puerto Claro"   # sin cambios',
      '---',
      '',
      ...(await readFile(file, 'utf8')).split('\n---\n')[1]!.split('\n'),
    ].join('\r\n');
    await writeFile(file, crlf);
    const result = await runCli(['stamp', SLUG, 'es'], { cwd: project });
    expect(result.code, result.stderr).toBe(0);
    const after = await readFile(file, 'utf8');
    const lines = after.split('\r\n');
    expect(`${lines[3]}\r\n`).toMatch(STAMP);
    expect(after.replaceAll('\r\n', '')).not.toContain('\n');
    expect(lines[3]).not.toContain('00000000');
    expect([...lines.slice(0, 3), ...lines.slice(4)]).toEqual([...crlf.split('\r\n').slice(0, 3), ...crlf.split('\r\n').slice(5)]);
  });

  it('keeps a UTF-8 byte order mark', async () => {
    const project = await unstamped();
    const file = path.join(project, ES);
    const bytes = await readFile(file);
    await writeFile(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]));
    expect((await runCli(['stamp', SLUG], { cwd: project })).code).toBe(0);
    const after = await readFile(file);
    expect([...after.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(withoutStamp(after.subarray(3).toString('utf8'))).toBe(bytes.toString('utf8'));
  });

  it('leaves a translation alone when the original has not changed since its stamp', async () => {
    const project = await unstamped();
    expect((await runCli(['stamp', SLUG], { cwd: project })).code).toBe(0);
    const first = await readFile(path.join(project, ES));
    const again = await runCli(['stamp', SLUG, 'es'], { cwd: project });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already stamped .*the original has not changed since/);
    expect((await readFile(path.join(project, ES))).equals(first)).toBe(true);
  });

  it('refuses a file that is not UTF-8, leaving it as it was', async () => {
    const project = await unstamped();
    const file = path.join(project, ES);
    const latin = Buffer.from((await readFile(file, 'utf8')).replace(/[^\x00-\xff]/g, '-'), 'latin1');
    await writeFile(file, latin);
    const result = await runCli(['stamp', SLUG], { cwd: project });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/es\.md: error: .*es\.md is not UTF-8 .*save it as UTF-8.*\[encoding\]/);
    expect((await readFile(file)).equals(latin)).toBe(true);
  });

  it('names a statement that does not exist (exit 1) and a language that is not a translation (exit 2)', async () => {
    const project = await unstamped();
    const missing = await runCli(['stamp', 'no-such-statement'], { cwd: project });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/error: no statement "no-such-statement".*\[statement-folder\]/);
    const unknown = await runCli(['stamp', SLUG, 'fr'], { cwd: project });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown language "fr": the configured translations are es/);
    const original = await runCli(['stamp', SLUG, 'en'], { cwd: project });
    expect(original.code).toBe(2);
    expect(original.stderr).toMatch(/en is the original/);
    expect((await runCli(['stamp'], { cwd: project })).code).toBe(2);
  });
});
