import { existsSync } from 'node:fs';
import { appendFile, cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { build, type BuildOptions } from '../../src/build/build.js';
import { workDir } from '../../src/build/context.js';
import { nodeWriteFs, type WriteFs } from '../../src/build/write.js';
import { loadStatement } from '../../src/load/statement.js';
import { formatDiagnostic, isError } from '../../src/model/diagnostic.js';
import type { RenderContext } from '../../src/render/context.js';
import { FORMATS } from '../../src/render/index.js';
import { FontLibrary } from '../../src/render/pdf/fonts.js';
import type { RenderResult } from '../../src/render/result.js';
import { scratchProject } from '../helpers/cli.js';
import { projectContext } from '../helpers/context.js';
import { writeDamagedFont } from '../helpers/fonts.js';
import { listFiles, snapshot } from './files.js';

// Lets a test make loading one statement throw, as a bug in a loader would.
vi.mock('../../src/load/statement.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/load/statement.js')>();
  return { ...original, loadStatement: vi.fn(original.loadStatement) };
});

let ctx: RenderContext;
beforeAll(async () => {
  ctx = await projectContext();
});

interface Project {
  dir: string;
  statements: string;
  out: string;
}

/** Two statements, `complete-statement` and `second-statement`, not built yet. */
async function twoStatements(): Promise<Project> {
  const dir = await scratchProject(['complete-statement']);
  await cp(path.join(dir, 'statements/complete-statement'), path.join(dir, 'statements/second-statement'), { recursive: true });
  return { dir, statements: path.join(dir, 'statements'), out: path.join(dir, 'out') };
}

function run(project: Project, options: Partial<BuildOptions> = {}) {
  return build({ statementsDir: project.statements, outDir: project.out, ...options }, ctx);
}

const printed = (diagnostics: Parameters<typeof formatDiagnostic>[0][]) => diagnostics.map(formatDiagnostic).join('\n');

/** A new title for a statement, so a test can tell its new files from its earlier ones. */
async function retitle(project: Project, slug: string, title: string): Promise<void> {
  const file = path.join(project.statements, slug, 'en.md');
  await writeFile(file, (await readFile(file, 'utf8')).replace(/^title: .*$/m, `title: "${title}"`));
}

/** Makes the PDF renderer answer `result` for these files of one statement (and render the rest as usual) until restored. */
function failPdfs(slug: string, files: string[], result: () => Promise<RenderResult>) {
  const render = FORMATS.pdf.render;
  return vi.spyOn(FORMATS.pdf, 'render').mockImplementation((statement, variant, ctx) => (statement.slug === slug && files.includes(FORMATS.pdf.file(variant) ?? '') ? result() : render(statement, variant, ctx)));
}

const diskFull = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });

/** The real file system, except that writing a file whose path matches fails as on a full disk. */
function fullDiskFor(pattern: RegExp): WriteFs {
  return {
    ...nodeWriteFs,
    async writeFile(file, data) {
      if (pattern.test(file)) throw diskFull();
      return nodeWriteFs.writeFile(file, data);
    },
  };
}

describe('one statement failing', () => {
  it('an exception while loading one statement is its own error, without a stack, and the statements after it still build', async () => {
    const project = await twoStatements();
    vi.mocked(loadStatement).mockImplementationOnce(async () => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    const result = await run(project);
    expect(result.failed).toEqual(['complete-statement']);
    expect(result.built).toEqual(['second-statement']);
    const [error] = result.diagnostics.filter(isError);
    expect(formatDiagnostic(error!)).toMatch(
      /statements\/complete-statement: error: internal error while loading and checking complete-statement: Maximum call stack size exceeded\. This is a bug in statements: run the command again with STATEMENTS_DEBUG=1 to see where it happened, and report it \[internal\]$/,
    );
    expect(formatDiagnostic(error!)).not.toMatch(/\n\s+at /);
    // The exception is kept for STATEMENTS_DEBUG.
    expect(error!.cause).toBeInstanceOf(RangeError);
    expect(existsSync(path.join(project.out, 'complete-statement'))).toBe(false);
    expect(await listFiles(path.join(project.out, 'second-statement'))).toContain('en.pdf');
  });

  it('an exception in one renderer leaves that file out; the statement\'s other files and the other statements are built', async () => {
    const project = await twoStatements();
    await run(project);
    await retitle(project, 'complete-statement', 'Clean air now, said the coalition');
    const spy = failPdfs('complete-statement', ['es.pdf'], () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'width')")));
    try {
      const result = await run(project);
      expect(result.incomplete).toEqual([{ slug: 'complete-statement', missing: ['es.pdf'] }]);
      expect(result.built).toEqual(['second-statement']);
      expect(printed(result.diagnostics)).toMatch(/internal error while building es\.pdf of complete-statement: Cannot read properties of undefined \(reading 'width'\)\. This is a bug in statements: .*\. es\.pdf was not built; the statement's other files were \[internal\]/);
    } finally {
      spy.mockRestore();
    }
    const files = await listFiles(path.join(project.out, 'complete-statement'));
    expect(files).not.toContain('es.pdf');
    expect(files).toEqual(expect.arrayContaining(['en.pdf', 'bilingual.pdf', 'en.html', 'es.html', 'index.html', 'en.eml', 'statement.json']));
    expect(await readFile(path.join(project.out, 'complete-statement/en.html'), 'utf8')).toContain('Clean air now, said the coalition');
  });

  it('a character no font has (the glyphs check): the pages, emails and share images are written, the earlier PDFs are removed, and the statement counts as incomplete', async () => {
    const project = await twoStatements();
    await run(project);
    // A private-use bullet, as a word processor pastes it: no font has a glyph for it.
    await retitle(project, 'complete-statement', 'Clean air now, said the coalition \uf0b7');
    const result = await run(project);
    expect(result.incomplete).toEqual([{ slug: 'complete-statement', missing: ['en.pdf', 'es.pdf', 'bilingual.pdf'] }]);
    expect(result.built).toEqual(['second-statement']);
    // Once, though the title is in two of the PDFs.
    expect(result.diagnostics.filter(isError).map(formatDiagnostic)).toEqual([
      expect.stringMatching(/statements\/complete-statement\/en\.md:2:43: error: character \(U\+F0B7\) cannot be printed in the PDF: .*The HTML page and the email of this statement are still built .*\[glyphs\]$/),
    ]);
    const files = await listFiles(path.join(project.out, 'complete-statement'));
    // The share images too: they show the headline without the character no font has (the check names it).
    expect(files).toEqual(['bilingual.eml', 'en.eml', 'en.html', 'en.png', 'es.eml', 'es.html', 'es.png', 'index.html', 'statement.json']);
    expect(await readFile(path.join(project.out, 'complete-statement/en.eml'), 'utf8')).toContain('Clean air now, said the coalition');
    // Still listed: its pages are published.
    expect(await readFile(path.join(project.out, 'index.html'), 'utf8')).toContain('Clean air now, said the coalition');

    const forced = await run(project, { force: true });
    expect(forced.built).toEqual(['complete-statement', 'second-statement']);
    expect(forced.diagnostics.filter(isError)).toEqual([]);
    expect(printed(forced.diagnostics)).toMatch(/en\.md:2:43: warning: character \(U\+F0B7\) cannot be printed in the PDF.*\(published anyway: --force\) \[glyphs\]/);
    expect(await listFiles(path.join(project.out, 'complete-statement'))).toEqual(expect.arrayContaining(['en.pdf', 'es.pdf', 'bilingual.pdf']));
  });

  it('a font that fails while PDFs are built is one error naming the file and what to do, not a bug in each PDF', async () => {
    const project = await twoStatements();
    const font = path.join(project.dir, 'fonts/damaged.ttf');
    await mkdir(path.dirname(font), { recursive: true });
    await writeDamagedFont(font);
    for (const slug of ['complete-statement', 'second-statement']) {
      await appendFile(path.join(project.statements, slug, 'signatories.csv'), 'جمعية مياه النيل,organization,,القاهرة,,مصر,\n');
    }
    // Past the config's check, as a font that only fails in the PDF would be.
    const result = await build({ statementsDir: project.statements, outDir: project.out }, { ...ctx, fonts: new FontLibrary([font]) });
    const missing = ['en.pdf', 'es.pdf', 'bilingual.pdf'];
    expect(result.incomplete).toEqual([{ slug: 'complete-statement', missing }, { slug: 'second-statement', missing }]);
    expect(result.diagnostics.filter(isError).map(formatDiagnostic)).toEqual([
      expect.stringMatching(/fonts\/damaged\.ttf: error: this font of `pdf\.fonts\.fallback` cannot be read while the PDFs and share images are drawn \(Offset is outside the bounds of the DataView\): the file is damaged: replace it with a fresh copy of the \.ttf or \.otf file, or remove it from `pdf\.fonts\.fallback` in the publisher config\. The HTML pages and the emails are not affected \[pdf-font\]$/),
    ]);
  });

  it('a load error writes nothing of that statement: its earlier files stay byte for byte, and nothing is left staged', async () => {
    const project = await twoStatements();
    await run(project);
    const before = await snapshot(path.join(project.out, 'complete-statement'));
    const en = path.join(project.statements, 'complete-statement/en.md');
    await writeFile(en, (await readFile(en, 'utf8')).replace(/^date: .*$/m, 'date: someday'));
    const result = await run(project);
    expect(result.failed).toEqual(['complete-statement']);
    expect(result.built).toEqual(['second-statement']);
    expect(await snapshot(path.join(project.out, 'complete-statement'))).toEqual(before);
    expect(await readdir(path.join(workDir(project.out), 'build'))).toEqual([]);
  });
});

describe('write errors (a full disk)', () => {
  it('names the file, keeps the statement\'s earlier files, and still builds the other statements', async () => {
    const project = await twoStatements();
    await run(project);
    const before = await snapshot(path.join(project.out, 'complete-statement'));
    await retitle(project, 'complete-statement', 'Clean air now, said the coalition');
    await retitle(project, 'second-statement', 'A second statement, rebuilt');
    const result = await run(project, { fs: fullDiskFor(/complete-statement\.[^/]*\.staged\/en\.pdf$/) });
    expect(result.failed).toEqual(['complete-statement']);
    expect(result.built).toEqual(['second-statement']);
    expect(printed(result.diagnostics)).toMatch(
      /out\/complete-statement\/en\.pdf: error: could not write \S*out\/complete-statement\/en\.pdf: the disk is full: free some space, then run the command again \(ENOSPC\)\. Nothing of complete-statement was written: its earlier files in \S*out\/complete-statement\/ are as they were \[write\]/,
    );
    expect(await snapshot(path.join(project.out, 'complete-statement'))).toEqual(before);
    expect(await readFile(path.join(project.out, 'second-statement/en.html'), 'utf8')).toContain('A second statement, rebuilt');
    expect(await readdir(path.join(workDir(project.out), 'build'))).toEqual([]);
  });

  it('a full disk while writing the archive names out/index.html and keeps the earlier archive', async () => {
    const project = await twoStatements();
    await run(project);
    const archive = await readFile(path.join(project.out, 'index.html'));
    await retitle(project, 'second-statement', 'A second statement, rebuilt');
    const result = await run(project, { fs: fullDiskFor(/index\.html\.\d+-[0-9a-f]{8}\.tmp$/) });
    expect(printed(result.diagnostics)).toMatch(/out\/index\.html: error: could not write \S*out\/index\.html: the disk is full: .* \(ENOSPC\)\. The earlier version of that file was left as it was \[write\]/);
    expect((await readFile(path.join(project.out, 'index.html'))).equals(archive)).toBe(true);
    expect(await readdir(path.join(workDir(project.out), 'build'))).toEqual([]);
  });
});

describe('a statement\'s files change together', () => {
  it('writes nothing temporary inside out/: every file is written in the working folder and renamed into place', async () => {
    const project = await twoStatements();
    await run(project);
    const written: string[] = [];
    const recording: WriteFs = {
      ...nodeWriteFs,
      async writeFile(file, data) {
        written.push(file);
        return nodeWriteFs.writeFile(file, data);
      },
    };
    await run(project, { fs: recording });
    // Each statement's eight outputs and manifest (the archive and the logo are unchanged, so not written again).
    expect(written.length).toBeGreaterThanOrEqual(18);
    for (const file of written) expect(path.relative(workDir(project.out), file)).not.toMatch(/^\.\./);
  });

  it('removes the *.tmp-* files an earlier version left in out/ when it was killed, and keeps files the build does not make', async () => {
    const project = await twoStatements();
    await run(project);
    const stale = ['index.html.tmp-4242-0a1b2c3d', 'assets/logo.svg.tmp-4242-0a1b2c3d', 'complete-statement/en.pdf.tmp-4242-deadbeef', 'second-statement/es.html.tmp-17-00ff00ff'];
    for (const file of stale) await writeFile(path.join(project.out, file), 'half a file');
    await mkdir(path.join(project.out, 'second-statement/send'));
    await writeFile(path.join(project.out, 'second-statement/send/press-1234abcd.jsonl'), '{"type":"begin"}\n');
    await writeFile(path.join(project.out, 'second-statement/notes.txt'), 'put here by hand');
    // Only complete-statement is rebuilt: the stale files of the others go too.
    await run(project, { slugs: ['complete-statement'] });
    await run(project, { slugs: ['second-statement'] });
    const files = await listFiles(project.out);
    expect(files.filter((file) => file.includes('.tmp-'))).toEqual([]);
    expect(files).toContain('second-statement/send/press-1234abcd.jsonl');
    expect(files).toContain('second-statement/notes.txt');
  });
});

describe('the archive', () => {
  it('leaves out a corrupt statement.json with a warning naming it, and lists the rest', async () => {
    const project = await twoStatements();
    for (const slug of ['third-statement', 'fourth-statement', 'fifth-statement']) {
      await cp(path.join(project.statements, 'complete-statement'), path.join(project.statements, slug), { recursive: true });
    }
    await run(project);
    await writeFile(path.join(project.out, 'complete-statement/statement.json'), '{"date": "2017-12-04", "titles": {');
    await writeFile(path.join(project.out, 'third-statement/statement.json'), 'null\n');
    await writeFile(path.join(project.out, 'fourth-statement/statement.json'), '{"date": 20171204, "titles": {"en": "x", "es": "y"}}\n');
    await rm(path.join(project.out, 'fifth-statement/statement.json'));
    await mkdir(path.join(project.out, 'fifth-statement/statement.json'));
    await retitle(project, 'second-statement', 'A second statement, rebuilt');
    const result = await run(project, { slugs: ['second-statement'] });
    expect(result.diagnostics.filter(isError)).toEqual([]);
    const warnings = printed(result.diagnostics);
    expect(warnings).toMatch(/out\/complete-statement\/statement\.json: warning: the archive leaves out "complete-statement": it is not valid JSON \(.*\)\. Rebuild that statement \(statements build complete-statement\) to write it again \[archive\]/);
    expect(warnings).toMatch(/out\/third-statement\/statement\.json: warning: the archive leaves out "third-statement": it is not the manifest statements writes \(the whole file: .*\)\. Rebuild that statement/);
    expect(warnings).toMatch(/out\/fourth-statement\/statement\.json: warning: the archive leaves out "fourth-statement": it is not the manifest statements writes \(date: .*\)\. Rebuild/);
    expect(warnings).toMatch(/out\/fifth-statement\/statement\.json: warning: the archive leaves out "fifth-statement": could not read \S+statement\.json: it is a folder where a file belongs: move the folder away \(EISDIR\)\. Rebuild/);
    const archive = await readFile(path.join(project.out, 'index.html'), 'utf8');
    expect(archive).toContain('href="second-statement/en.html"');
    expect(archive).toContain('A second statement, rebuilt');
    for (const slug of ['complete-statement', 'third-statement', 'fourth-statement', 'fifth-statement']) expect(archive).not.toContain(`href="${slug}/en.html"`);
  });
});

describe('the output folder', () => {
  async function refused(project: Project, outDir: string): Promise<string> {
    const result = await build({ statementsDir: project.statements, outDir }, ctx);
    expect(result.built).toEqual([]);
    expect(result.failed).toEqual(['complete-statement', 'second-statement']);
    const errors = result.diagnostics.filter(isError);
    expect(errors).toHaveLength(1);
    return formatDiagnostic(errors[0]!);
  }

  it('a file is refused before anything is written', async () => {
    const project = await twoStatements();
    await writeFile(project.out, 'not a folder');
    expect(await refused(project, project.out)).toMatch(/out: error: cannot use this output folder: \S*out is a file, not a folder: move it away; or choose another folder with --out DIR \[out-folder\]$/);
    expect(existsSync(workDir(project.out))).toBe(false);
  });

  it('a folder below a file is refused', async () => {
    const project = await twoStatements();
    await writeFile(path.join(project.dir, 'site'), 'not a folder');
    expect(await refused(project, path.join(project.dir, 'site/out'))).toMatch(/cannot use this output folder: \S*site \(where \S*site\/out would be created\) is a file, not a folder/);
  });

  it('the statements folder, a folder inside it, or one holding it is refused', async () => {
    const project = await twoStatements();
    const before = await snapshot(project.statements);
    expect(await refused(project, project.statements)).toMatch(/error: the output folder is the statements folder: choose a folder outside it with --out \(e\.g\. --out \S*out\) \[out-folder\]/);
    expect(await refused(project, path.join(project.statements, 'complete-statement/site'))).toMatch(/error: the output folder is inside the statements folder \S*statements, where the build would write among the statements: choose a folder outside it with --out \(e\.g\. --out \S*out\)/);
    expect(await refused(project, project.dir)).toMatch(/error: the output folder holds the statements folder \S*statements, so the build would write among them: choose a folder beside it with --out/);
    expect(await snapshot(project.statements)).toEqual(before);
    expect(existsSync(workDir(project.statements))).toBe(false);
  });

  it('a symbolic link into the statements folder is seen through', async () => {
    const project = await twoStatements();
    const { symlink } = await import('node:fs/promises');
    await symlink(project.statements, path.join(project.dir, 'published'));
    expect(await refused(project, path.join(project.dir, 'published/site'))).toMatch(/the output folder is inside the statements folder/);
  });
});
