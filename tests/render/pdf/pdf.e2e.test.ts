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
    // Stamped, so that its build has nothing to warn about (the fixture's translation follows its original).
    expect((await runCli(['stamp', 'complete-statement'], { cwd: project })).code).toBe(0);
    const result = await runCli(['build'], { cwd: project });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/complete-statement … ok/);
    expect(result.stderr).not.toMatch(/: (error|warning): /);
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
      const source = statement.text[lang]!;
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
    expect(en.info.Language).toBe('en');
    expect(text['es.pdf']!.info.Language).toBe('es');
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
      'es.md': `---\ntitle: "Declaración enorme"\n---\n\nUna palabra: ${longWord} termina aquí. Un enlace: https://example.org/${'very-long-path-segment/'.repeat(12)}end\n\n${paragraphs}\n\n| A | B |\n|---|---|\n| ${longWord} | corto |\n`,
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

  it('fails with the character, its code point, the exact place, that HTML and email are not affected, and how to add a font', async () => {
    // The character sits on the second line of the paragraph (line 7), after a soft line break.
    await writeStatement(project, 'ethiopic', {
      'en.md': '---\ntitle: "Greetings ሀ"\ndate: 2026-01-05\n---\n\nOur partners in Addis Ababa\nsend their greeting: ሰላም to all.\n\n> A quoted line\n> and ጤና here.\n',
      'es.md': '---\ntitle: "Saludos"\n---\n\nNuestros socios envían un saludo.\n\n> Una línea citada.\n',
    });
    const result = await runCli(['build', 'ethiopic'], { cwd: project });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/statements\/ethiopic\/en\.md:7:22: error: characters "ሰላም" \(U\+1230, U\+120B, U\+121D\) cannot be printed in the PDF.*\[glyphs\]/);
    expect(result.stderr).toMatch(/statements\/ethiopic\/en\.md:10:7: error: characters "ጤና" \(U\+1324, U\+1293\)/);
    // In the title, counted from the value's own column.
    expect(result.stderr).toMatch(/statements\/ethiopic\/en\.md:2:19: error: character "ሀ" \(U\+1200\)/);

    expect(result.stderr).toMatch(/The HTML page and the email of this statement are still built/);
    expect(result.stderr).toMatch(/Ethiopic script/);
    expect(result.stderr).toMatch(/pdf: \{ fonts: \{ fallback: fonts\/YourFont\.ttf \} \}/);
    expect(result.stderr, 'a crash').not.toMatch(/could not build|^\s+at /m);
  }, 60_000);

  it('draws a character with the coalition’s own fallback font before the bundled ones', async () => {
    await writeStatement(project, 'devanagari', {
      'en.md': '---\ntitle: "Namaste"\ndate: 2026-01-05\n---\n\nA greeting: नमस्ते to all.\n',
      'es.md': '---\ntitle: "Namaste"\n---\n\nUn saludo: नमस्ते a todos.\n',
    });
    const fontsOf = (bytes: Uint8Array) => [...latin1(bytes).matchAll(/\/BaseFont \/[A-Z]{6}\+([^\s/>]+)/g)].map((match) => match[1]!);
    const bundled = await runCli(['build', 'devanagari'], { cwd: project });
    expect(bundled.code, bundled.stderr).toBe(0);
    expect(fontsOf(await readFile(path.join(project, 'out/devanagari/en.pdf')))).toContain('NotoSansDevanagari-Regular');
    await mkdir(path.join(project, 'fonts'), { recursive: true });
    await copyFile(path.join(PROJECT_ROOT, 'node_modules/@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'), path.join(project, 'fonts/own.ttf'));
    const config = await readFile(path.join(project, 'publisher.yaml'), 'utf8');
    await writeFile(path.join(project, 'publisher.yaml'), config.replace(/^pdf:\n/m, 'pdf:\n  fonts:\n    fallback:\n      - fonts/own.ttf\n'));
    const own = await runCli(['build', 'devanagari'], { cwd: project });
    expect(own.code, own.stderr).toBe(0);
    const bytes = await readFile(path.join(project, 'out/devanagari/en.pdf'));
    expect(fontsOf(bytes)).toContain('NotoSans-Regular');
    expect(fontsOf(bytes)).not.toContain('NotoSansDevanagari-Regular');
    expect(squeeze((await readPdf(bytes)).text)).toContain('Agreeting:नमस्तेtoall.');
    await writeFile(path.join(project, 'publisher.yaml'), config);
  }, 60_000);

  it('breaks a very long word in a table cell and a signatory name, continuing a row taller than a page on the next', async () => {
    const word = 'Wasserversorgungsgemeinschaft'.repeat(600);
    // As long as a signatory's name may be (500 characters), and one word.
    const name = 'Flussgebietsgemeinschaft'.repeat(20);
    await writeStatement(project, 'long-cell', {
      'en.md': `---\ntitle: "Long cell"\ndate: 2026-01-05\n---\n\n| Basin | Note |\n|---|---|\n| ${word} | short |\n| after | the row |\n`,
      'es.md': '---\ntitle: "Celda larga"\n---\n\n| Cuenca | Nota |\n|---|---|\n| larga | corta |\n| después | la fila |\n',
      'signatories.csv': `name\n${name}\nRío Vivo\n`,
    });
    const result = await runCli(['build', 'long-cell'], { cwd: project });
    expect(result.code, result.stderr).toBe(0);
    const pdf = await readPdf(await readFile(path.join(project, 'out/long-cell/en.pdf')));
    expect(pdf.pages.length).toBeGreaterThan(3);
    for (const page of pdf.pages) for (const right of page.rightEdges) expect(right).toBeLessThanOrEqual(page.width - 40);
    // Without the running footers and the row's other cell, which fall between the parts of the cut word.
    const squeezed = squeeze(pdf.text.replace(/Coalition for Rivers and Communities|Page \d+ of \d+|short/g, ''));
    expect(squeezed.split(word).length - 1).toBe(1);
    expect(squeezed).toContain(name);
    expect(squeezed).toContain('aftertherow');
  }, 60_000);
});

describe('PDF output of a statement that opens with a quotation', () => {
  it('puts the dateline on a line of its own before the body, never inside the quote', async () => {
    const project = await scratchProject([]);
    await writeStatement(project, 'quote-first', {
      'en.md': '---\ntitle: "Voices from the river"\ndate: 2026-01-05\ndateline: "Lima, Peru"\n---\n\n> "We carry water every day," said a farmer.\n\nThe coalition asks for a law.\n',
      'es.md': '---\ntitle: "Voces del río"\ndateline: "Lima, Perú"\n---\n\n> «Cargamos agua cada día», dijo una agricultora.\n\nLa coalición pide una ley.\n',
    });
    const result = await runCli(['build', 'quote-first'], { cwd: project });
    expect(result.code, result.stderr).toBe(0);
    for (const [file, dateline, quote] of [
      ['en.pdf', 'Lima, Peru, January 5, 2026', '"We carry water'],
      ['es.pdf', 'Lima, Perú, 5 de enero de 2026', '«Cargamos agua'],
    ] as const) {
      const lines = (await readPdf(await readFile(path.join(project, 'out/quote-first', file)))).text.split('\n').map((line) => line.trim());
      const at = lines.indexOf(dateline);
      expect(at, `${file}: the dateline alone on its line`).toBeGreaterThan(0);
      expect(lines[at + 1]).toMatch(new RegExp(`^${quote}`));
    }
  }, 60_000);
});

describe('PDF output of a statement whose signatories write in many scripts', () => {
  let text: Record<string, PdfText>;

  beforeAll(async () => {
    const project = await scratchProject(['multi-script']);
    const result = await runCli(['build'], { cwd: project });
    expect(result.code, result.stderr).toBe(0);
    text = {};
    for (const file of PDFS) text[file] = await readPdf(await readFile(path.join(project, 'out/multi-script', file)));
  }, 120_000);

  it('gives back every name and every word of the body, in every script, as pdf.js reads them', async () => {
    const statement = await fixtureStatement('multi-script');
    for (const file of PDFS) {
      const squeezed = squeeze(text[file]!.text);
      for (const { name, affiliation, city, country } of statement.signatories) {
        for (const value of [name, affiliation, city, country]) if (value) expect(squeezed, `${file}: ${value}`).toContain(squeeze(value));
      }
    }
    for (const lang of ['en', 'es'] as const) {
      const found = extractedWords(text[`${lang}.pdf`]!);
      const lost = sourceWords(bodyText(statement.text[lang]!.body)).filter((word) => !found.has(word));
      expect(lost, `${lang}.pdf lost words`).toEqual([]);
    }
  });

  it('prints bullets three levels deep, arrows and mathematical symbols', () => {
    const en = text['en.pdf']!.text;
    for (const symbol of ['◦', '→', '⇒', '≥', '∑', '≠', '✓', '★', '↔', '🌊']) expect(en).toContain(symbol);
  });
});
