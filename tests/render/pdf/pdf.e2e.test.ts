import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, scratchProject, PROJECT_ROOT } from '../../helpers/cli.js';
import { fixtureStatement } from '../../helpers/context.js';
import { readPdf, squeeze, words, type PdfText } from '../../helpers/pdf.js';

const PDFS = ['en.pdf', 'es.pdf', 'bilingual.pdf'];
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

/** Words of the source as a reader would copy them: punctuation at the edges removed. */
function sourceWords(text: string): string[] {
  return words(text).map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')).filter(Boolean);
}

/** Every piece of text of a Markdown body, each leaf separately so words from two blocks never run together. */
function bodyText(body: Root): string {
  const parts: string[] = [];
  visit(body, (node) => {
    if (node.type === 'text' || node.type === 'inlineCode') parts.push(node.value);
  });
  return parts.join(' ');
}

function extractedWords(pdf: PdfText): Set<string> {
  return new Set(sourceWords(pdf.text));
}

async function writeStatement(project: string, slug: string, files: Record<string, string>): Promise<void> {
  await mkdir(path.join(project, 'statements', slug), { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(project, 'statements', slug, name), text);
}

describe('PDF output of a complete statement', () => {
  let project: string;
  const pdf: Record<string, Uint8Array> = {};
  const text: Record<string, PdfText> = {};

  beforeAll(async () => {
    project = await scratchProject(['complete-statement']);
    const result = await runCli(['build'], { cwd: project });
    expect(result.stderr).toBe(result.code === 0 ? result.stderr : '');
    expect(result.code).toBe(0);
    for (const file of PDFS) {
      pdf[file] = await readFile(path.join(project, 'out/complete-statement', file));
      text[file] = await readPdf(pdf[file]);
    }
  }, 120_000);

  it('writes en.pdf, es.pdf and bilingual.pdf that start as PDF files', () => {
    for (const file of PDFS) expect(latin1(pdf[file]!).slice(0, 8)).toBe('%PDF-1.7');
  });

  it('gives back every word of the title, body and footnotes in each language', async () => {
    const statement = await fixtureStatement('complete-statement');
    for (const lang of ['en', 'es'] as const) {
      const source = statement.text[lang];
      const expected = sourceWords([source.title, source.subtitle ?? '', bodyText(source.body)].join(' '));
      for (const file of [`${lang}.pdf`, 'bilingual.pdf']) {
        const found = extractedWords(text[file]!);
        const lost = expected.filter((word) => !found.has(word));
        expect(lost, `${file} lost words`).toEqual([]);
      }
    }
  });

  it('keeps reading order: a paragraph comes out as written', () => {
    expect(squeeze(text['en.pdf']!.text)).toContain(squeeze('First paragraph with strong, emphasis, strike and a link.'));
    expect(squeeze(text['es.pdf']!.text)).toContain(squeeze('Palabras citadas de una madre: ¿por qué esperar? ¡Ahora!'));
  });

  it('prints diacritics, the dateline, the release line, the end mark and the signatories', () => {
    const en = text['en.pdf']!.text;
    expect(en).toContain('Łódź');
    expect(en).toContain('Puerto Vallarta, México');
    expect(en).toMatch(/EMBARGOED UNTIL/);
    expect(en).toContain('###');
    expect(en).toContain('Zeta Network, Inc.');
    expect(en).toContain('University of Testing, Dept. of Air');
    expect(text['es.pdf']!.text).toMatch(/EMBARGADO HASTA/);
  });

  it('numbers pages in the footer in each language', () => {
    expect(text['en.pdf']!.pages[0]!.text).toMatch(/Page 1 of \d/);
    expect(text['es.pdf']!.pages[0]!.text).toMatch(/Página 1 de \d/);
    expect(text['bilingual.pdf']!.pages[0]!.text).toMatch(/Page 1 of \d+ · Página 1 de \d+/);
  });

  it('makes links clickable annotations, including autolinks and the contact email', () => {
    const links = text['en.pdf']!.pages.flatMap((page) => page.links);
    expect(links).toContain('https://example.org/clean-air');
    expect(links).toContain('https://example.org/data');
    expect(links).toContain('mailto:ana@test.example.org');
  });

  it('embeds and subsets every font, never a standard font', () => {
    for (const file of PDFS) {
      const raw = latin1(pdf[file]!);
      const fonts = [...raw.matchAll(/\/BaseFont \/([^\s/>]+)/g)].map((match) => match[1]!);
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) expect(font).toMatch(/^[A-Z]{6}\+Noto(Serif|Sans)/);
      expect(raw).not.toMatch(/Helvetica|Times-Roman/);
      expect((raw.match(/\/FontFile2/g) ?? []).length).toBe(new Set(fonts).size);
    }
  });

  it('sets title, author, subject, keywords, language, tags and an outline', () => {
    const en = text['en.pdf']!;
    expect(en.info.Title).toBe('Fixture coalition demands clean air near schools');
    expect(en.info.Author).toBe('Coalition for Rivers and Communities');
    expect(en.info.Subject).toMatch(/^A fixture statement used by the test suite/);
    expect(en.info.Keywords).toMatch(/press release/);
    expect(en.info.Language ?? latin1(pdf['en.pdf']!)).toMatch(/en/);
    expect(latin1(pdf['es.pdf']!)).toMatch(/\/Lang \(es\)/);
    expect(latin1(pdf['en.pdf']!)).toMatch(/\/StructTreeRoot/);
    for (const tag of ['/H1', '/H2', '/P', '/L', '/LI', '/Table', '/TD', '/BlockQuote', '/Figure']) expect(latin1(pdf['en.pdf']!)).toContain(`/S ${tag}`);
    expect(en.outline).toEqual(expect.arrayContaining(['Fixture coalition demands clean air near schools', 'Demands']));
    expect(text['bilingual.pdf']!.info.Title).toBe('Fixture coalition demands clean air near schools / Coalición de prueba exige aire limpio cerca de las escuelas');
  });

  it('is byte-identical when built again', async () => {
    const again = await runCli(['build'], { cwd: project });
    expect(again.code).toBe(0);
    for (const file of PDFS) expect(Buffer.compare(await readFile(path.join(project, 'out/complete-statement', file)), Buffer.from(pdf[file]!))).toBe(0);
  }, 60_000);
});

describe('PDF output of hostile and oversized input', () => {
  const longWord = `Donaudampfschifffahrt${'ł'.repeat(140)}${'x'.repeat(139)}`;
  let project: string;

  beforeAll(async () => {
    project = await scratchProject([]);
    const paragraphs = Array.from({ length: 50 }, (_, i) => `Paragraph ${i + 1} says the water belongs to everyone in the basin, downstream and upstream alike, and must be measured openly.`).join('\n\n');
    const signatories = ['name,type,affiliation,city,state,country,url', ...Array.from({ length: 2000 }, (_, i) => `Signatory Organisation Number ${i + 1},${i % 4 === 0 ? 'individual' : 'organization'},${i % 4 === 0 ? 'Hanoi Water Resources University' : ''},Hà Nội,,Việt Nam,`)].join('\n');
    await writeStatement(project, 'huge', {
      'en.md': `---\ntitle: "Huge statement"\ndate: 2026-01-05\n---\n\nA word: ${longWord} ends here. A link: https://example.org/${'very-long-path-segment/'.repeat(12)}end\n\n${paragraphs}\n\n| A | B |\n|---|---|\n| ${longWord} | short |\n`,
      'es.md': `---\ntitle: "Declaración enorme"\n---\n\nUna palabra: ${longWord} termina aquí.\n\n${paragraphs}\n`,
      'signatories.csv': signatories,
    });
  });

  it('builds correct multi-page PDFs where no text leaves the page', async () => {
    const result = await runCli(['build'], { cwd: project });
    expect(result.stderr).toMatch(/huge … ok/);
    for (const file of PDFS) {
      const pdf = await readPdf(await readFile(path.join(project, 'out/huge', file)));
      expect(pdf.pages.length).toBeGreaterThan(20);
      for (const page of pdf.pages) for (const right of page.rightEdges) expect(right).toBeLessThanOrEqual(page.width - 40);
      const squeezed = squeeze(pdf.text);
      expect(squeezed).toContain(longWord);
      expect(squeezed).toContain('SignatoryOrganisationNumber2000');
      if (file !== 'es.pdf') expect(squeezed).toContain('Paragraph50says');
    }
  }, 120_000);

  it('fails with the character, its code point, file:line and how to add a fallback font when no font has a glyph', async () => {
    await writeStatement(project, 'arabic', {
      'en.md': '---\ntitle: "Greetings"\ndate: 2026-01-05\n---\n\nHello and مرحبا to all.\n',
      'es.md': '---\ntitle: "Saludos"\n---\n\nHola a todos.\n',
    });
    const result = await runCli(['build', 'arabic'], { cwd: project });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/statements\/arabic\/en\.md:6:11: error: character "م" \(U\+0645\)/);
    expect(result.stderr).toMatch(/fallback/);
  }, 60_000);

  it('draws exactly the missing characters with a configured fallback font', async () => {
    await writeStatement(project, 'devanagari', {
      'en.md': '---\ntitle: "Namaste"\ndate: 2026-01-05\n---\n\nA greeting: नमस्ते to all.\n',
      'es.md': '---\ntitle: "Namaste"\n---\n\nUn saludo: नमस्ते a todos.\n',
    });
    const failed = await runCli(['build', 'devanagari'], { cwd: project });
    expect(failed.stderr).toMatch(/U\+0928/);
    await mkdir(path.join(project, 'fonts'), { recursive: true });
    await copyFile(path.join(PROJECT_ROOT, 'node_modules/@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'), path.join(project, 'fonts/fallback.ttf'));
    const config = await readFile(path.join(project, 'publisher.yaml'), 'utf8');
    await writeFile(path.join(project, 'publisher.yaml'), config.replace(/^pdf:\n/m, 'pdf:\n  fonts:\n    fallback: fonts/fallback.ttf\n'));
    const result = await runCli(['build', 'devanagari'], { cwd: project });
    expect(result.code).toBe(0);
    const pdf = await readPdf(await readFile(path.join(project, 'out/devanagari/en.pdf')));
    expect(pdf.text).toContain('A greeting:');
    expect(squeeze(pdf.text)).toMatch(/नमस/);
  }, 60_000);
});
