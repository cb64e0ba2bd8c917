import { cp, readdir, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build/build.js';
import { cacheDir } from '../../src/build/cache.js';
import { createRenderContext, projectPaths } from '../../src/build/context.js';
import { projectDigests } from '../../src/build/snapshot.js';
import { nodeWriteFs, type WriteFs } from '../../src/build/write.js';
import { formatDiagnostic } from '../../src/model/diagnostic.js';
import { PROJECT_ROOT, scratchProject } from '../helpers/cli.js';
import { listFiles, sameFiles, snapshot } from './files.js';

const SLUGS = ['clean-air', 'water-rights'];
const NOW = new Date('2026-11-20T12:00:00Z');
const FONTS = path.join(PROJECT_ROOT, 'node_modules/@expo-google-fonts');

/** Two statements, and the project's own templates, locales and a PDF font of its own, so each can be edited. */
async function project(): Promise<string> {
  const dir = await scratchProject([]);
  const fixture = await scratchProject(['complete-statement']);
  for (const slug of SLUGS) await cp(path.join(fixture, 'statements/complete-statement'), path.join(dir, 'statements', slug), { recursive: true });
  for (const folder of ['templates', 'locales']) await cp(path.join(PROJECT_ROOT, folder), path.join(dir, folder), { recursive: true });
  await cp(path.join(FONTS, 'noto-sans-symbols/400Regular/NotoSansSymbols_400Regular.ttf'), path.join(dir, 'own-font.ttf'));
  await edit(dir, 'publisher.yaml', (text) => `${text.trimEnd()}\n`.replace(/^pdf:\n/m, 'pdf:\n  fonts:\n    fallback: own-font.ttf\n'));
  return dir;
}

async function edit(dir: string, file: string, change: (text: string) => string): Promise<void> {
  const full = path.join(dir, file);
  const before = await readFile(full, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`editing ${file} changed nothing`);
  await writeFile(full, after);
}

/** `statements build` as the CLI runs it (the config, templates and locales read again each time), into `out`. */
async function buildIn(dir: string, { out = 'out', clean = false, fs, now = NOW, force, slugs }: { out?: string; clean?: boolean; fs?: WriteFs; now?: Date; force?: boolean; slugs?: string[] } = {}): Promise<BuildResult> {
  const paths = projectPaths(dir);
  const context = await createRenderContext(paths);
  if (!context.value) throw new Error(context.diagnostics.map(formatDiagnostic).join('\n'));
  const cache = { project: await projectDigests(paths, context.value.config), clean };
  return build({ statementsDir: path.join(dir, 'statements'), outDir: path.join(dir, out), now, cache, fs, force, slugs }, context.value);
}

/** Which files of out/ a build wrote: each file's inode and modification time, before and after. */
async function identities(out: string): Promise<Map<string, string>> {
  const files = await listFiles(out);
  return new Map(await Promise.all(files.map(async (file) => {
    const info = await stat(path.join(out, file));
    return [file, `${info.ino}:${info.mtimeMs}`] as const;
  })));
}

function rewritten(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after].filter(([file, id]) => before.get(file) !== id).map(([file]) => file).sort();
}

/** The output of a clean build of the same inputs, into another folder: the cached build must equal it byte for byte. */
async function expectSameAsClean(dir: string): Promise<void> {
  await rm(path.join(dir, 'out-clean'), { recursive: true, force: true });
  const clean = await buildIn(dir, { out: 'out-clean', clean: true });
  expect(clean.failed).toEqual([]);
  expect(sameFiles(await snapshot(path.join(dir, 'out')), await snapshot(path.join(dir, 'out-clean')))).toBe(true);
}

const of = (slug: string, pattern: RegExp) => (file: string) => file.startsWith(`${slug}/`) && pattern.test(file);
/** A file of a statement's folder (not the archive or the logo). */
const inStatement = (pattern: RegExp) => (file: string) => SLUGS.some((slug) => of(slug, pattern)(file));

describe('the build cache', () => {
  it('a build with nothing changed makes and writes nothing', async () => {
    const dir = await project();
    const first = await buildIn(dir);
    expect(first.built).toEqual(SLUGS);
    expect(first.upToDate).toEqual([]);
    const before = await identities(path.join(dir, 'out'));
    const again = await buildIn(dir);
    expect(again.upToDate).toEqual(SLUGS);
    expect(again.built).toEqual(SLUGS);
    expect(rewritten(before, await identities(path.join(dir, 'out')))).toEqual([]);
  });

  // Each edit: which files of out/ are written again (by a pattern), then the whole out/ equals a clean build.
  const edits: { what: string; change: (dir: string) => Promise<void>; remade: (file: string) => boolean }[] = [
    {
      what: "a statement's translation: that statement only",
      change: (dir) => edit(dir, 'statements/water-rights/es.md', (text) => text.replace(/^title: .*$/m, 'title: "Derechos del agua, segunda versión"')),
      remade: of('water-rights', /./),
    },
    {
      what: 'the email stylesheet: every email, nothing else',
      change: (dir) => edit(dir, 'templates/email/style.css', (text) => `${text}\n.footer { letter-spacing: 0.01em; }\n`),
      remade: inStatement(/\.(eml|json)$/),
    },
    {
      what: 'a page template: every page, nothing else',
      change: (dir) => edit(dir, 'templates/html/page.hbs', (text) => text.replace('</body>', '<!-- edited -->\n</body>')),
      remade: inStatement(/\.(html|json)$/),
    },
    {
      what: 'a UI string: every output that may show it (a share image shows none)',
      change: (dir) => edit(dir, 'locales/es/ui.json', (text) => text.replace(/"([^"]+)": "([^"]+)"/, '"$1": "$2 (editado)"')),
      remade: inStatement(/\.(html|eml|pdf|json)$/),
    },
    {
      what: 'the config: everything',
      change: (dir) => edit(dir, 'publisher.yaml', (text) => text.replace('accent: "#b5462b"', 'accent: "#a5362b"')),
      remade: inStatement(/./),
    },
    {
      what: "the coalition's own PDF font: every PDF and share image, nothing else",
      change: (dir) => cp(path.join(FONTS, 'noto-sans-symbols-2/400Regular/NotoSansSymbols2_400Regular.ttf'), path.join(dir, 'own-font.ttf')),
      remade: inStatement(/\.(pdf|png|json)$/),
    },
  ];

  // One project, edited again and again: each edit's "before" is the build after the edit before it.
  describe('remakes exactly what an edit affects, byte-identical to a clean build', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await project();
      expect((await buildIn(dir)).built).toEqual(SLUGS);
    });
    for (const { what, change, remade } of edits) {
      it(what, async () => {
        const out = path.join(dir, 'out');
        const before = await identities(out);
        await change(dir);
        const result = await buildIn(dir);
        expect(result.failed).toEqual([]);
        const expected = [...before.keys()].filter(remade).sort();
        expect(expected.length).toBeGreaterThan(0);
        // The manifest of a statement is written whenever any file of it is; the site's files (archive, feeds, sitemap) when what they list changed.
        expect(rewritten(before, await identities(out)).filter((file) => file.includes('/'))).toEqual(expected);
        await expectSameAsClean(dir);
      });
    }
  });

  it('PDFs built with --force and held back by the next build without it are removed, as a clean build leaves them', async () => {
    const dir = await project();
    // A signatory whose name no PDF font can print: the glyphs check holds back the PDFs only.
    await edit(dir, 'statements/clean-air/signatories.csv', (text) => text.replace('Ábaco Colectivo', 'Ábaco Colectivo 𐀀'));
    const forced = await buildIn(dir, { force: true });
    expect(forced.built).toEqual(SLUGS);
    expect(await listFiles(path.join(dir, 'out/clean-air'))).toContain('en.pdf');
    const held = await buildIn(dir);
    expect(held.incomplete).toEqual([{ slug: 'clean-air', missing: ['en.pdf', 'es.pdf', 'bilingual.pdf'] }]);
    expect((await listFiles(path.join(dir, 'out/clean-air'))).filter((file) => file.endsWith('.pdf'))).toEqual([]);
    await expectSameAsClean(dir);
  });

  it('follows a template that is a symbolic link, as the template loader does', async () => {
    const dir = await project();
    const shared = path.join(dir, 'brand.css');
    await rename(path.join(dir, 'templates/email/style.css'), shared);
    await symlink(shared, path.join(dir, 'templates/email/style.css'));
    await buildIn(dir);
    await edit(dir, 'brand.css', (text) => `${text}\n.footer { letter-spacing: 0.02em; }\n`);
    expect((await buildIn(dir)).upToDate).toEqual([]);
    await expectSameAsClean(dir);
  });

  it('--clean makes everything again, with the same bytes', async () => {
    const dir = await project();
    await buildIn(dir);
    const out = path.join(dir, 'out');
    const before = await identities(out);
    const bytes = await snapshot(out);
    const result = await buildIn(dir, { clean: true });
    expect(result.upToDate).toEqual([]);
    const statementFiles = [...before.keys()].filter(inStatement(/./));
    expect(rewritten(before, await identities(out)).filter(inStatement(/./))).toEqual(statementFiles);
    expect(sameFiles(await snapshot(out), bytes)).toBe(true);
  });

  it('a published file changed or removed by hand is made again', async () => {
    const dir = await project();
    await buildIn(dir);
    const out = path.join(dir, 'out');
    await writeFile(path.join(out, 'clean-air/en.html'), '<p>edited by hand</p>');
    await rm(path.join(out, 'water-rights/es.pdf'));
    const result = await buildIn(dir);
    expect(result.upToDate).toEqual([]);
    await expectSameAsClean(dir);
  });
});

describe('a crash while the cache is written leaves a build that is still correct', () => {
  it('a cache entry that cannot be written: a warning, the statement published, made again next time', async () => {
    const dir = await project();
    await buildIn(dir);
    await edit(dir, 'statements/clean-air/en.md', (text) => text.replace(/^title: .*$/m, 'title: "Clean air, revised"'));
    const fs: WriteFs = {
      ...nodeWriteFs,
      async writeFile(file, data) {
        if (file.includes('clean-air.json')) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
        return nodeWriteFs.writeFile(file, data);
      },
    };
    const result = await buildIn(dir, { fs });
    expect(result.built).toEqual(SLUGS);
    const warning = result.diagnostics.find((d) => d.ruleId === 'write');
    expect(warning && formatDiagnostic(warning)).toMatch(/warning: could not write .*cache.*the disk is full.*clean-air is published; the next build makes it again/);
    // The old entry still describes the old files: the statement is not taken as up to date.
    const next = await buildIn(dir);
    expect(next.upToDate).toEqual(['water-rights']);
    await expectSameAsClean(dir);
  });

  it('an entry left half written or damaged is ignored, never trusted', async () => {
    const dir = await project();
    await buildIn(dir);
    const entries = cacheDir(path.join(dir, 'out'));
    expect((await readdir(entries)).sort()).toEqual(SLUGS.map((slug) => `${slug}.json`));
    const text = await readFile(path.join(entries, 'clean-air.json'), 'utf8');
    await writeFile(path.join(entries, 'clean-air.json'), text.slice(0, text.length / 2));
    await writeFile(path.join(entries, 'water-rights.json'), text.replace(/"key":"[0-9a-f]+"/g, '"key":42'));
    await edit(dir, 'statements/clean-air/es.md', (t) => t.replace(/^title: .*$/m, 'title: "Aire limpio, revisado"'));
    const result = await buildIn(dir);
    expect(result.upToDate).toEqual([]);
    await expectSameAsClean(dir);
    expect((await buildIn(dir)).upToDate).toEqual(SLUGS);
  });
});

describe('the build cache and embargoes', () => {
  // water-rights is embargoed until 3 December 2026, 09:00 in Mexico City (15:00 UTC): an hour before and after,
  // the same day, so the checks' findings still hold and only the embargo tells the builds apart.
  const BEFORE = new Date('2026-12-03T14:00:00Z');
  const AFTER = new Date('2026-12-03T16:00:00Z');
  const embargoed = async () => {
    const dir = await project();
    await edit(dir, 'statements/water-rights/en.md', (text) => text.replace(/^embargo: .*$/m, 'embargo: 2026-12-03T09:00:00-06:00'));
    return dir;
  };
  const inOut = async (dir: string) => listFiles(path.join(dir, 'out'));
  const PRESS_COPIES = ['bilingual.eml', 'bilingual.pdf', 'en.eml', 'en.pdf', 'es.eml', 'es.pdf'];

  it('a statement published after its embargo and built again before it (re-embargoed) leaves out/, its archive entry and its cache entry', async () => {
    const dir = await embargoed();
    expect((await buildIn(dir, { now: AFTER })).built).toEqual(SLUGS);
    expect(await inOut(dir)).toContain('water-rights/en.html');
    expect(await readdir(cacheDir(path.join(dir, 'out')))).toContain('water-rights.json');

    const before = await buildIn(dir, { now: BEFORE });
    expect(before.embargoed).toEqual([{ slug: 'water-rights', until: 'December 3, 2026 at 9:00 AM Central Standard Time' }]);
    expect(before.built).toEqual(['clean-air']);
    expect(before.upToDate).toEqual(['clean-air']);
    expect((await inOut(dir)).filter((file) => file.includes('water-rights'))).toEqual([]);
    expect(await readFile(path.join(dir, 'out/index.html'), 'utf8')).not.toContain('water-rights');
    expect(await readdir(cacheDir(path.join(dir, 'out')))).not.toContain('water-rights.json');
    expect(await listFiles(path.join(dir, 'embargoed/water-rights'))).toEqual(PRESS_COPIES);
    // Nothing the build leaves behind holds the folder it took out.
    expect((await listFiles(path.join(dir, '.statements'))).filter((file) => !file.startsWith('build/cache/'))).toEqual([]);
  });

  it('leaves the archive before its folder leaves out/: a build stopped in between never lists it', async () => {
    const dir = await embargoed();
    await buildIn(dir, { now: AFTER });
    const title = 'water-rights/en.html';
    expect(await readFile(path.join(dir, 'out/index.html'), 'utf8')).toContain(title);
    // The build stops (a full disk, or a kill) just as the folder is taken out.
    const fs: WriteFs = {
      ...nodeWriteFs,
      async rename(from, to) {
        if (from === path.join(dir, 'out/water-rights')) throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO', syscall: 'rename' });
        return nodeWriteFs.rename(from, to);
      },
    };
    const stopped = await buildIn(dir, { now: BEFORE, fs });
    expect(stopped.failed).toEqual(['water-rights']);
    expect(stopped.diagnostics.map(formatDiagnostic).join('\n')).toMatch(/water-rights is under embargo but may still be in \S*out\/water-rights\/: remove that folder, and do not deploy \S*out\/ until you have/);
    expect(await readFile(path.join(dir, 'out/index.html'), 'utf8')).not.toContain(title);
    expect((await buildIn(dir, { now: BEFORE })).embargoed.map(({ slug }) => slug)).toEqual(['water-rights']);
    expect((await inOut(dir)).filter((file) => file.includes('water-rights'))).toEqual([]);
  });

  it('a build of another statement, or one that cannot make it, takes it out of out/ all the same (by its last record)', async () => {
    const dir = await embargoed();
    await buildIn(dir, { now: AFTER });
    const other = await buildIn(dir, { now: BEFORE, slugs: ['clean-air'] });
    expect(other.diagnostics.map(formatDiagnostic).join('\n')).toMatch(/warning: water-rights is under embargo until 2026-12-03T09:00:00-06:00 \(as last built\): taken out of \S*out\/; build it to make its embargoed copies \[embargo\]/);
    expect((await inOut(dir)).filter((file) => file.includes('water-rights'))).toEqual([]);
    expect(await readFile(path.join(dir, 'out/index.html'), 'utf8')).not.toContain('water-rights');

    await buildIn(dir, { now: AFTER });
    expect(await inOut(dir)).toContain('water-rights/en.html');
    // Its translation broken (a paragraph dropped): the statement cannot be made, and still leaves out/.
    await edit(dir, 'statements/water-rights/es.md', (text) => text.replace(/\n\n[^\n]+\n*$/, '\n'));
    const broken = await buildIn(dir, { now: BEFORE });
    expect(broken.failed).toEqual(['water-rights']);
    expect((await inOut(dir)).filter((file) => file.includes('water-rights'))).toEqual([]);
  });

  it('a statement under embargo never appears in out/; its embargoed copies are made again only when an input or a copy changed', async () => {
    const dir = await embargoed();
    const copies = path.join(dir, 'embargoed');
    const builds: BuildResult[] = [];
    const made: string[][] = [];
    const again = async (options: { clean?: boolean } = {}) => {
      const before = await identities(copies).catch(() => new Map<string, string>());
      const result = await buildIn(dir, { now: BEFORE, ...options });
      builds.push(result);
      made.push(rewritten(before, await identities(copies)));
      expect(result.embargoed.map(({ slug }) => slug)).toEqual(['water-rights']);
      expect(result.upToDate).not.toContain('water-rights');
      expect((await inOut(dir)).filter((file) => file.includes('water-rights'))).toEqual([]);
    };
    const all = PRESS_COPIES.map((file) => `water-rights/${file}`);
    await again();
    await again();
    expect(made).toEqual([all, []]);
    expect(builds[1]!.diagnostics.map(formatDiagnostic)).toEqual(builds[0]!.diagnostics.map(formatDiagnostic));
    expect(builds[1]!.embargoed).toEqual(builds[0]!.embargoed);

    await edit(dir, 'statements/water-rights/es.md', (text) => `${text.trimEnd()} Revisado.\n`);
    await again();
    await rm(path.join(copies, 'water-rights/es.pdf'));
    await again();
    await again({ clean: true });
    expect(made.slice(2)).toEqual([all, all, all]);
    expect(await listFiles(path.join(copies, 'water-rights'))).toEqual(PRESS_COPIES);
  });

  it('the first build after the embargo publishes it everywhere and removes its embargoed copies: out/ equals a clean build', async () => {
    const dir = await embargoed();
    await buildIn(dir, { now: BEFORE });
    expect(await listFiles(path.join(dir, 'embargoed/water-rights'))).toEqual(PRESS_COPIES);
    const after = await buildIn(dir, { now: AFTER });
    expect(after.built).toEqual(SLUGS);
    expect(after.embargoed).toEqual([]);
    expect(await readdir(path.join(dir, 'embargoed'))).toEqual([]);
    expect(await readFile(path.join(dir, 'out/index.html'), 'utf8')).toContain('water-rights/en.html');
    await rm(path.join(dir, 'out-clean'), { recursive: true, force: true });
    expect((await buildIn(dir, { out: 'out-clean', clean: true, now: AFTER })).built).toEqual(SLUGS);
    expect(sameFiles(await snapshot(path.join(dir, 'out')), await snapshot(path.join(dir, 'out-clean')))).toBe(true);
  });
});
