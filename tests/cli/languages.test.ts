import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { visit } from 'unist-util-visit';
import type { Text } from 'mdast';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli, scratchProject } from '../helpers/cli.js';
import { parseEml } from '../helpers/email.js';
import { elements, parseHtml, text } from '../helpers/html.js';
import { loadBody } from '../helpers/markdown.js';
import { readPdf, squeeze } from '../helpers/pdf.js';

const SLUG = 'three-languages';

/** A scratch project whose publisher.yaml lists `languages` (and a publisher name in each). */
async function projectIn(languages: string, extraNames: Record<string, string> = { pt: 'Coalizão pelos Rios e Comunidades' }): Promise<string> {
  const dir = await scratchProject([SLUG]);
  const config = path.join(dir, 'publisher.yaml');
  const names = Object.entries(extraNames).map(([lang, name]) => `\n  ${lang}: ${name}`).join('');
  const text = (await readFile(config, 'utf8'))
    .replace(/^languages: \[en, es\]$/m, `languages: ${languages}`)
    .replace(/^( {2}es: Coalición por los Ríos y las Comunidades)$/m, `$1${names}`);
  await writeFile(config, text);
  return dir;
}

/** Every piece of text of a Markdown body, as the reader sees it. */
function bodyPieces(markdown: string): string[] {
  const pieces: string[] = [];
  visit(loadBody(markdown.replace(/^---[\s\S]*?---\n/, '')), 'text', (node: Text) => {
    for (const line of node.value.split('\n')) if (line.trim()) pieces.push(line.trim());
  });
  return pieces;
}

describe('a third language, end to end through the CLI', () => {
  it('builds pt.html, pt.pdf, pt.eml and the en-pt pair in Portuguese words; the first pair keeps the bilingual names', async () => {
    const dir = await projectIn('[en, es, pt]');
    const result = await runCli(['build'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const out = path.join(dir, 'out', SLUG);
    expect((await readdir(out)).sort()).toEqual(
      ['bilingual.eml', 'bilingual.pdf', 'en-pt.eml', 'en-pt.html', 'en-pt.pdf', 'en.eml', 'en.html', 'en.pdf', 'en.png', 'es.eml', 'es.html', 'es.pdf', 'es.png', 'index.html', 'pt.eml', 'pt.html', 'pt.pdf', 'pt.png', 'statement.json'].sort(),
    );
    const source = await readFile(path.join(FIXTURES, SLUG, 'pt.md'), 'utf8');
    const pieces = bodyPieces(source);
    expect(pieces.length).toBeGreaterThan(10);

    const page = parseHtml(await readFile(path.join(out, 'pt.html'), 'utf8'));
    const main = text(elements(page, (node) => node.tagName === 'main')[0]!);
    expect(elements(page, (node) => node.tagName === 'html')[0]?.properties.lang).toBe('pt');
    expect(main).toContain('Sob embargo até 5 de dezembro de 2017');
    expect(main).toContain('Puerto Vallarta, México, 4 de dezembro de 2017');
    expect(main).toContain('Signatários');
    for (const piece of pieces) expect(main).toContain(piece);
    const links = elements(page, (node) => node.tagName === 'a' && node.properties.hrefLang !== undefined).map((node) => String(node.properties.href));
    expect(links).toEqual(expect.arrayContaining(['en.html', 'es.html', 'en-pt.html']));
    const alternates = elements(page, (node) => node.tagName === 'link' && node.properties.rel?.toString() === 'alternate' && node.properties.type === undefined).map((node) => node.properties.hrefLang);
    expect(alternates).toEqual(['en', 'es', 'pt', 'x-default']);

    const pdf = squeeze((await readPdf(await readFile(path.join(out, 'pt.pdf')))).text);
    for (const words of ['SOBEMBARGOATÉ5DEDEZEMBRODE2017', 'PuertoVallarta,México,4dedezembrode2017', 'Signatários', ...pieces]) expect(pdf).toContain(squeeze(words));
    const pair = squeeze((await readPdf(await readFile(path.join(out, 'en-pt.pdf')))).text);
    expect(pair).toContain(squeeze('Coalizão de teste exige ar limpo perto das escolas'));
    expect(pair).toContain(squeeze('Fixture coalition demands clean air near schools'));
    expect(pair).not.toContain(squeeze('Coalición de prueba'));

    const mail = await parseEml(await readFile(path.join(out, 'pt.eml')));
    expect(mail.subject).toBe('Coalizão de teste exige ar limpo perto das escolas');
    expect(mail.headers.get('content-language')).toBe('pt');
    const pairMail = await parseEml(await readFile(path.join(out, 'en-pt.eml')));
    expect(pairMail.subject).toBe('Fixture coalition demands clean air near schools / Coalizão de teste exige ar limpo perto das escolas');
    expect(pairMail.headers.get('content-language')).toBe('en, pt');
    expect((pairMail.text as string).split('\n')).toContain('Versão em português abaixo');
    const below = elements(parseHtml(pairMail.html as string), (node) => node.tagName === 'a' && node.properties.href === '#pt');
    expect(below.map(text)).toEqual(['Versão em português abaixo']);
    expect(elements(parseHtml(pairMail.html as string), (node) => node.properties.id === 'pt')).toHaveLength(1);
    const bilingual = await parseEml(await readFile(path.join(out, 'bilingual.eml')));
    expect(bilingual.headers.get('content-language')).toBe('en, es');

    const archive = await readFile(path.join(dir, 'out', 'index.html'), 'utf8');
    expect(archive).toContain('href="three-languages/pt.html"');
    expect(archive).toContain('href="three-languages/en-pt.html"');
  }, 60_000);

  it('a dry-run send gives pt, en-pt, es and default readers the message each asked for', async () => {
    const dir = await projectIn('[en, es, pt]');
    await writeFile(path.join(dir, 'list.csv'), 'email,name,language\npt@example.net,Paula,pt\npair@example.net,Pedro,en-pt\nes@example.net,Elena,es\nany@example.net,Ana,\nboth@example.net,Bea,en-es\n');
    const result = await runCli(['send', SLUG, '--to', 'list.csv', '--dry-run'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const outbox = path.join(dir, '.statements', 'outbox', SLUG);
    const got = new Map<string, { language: string; subject: string }>();
    for (const name of await readdir(outbox)) {
      const mail = await parseEml(await readFile(path.join(outbox, name)));
      got.set(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]!.address! : '', { language: String(mail.headers.get('content-language')), subject: mail.subject ?? '' });
    }
    expect(Object.fromEntries(got)).toEqual({
      'pt@example.net': { language: 'pt', subject: 'Coalizão de teste exige ar limpo perto das escolas' },
      'pair@example.net': { language: 'en, pt', subject: 'Fixture coalition demands clean air near schools / Coalizão de teste exige ar limpo perto das escolas' },
      'es@example.net': { language: 'es', subject: 'Coalición de prueba exige aire limpio cerca de las escuelas' },
      'any@example.net': { language: 'en, es', subject: 'Fixture coalition demands clean air near schools / Coalición de prueba exige aire limpio cerca de las escuelas' },
      'both@example.net': { language: 'en, es', subject: 'Fixture coalition demands clean air near schools / Coalición de prueba exige aire limpio cerca de las escuelas' },
    });
  }, 60_000);

  it('a translation the statement lacks: published without it (a warning), and a reader who asks for it stops the send', async () => {
    const dir = await projectIn('[en, es, pt]');
    await rm(path.join(dir, 'statements', SLUG, 'pt.md'));
    const result = await runCli(['build'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/statements\/three-languages: warning: no pt\.md: this statement is published without its Portuguese translation/);
    const files = await readdir(path.join(dir, 'out', SLUG));
    expect(files.filter((file) => file.includes('pt'))).toEqual([]);
    await writeFile(path.join(dir, 'list.csv'), 'email,language\nes@example.net,es\npt@example.net,pt\n');
    const send = await runCli(['send', SLUG, '--to', 'list.csv', '--dry-run'], { cwd: dir });
    expect(send.code).toBe(1);
    expect(send.stderr).toMatch(/list\.csv:3:1: error: pt@example\.net asks for the `pt` email, which three-languages does not have \(it has en, es, bilingual\)/);
  }, 60_000);

  it('scaffolds one file per configured language, each from its own template, and the statement builds', async () => {
    const dir = await projectIn('[en, es, pt, fr]', { pt: 'Coalizão pelos Rios e Comunidades', fr: 'Coalition pour les rivières et les communautés' });
    const created = await runCli(['new', 'nova'], { cwd: dir });
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('with en.md, es.md, pt.md, fr.md, signatories.csv.');
    expect(await readFile(path.join(dir, 'statements/nova/fr.md'), 'utf8')).toContain('Le titre, en français');
    const built = await runCli(['build', 'nova'], { cwd: dir });
    expect(built.code, built.stderr).toBe(0);
    const page = await readFile(path.join(dir, 'out/nova/fr.html'), 'utf8');
    expect(page).toContain('Pour diffusion immédiate');
    expect(page).toContain('Courriel\u00a0: ');
  }, 60_000);
});

describe('languages in publisher.yaml that cannot be used', () => {
  it.each([
    ['a language without locale files', 'languages: [en, de]', /^publisher\.yaml:\d+:\d+: error: language `de` has no locale folder .*locales\/de\/ \(ENOENT\): add it with the words .* \[locales\]$/m],
    ['a right-to-left language', 'languages: [en, ar]', /^publisher\.yaml:\d+:\d+: error: `languages\.1` `ar` is written right to left, which the pages, PDFs and emails do not support yet: remove it/m],
    ['a pair naming an unknown language', 'languages: [en, es]\npairs: [en-pt]', /^publisher\.yaml:\d+:\d+: error: .*pairs `en-pt` names `pt`, which `languages` does not list/m],
  ])('%s is an error at its line, and nothing is built', async (_, setting, message) => {
    const dir = await projectIn('[en, es]', {});
    const config = path.join(dir, 'publisher.yaml');
    // One name for every language, so the name is not what the config lacks.
    const oneName = (await readFile(config, 'utf8')).replace(/^name:\n(?: {2}.*\n)+/m, 'name: Coalition for Rivers and Communities\n');
    await writeFile(config, oneName.replace(/^languages: \[en, es\]$/m, setting));
    const result = await runCli(['build'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    const line = (await readFile(config, 'utf8')).split('\n').findIndex((text) => text.startsWith(setting.split('\n').at(-1)!.split(':')[0]!)) + 1;
    expect(result.stderr).toContain(`publisher.yaml:${line}:`);
    await mkdir(path.join(dir, 'out'), { recursive: true });
    expect(await readdir(path.join(dir, 'out'))).toEqual([]);
  }, 30_000);
});
