import { cp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listFiles, snapshot } from '../build/files.js';
import { PROJECT_ROOT, runCli, scratchProject } from '../helpers/cli.js';

describe('statements build', () => {
  let project: string;
  beforeAll(async () => {
    project = await scratchProject(['complete-statement']);
    await cp(path.join(project, 'statements/complete-statement'), path.join(project, 'statements/second-statement'), { recursive: true });
  });

  it('builds every statement into the three pages and the archive, showing progress', async () => {
    const result = await runCli(['build'], { cwd: project });
    expect(result.stderr).toMatch(/\[1\/2\] complete-statement … ok/);
    expect(result.stderr).toMatch(/\[2\/2\] second-statement … ok/);
    expect(result.stderr).toMatch(/Built 2 statements into out\//);
    expect(result.code).toBe(0);
    const files = await listFiles(path.join(project, 'out'));
    for (const slug of ['complete-statement', 'second-statement']) {
      for (const page of ['en.html', 'es.html', 'index.html']) expect(files).toContain(`${slug}/${page}`);
    }
    expect(files).toContain('index.html');
    expect(files).toContain('assets/logo.svg');
    expect(files.filter((file) => file.includes('.tmp-'))).toEqual([]);
    const archive = await readFile(path.join(project, 'out/index.html'), 'utf8');
    expect(archive).toContain('href="complete-statement/es.html"');
    expect(archive).toContain('href="second-statement/en.html"');
  });

  it('gives byte-identical output for the same input', async () => {
    const again = path.join(project, 'out-again');
    const result = await runCli(['build', '--out', 'out-again'], { cwd: project });
    expect(result.code).toBe(0);
    const first = await snapshot(path.join(project, 'out'));
    const second = await snapshot(again);
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [file, bytes] of first) expect(second.get(file)?.equals(bytes), file).toBe(true);
  });

  it('on malformed front matter, names file:line, exits non-zero, keeps earlier outputs and still builds the others', async () => {
    const out = path.join(project, 'out');
    const before = await readFile(path.join(out, 'complete-statement/en.html'));
    const beforeTime = (await stat(path.join(out, 'complete-statement/en.html'))).mtimeMs;
    const en = path.join(project, 'statements/complete-statement/en.md');
    const original = await readFile(en, 'utf8');
    await writeFile(en, original.replace('title: "Fixture coalition demands clean air near schools"\n', ''));
    await writeFile(path.join(project, 'statements/second-statement/es.md'), (await readFile(path.join(project, 'statements/second-statement/es.md'), 'utf8')).replace('el fin', 'el final'));
    try {
      const result = await runCli(['build'], { cwd: project });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('statements/complete-statement/en.md:2:1: error: missing required field `title`: add `title: "…"` to the front matter [front-matter]');
      expect(result.stderr).toMatch(/\[1\/2\] complete-statement … FAILED/);
      expect(result.stderr).toMatch(/1 failed \(complete-statement\): their earlier outputs were left as they were/);
      expect((await readFile(path.join(out, 'complete-statement/en.html'))).equals(before)).toBe(true);
      expect((await stat(path.join(out, 'complete-statement/en.html'))).mtimeMs).toBe(beforeTime);
      expect(await readFile(path.join(out, 'second-statement/es.html'), 'utf8')).toContain('el final');
      // The archive still lists the statement whose rebuild failed: its pages are still published.
      expect(await readFile(path.join(out, 'index.html'), 'utf8')).toContain('href="complete-statement/en.html"');
    } finally {
      await writeFile(en, original);
    }
  });

  it('reports a YAML syntax error with line and column', async () => {
    const scratch = await scratchProject(['complete-statement']);
    const en = path.join(scratch, 'statements/complete-statement/en.md');
    await writeFile(en, (await readFile(en, 'utf8')).replace('date: 2017-12-04', 'date: [2017-12-04'));
    const result = await runCli(['build'], { cwd: scratch });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/statements\/complete-statement\/en\.md:\d+:\d+: error: invalid YAML: /);
  });

  it('builds only the statements named, and reports unknown ones', async () => {
    const result = await runCli(['build', 'second-statement', 'no-such-statement'], { cwd: project });
    expect(result.code).toBe(1);
    // Built by an earlier test: up to date.
    expect(result.stderr).toMatch(/\[1\/2\] second-statement … up to date/);
    expect(result.stderr).toMatch(/statements: error: no statement "no-such-statement": expected a folder statements\/no-such-statement with en\.md and es\.md/);
  });

  it('reports folders whose names are not valid slugs and builds the rest', async () => {
    const scratch = await scratchProject(['complete-statement']);
    await cp(path.join(scratch, 'statements/complete-statement'), path.join(scratch, 'statements/Mi Declaración'), { recursive: true });
    const result = await runCli(['build'], { cwd: scratch });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('statements/Mi Declaración: error: invalid statement folder name "Mi Declaración": use lowercase letters, digits and hyphens, starting with a letter or digit (e.g. mi-declaracion) [slug]');
    expect(await listFiles(path.join(scratch, 'out'))).toContain('complete-statement/en.html');
  });

  it('explains a missing publisher config', async () => {
    const scratch = await scratchProject(['complete-statement']);
    await rm(path.join(scratch, 'publisher.yaml'));
    const result = await runCli(['build'], { cwd: scratch });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^publisher\.yaml: error: publisher config not found: create publisher\.yaml/m);
  });

  it('an internal error (a bug) exits 70 with one short message saying so; STATEMENTS_DEBUG=1 adds where it happened', async () => {
    const scratch = await scratchProject(['complete-statement']);
    const nodeArgs = ['--require', path.join(PROJECT_ROOT, 'tests/build/simulate-bug.cjs')];
    const result = await runCli(['build'], { cwd: scratch, nodeArgs });
    expect(result.code).toBe(70);
    expect(result.stderr).toBe(
      "statements: internal error while running statements build: Cannot read properties of undefined (reading 'isDirectory'). This is a bug in statements: run the command again with STATEMENTS_DEBUG=1 to see where it happened, and report it\n",
    );
    const debug = await runCli(['build'], { cwd: scratch, nodeArgs, env: { STATEMENTS_DEBUG: '1' } });
    expect(debug.code).toBe(70);
    expect(debug.stderr).toMatch(/This is a bug in statements: .*\nTypeError: Cannot read properties of undefined \(reading 'isDirectory'\)\n\s+at /);
  });

  it('a character no font has (the glyphs check): the pages and emails are built, the earlier PDFs removed, and the build fails', async () => {
    const scratch = await scratchProject(['complete-statement']);
    expect((await runCli(['build'], { cwd: scratch })).code).toBe(0);
    const en = path.join(scratch, 'statements/complete-statement/en.md');
    // U+F0B7: the bullet of Word's Symbol font, as pasted from a document.
    await writeFile(en, (await readFile(en, 'utf8')).replace('Final paragraph: the end.', 'Final paragraph: \uf0b7 the end, signed today.'));
    const result = await runCli(['build'], { cwd: scratch });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^\[1\/1\] complete-statement … FAILED \(out\/complete-statement\/: 9 files written; not built: en\.pdf, es\.pdf, bilingual\.pdf\)$/m);
    expect(result.stderr).toMatch(/^statements\/complete-statement\/en\.md:\d+:\d+: error: .*U\+F0B7.* \[glyphs\]$/m);
    expect(result.stderr).toMatch(/^Built 0 statements into out\/; 1 written with errors \(complete-statement: no en\.pdf, es\.pdf, bilingual\.pdf\): fix the errors above and build again$/m);
    const files = await listFiles(path.join(scratch, 'out/complete-statement'));
    expect(files).toEqual(['bilingual.eml', 'en.eml', 'en.html', 'en.png', 'es.eml', 'es.html', 'es.png', 'index.html', 'statement.json']);
    expect(await readFile(path.join(scratch, 'out/complete-statement/en.html'), 'utf8')).toContain('the end, signed today.');
  });

  it('rejects unknown options with usage and exit code 2', async () => {
    const result = await runCli(['build', '--outdir', 'x'], { cwd: project });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Unknown option '--outdir'[\s\S]*Usage: statements/);
  });
});

describe('statements new', () => {
  it('scaffolds a statement that builds as it is', async () => {
    const scratch = await scratchProject([]);
    const created = await runCli(['new', 'water-rights-2026'], { cwd: scratch });
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Created statements/water-rights-2026/ with en.md, es.md, signatories.csv.');
    const en = await readFile(path.join(scratch, 'statements/water-rights-2026/en.md'), 'utf8');
    expect(en).toMatch(/^---\n# The headline, in the original language\. Required\.\ntitle: /);
    expect(en).toMatch(/\ndate: \d{4}-\d{2}-\d{2}\n/);
    const built = await runCli(['build', 'water-rights-2026'], { cwd: scratch });
    expect(built.stderr).toContain('[1/1] water-rights-2026 … ok');
    expect(built.code).toBe(0);
  });

  it('refuses an existing folder and an invalid name', async () => {
    const scratch = await scratchProject(['complete-statement']);
    const existing = await runCli(['new', 'complete-statement'], { cwd: scratch });
    expect(existing.code).toBe(1);
    expect(existing.stderr).toContain('statements/complete-statement already exists');
    const invalid = await runCli(['new', 'Agua Ya!'], { cwd: scratch });
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('invalid statement name "Agua Ya!": use lowercase letters, digits and hyphens, e.g. agua-ya');
  });
});
