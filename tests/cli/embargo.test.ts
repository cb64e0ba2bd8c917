import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles } from '../build/files.js';
import { parseEml } from '../helpers/email.js';
import { runCli, scratchProject } from '../helpers/cli.js';

const SLUG = 'complete-statement';
const BEFORE = ['--now', '2026-11-20T12:00:00Z'];
/** The embargo's instant itself: it has lifted. */
const AFTER = ['--now', '2026-12-03T15:00:00Z'];

/** The fixture, embargoed until 3 December 2026, 09:00 in Mexico City, beside a statement published at once. */
async function project(): Promise<string> {
  const dir = await scratchProject([SLUG, 'multi-script']);
  const en = path.join(dir, 'statements', SLUG, 'en.md');
  await writeFile(en, (await readFile(en, 'utf8')).replace(/^embargo: .*$/m, 'embargo: 2026-12-03T09:00:00-06:00'));
  return dir;
}

/** What would give the statement away: its slug, its titles and the sentences of its body, in each language. */
async function revealing(dir: string): Promise<string[]> {
  const found = [SLUG];
  for (const lang of ['en', 'es']) {
    const text = await readFile(path.join(dir, 'statements', SLUG, `${lang}.md`), 'utf8');
    const [, frontMatter = '', body = ''] = text.split(/^---$/m);
    found.push(/^title: "(.*)"$/m.exec(frontMatter)![1]!);
    // Runs of plain words between Markdown's marks, as any output would print them.
    found.push(...body.split(/[*_~`[\]()<>|#^\\\n]|https?:\S+/).map((run) => run.replace(/^[\s:]+/, '').trim()).filter((run) => run.split(/\s+/).length >= 4));
  }
  return found;
}

/** Each file under `folder` (its path and its bytes read as text) that holds one of `needles`. */
async function mentions(folder: string, needles: readonly string[]): Promise<string[]> {
  const hits: string[] = [];
  for (const file of await listFiles(folder)) {
    const text = `${file}\n${await readFile(path.join(folder, file), 'utf8')}`;
    for (const needle of needles) if (text.includes(needle)) hits.push(`${file}: ${needle}`);
  }
  return hits;
}

describe('one embargo clock for every channel', () => {
  it('before the embargo nothing in out/ reveals the statement, its press copies are in embargoed/ and send --dry-run mails them; after it, it is published and the copies are gone', { timeout: 120_000 }, async () => {
    const dir = await project();
    const needles = await revealing(dir);
    expect(needles.length).toBeGreaterThan(10);

    const before = await runCli(['build', ...BEFORE], { cwd: dir });
    expect(before.code, before.stderr).toBe(0);
    expect(before.stderr).toContain(`${SLUG}: under embargo until December 3, 2026 at 9:00 AM Central Standard Time; rebuild after that to publish it`);
    expect(await listFiles(path.join(dir, 'out'))).toEqual(expect.arrayContaining(['multi-script/en.html', 'multi-script/en.png']));
    expect(await mentions(path.join(dir, 'out'), needles)).toEqual([]);
    // The press copies only: a share image is for the public, once the embargo has lifted.
    expect(await listFiles(path.join(dir, 'embargoed', SLUG))).toEqual(['bilingual.eml', 'bilingual.pdf', 'en.eml', 'en.pdf', 'es.eml', 'es.pdf']);

    await writeFile(path.join(dir, 'press.csv'), 'email,name,language\nreporter@example.net,Reporter,es\n');
    const sent = await runCli(['send', SLUG, '--to', 'press.csv', '--dry-run', ...BEFORE], { cwd: dir });
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stderr).toContain(`sending its embargoed copies from embargoed/${SLUG}/`);
    expect(sent.stderr).not.toContain('Built');
    const [message] = await readdir(path.join(dir, '.statements/outbox', SLUG));
    const mail = await parseEml(await readFile(path.join(dir, '.statements/outbox', SLUG, message!)));
    expect(mail.subject).toMatch(/^Embargado hasta el 3 de diciembre de 2026 a las 9:00 hora estándar central: Coalición de prueba/);
    expect(await mentions(path.join(dir, 'out'), needles)).toEqual([]);

    const preview = await runCli(['build', '--preview', ...BEFORE], { cwd: dir });
    expect(preview.code, preview.stderr).toBe(0);
    const page = await readFile(path.join(dir, 'preview', SLUG, 'es.html'), 'utf8');
    expect(page).toContain('<meta name="robots" content="noindex">');
    expect(page).toContain('EMBARGADO – vista previa');
    expect(await listFiles(path.join(dir, 'preview', SLUG))).toEqual(['en.html', 'es.html', 'index.html']);
    expect(await mentions(path.join(dir, 'out'), needles)).toEqual([]);

    const after = await runCli(['build', ...AFTER], { cwd: dir });
    expect(after.code, after.stderr).toBe(0);
    expect(after.stderr).not.toContain('under embargo');
    expect(await listFiles(path.join(dir, 'out', SLUG))).toEqual(expect.arrayContaining(['en.html', 'es.html', 'index.html', 'en.pdf', 'bilingual.eml', 'en.png', 'es.png']));
    const archive = await readFile(path.join(dir, 'out/index.html'), 'utf8');
    expect(archive).toContain(`href="${SLUG}/en.html"`);
    // The search that found nothing before finds every needle now, so it would have caught a leak.
    const found = (await mentions(path.join(dir, 'out'), needles)).map((hit) => hit.slice(hit.indexOf(': ') + 2));
    expect(needles.filter((needle) => !found.includes(needle))).toEqual([]);
    expect(await readdir(path.join(dir, 'embargoed'))).toEqual([]);
    // The published email no longer says it is embargoed.
    expect((await parseEml(await readFile(path.join(dir, 'out', SLUG, 'es.eml')))).subject).toBe('Coalición de prueba exige aire limpio cerca de las escuelas');
  });

  it('refuses an embargoed folder inside the output folder, which is published', async () => {
    const dir = await project();
    const result = await runCli(['build', '--embargoed', 'out/press', ...BEFORE], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the embargoed folder must be apart from the output folder out, which is published');
    expect(await mentions(path.join(dir, 'out'), await revealing(dir))).toEqual([]);
  });
});
