import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { glyphs as rule } from '../../../src/check/rules/glyphs.js';
import { placeTracker, type PdfText } from '../../../src/check/rules/pdf-texts.js';
import type { CheckContext } from '../../../src/check/rule.js';
import { loadStatement } from '../../../src/load/statement.js';
import { formatDiagnostic } from '../../../src/model/diagnostic.js';
import { fontSpans } from '../../../src/render/pdf/font-spans.js';
import { PROJECT_ROOT, scratchProject } from '../../helpers/cli.js';

const UI = readFileSync(path.join(PROJECT_ROOT, 'locales/es/ui.json'), 'utf8').split('\n');

/** The 1-based line of `key` in locales/es/ui.json, after the line holding `parent`. */
function uiLine(parent: string, key: string): number {
  const start = UI.findIndex((line) => line.includes(parent));
  return UI.findIndex((line, index) => index > start && line.includes(key)) + 1;
}
import { projectCheckContext } from '../../helpers/context.js';

const ctx = await projectCheckContext();

/** A statement written to a scratch folder and loaded as `check` loads it, so every place is the loader's. */
async function statementOf(files: Record<string, string>) {
  const dir = path.join(await scratchProject([]), 'statements');
  await mkdir(path.join(dir, 'water-forum'), { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, 'water-forum', name), text);
  const loaded = await loadStatement(dir, 'water-forum', ctx.settings);
  if (!loaded.value) throw new Error(loaded.diagnostics.map(formatDiagnostic).join('\n'));
  return loaded.value;
}

/** Each finding as `file:line:col: text`, the file relative to the statement's folder. */
async function findings(statement: Awaited<ReturnType<typeof statementOf>>, context: CheckContext = ctx): Promise<string[]> {
  return (await rule.check(statement, context)).map((found) => {
    expect(found.ruleId).toBe('glyphs');
    expect(found.fatal).toBe(true);
    const where = [String(found.file).replace(`${statement.dir}/`, ''), found.line, found.column].filter((part) => part != null).join(':');
    return `${where}: ${found.reason}`;
  });
}

const ES = '---\ntitle: "Foro del agua"\n---\n\nEl foro se reúne en Adís Abeba.\n';

describe('glyphs: characters no PDF font can print', () => {
  it('reports an Ethiopic word in the title, the body, a signatory and a UI string, each where it was written', async () => {
    const statement = await statementOf({
      'en.md': '---\ntitle: "Water forum in Addis ሰላም"\ndate: 2026-04-14\n---\n\nPartners met in the highlands\nof Addis Ababa (አዲስ አበባ).\n\n> A quoted line\n> and ጤና here.\n',
      'es.md': ES,
      'signatories.csv': 'name,type,city,country\nLake Tana Watershed Forum,organization,Bahir Dar,Ethiopia\nማህበረሰብ,organization,Gondar,Ethiopia\n',
    });
    const es = ctx.locales.resources.es!;
    const locales = { ...ctx.locales, resources: { ...ctx.locales.resources, es: { ...es, ui: { ...(es.ui as object), contacts: { ...((es.ui as { contacts: object }).contacts), heading: 'Contactos ሰላም' } } } } };
    const found = await findings(statement, { ...ctx, locales });
    expect(found).toEqual([
      expect.stringMatching(/^en\.md:2:30: characters "ሰላም" \(U\+1230, U\+120B, U\+121D\) cannot be printed in the PDF: no font has a glyph for them \(tried Noto Serif, .*\)\. The HTML page and the email of this statement are still built \(.*\)\. To print it in the PDF, add a \.ttf or \.otf font that has it \(Ethiopic script: Noto has a font for it\) to publisher\.yaml as `pdf: \{ fonts: \{ fallback: fonts\/YourFont\.ttf \} \}`, or remove it$/),
      // After a soft line break: on the next line, counted from its start.
      expect.stringMatching(/^en\.md:7:17: characters "አዲስ"/),
      expect.stringMatching(/^en\.md:7:21: characters "አበባ"/),
      // On a block quote's second line, past its "> ".
      expect.stringMatching(/^en\.md:10:7: characters "ጤና"/),
      // At the line of its key.
      expect.stringMatching(new RegExp(`^locales/es/ui\\.json:${uiLine('"contacts"', '"heading"')}:1: characters "ሰላም" \\(U\\+1230, U\\+120B, U\\+121D\\) in the UI string \`contacts\\.heading\` cannot be printed in the PDF`)),
      expect.stringMatching(/^signatories\.csv:3:1: characters "ማህበረሰብ"/),
    ]);
  });

  it('reports a signatory cell at its first character, past the spaces the list’s reader trims', async () => {
    const statement = await statementOf({
      'en.md': '---\ntitle: "Water forum"\ndate: 2026-04-14\n---\n\nPartners met.\n',
      'es.md': ES,
      'signatories.csv': 'name,type,city,country\nLake Tana Watershed Forum,organization,"  ጎንደር",Ethiopia\n',
    });
    expect(await findings(statement)).toEqual([expect.stringMatching(/^signatories\.csv:2:43: characters "ጎንደር"/)]);
  });

  it('finds nothing in Arabic, Chinese, Japanese, Korean, Hebrew, Devanagari or emoji, which the bundled fallback fonts print', async () => {
    const statement = await statementOf({
      'en.md': '---\ntitle: "Rivers 🌊 and جمعية مياه النيل"\nsubtitle: "长江 · 川 · 강"\ndate: 2026-04-14\n---\n\nPartners from עמותת המים and नदी बचाओ met. ✅ → 🌍\n\n*Emphasis: 黄河*, `code 川`, **strong ☔**.\n',
      'es.md': ES,
      'signatories.csv': 'name,type,city,country\nجمعية مياه النيل,organization,القاهرة,مصر\n黄河保护协会,organization,郑州,中国\n',
    });
    expect(await findings(statement)).toEqual([]);
  });

  it('finds nothing in the sample statements’ fixture', async () => {
    const statement = await statementOf({ 'en.md': '---\ntitle: "Clean water"\ndate: 2026-04-14\n---\n\nThe coalition asks for 1,000 m³/s — “now”.\n', 'es.md': ES });
    expect(await findings(statement)).toEqual([]);
  });

  it('sets each text in the face the PDF uses: a character only the upright faces have is reported in emphasis, not in roman', async () => {
    // U+20C0 (som sign) is in Noto Serif and Noto Sans, not in their italics nor in any fallback font.
    const statement = await statementOf({ 'en.md': '---\ntitle: "Fees"\ndate: 2026-04-14\n---\n\nThe fee is 10 \u20c0, or *20 \u20c0* with a late form.\n', 'es.md': ES });
    expect(await findings(statement)).toEqual([expect.stringMatching(/^en\.md:6:25: character "\u20c0" \(U\+20C0\)/)]);
  });

  it('places characters in inline code, an image’s alternative text and a code block', async () => {
    const statement = await statementOf({
      'en.md': '---\ntitle: "Code"\ndate: 2026-04-14\n---\n\nRun `ሀ` and see ![map ለ](map.png).\n\n```\nfirst line\nthen ሐ\n```\n',
      'es.md': ES,
    });
    expect((await findings(statement)).map((found) => found.split(' (')[0])).toEqual(['en.md:6:6: character "ሀ"', 'en.md:6:23: character "ለ"', 'en.md:10:6: character "ሐ"']);
  });

  it('keeps a word once per file, counting its places; a value a translation inherits is one place', async () => {
    const statement = await statementOf({
      'en.md': '---\ntitle: "Forum"\ndate: 2026-04-14\ncontacts:\n  - name: "Almaz ሰላም"\n---\n\nWe say ሰላም to all, and ሰላም again.\n',
      // No contacts of its own: it prints the original's.
      'es.md': ES,
    });
    expect(await findings(statement)).toEqual([expect.stringMatching(/^en\.md:5:18: characters "ሰላም" \(U\+1230, U\+120B, U\+121D\) cannot be printed in the PDF \(and 2 more times in this file\): /)]);
  });

  it('reports 20 texts one by one, then counts the rest', async () => {
    const words = Array.from({ length: 25 }, (_, index) => String.fromCodePoint(0x1200 + index * 8)).join(' ');
    const statement = await statementOf({ 'en.md': `---\ntitle: "Many"\ndate: 2026-04-14\n---\n\n${words}\n`, 'es.md': ES });
    const found = await findings(statement);
    expect(found).toHaveLength(21);
    expect(found[20]).toMatch(/^en\.md:6:41: 5 more texts cannot be printed in the PDF, first "አ": add a font that has them, as above$/);
  });

  it('agrees with the PDF on what each font draws: what it reports is what the PDF leaves out', async () => {
    const fonts = await ctx.fonts.load();
    const text = 'Addis አዲስ, القاهرة 🌊 \uf0b7 done';
    const missing = fontSpans(text, 'serif', fonts).filter((span) => !span.font).map((span) => text.slice(span.start, span.end));
    expect(missing).toEqual(['አዲስ', '\uf0b7']);
  });
});

describe('where a character of a printed text was written', () => {
  const at = (text: string, place: PdfText['place'], offset: number) => placeTracker({ text, face: 'serif', place })(offset);

  it('counts a character after a soft line break from the start of the next line', () => {
    expect(at('Los ríos de la cuenca\nAddis ሰላም', { file: 'es.md', line: 11, column: 1 }, 28)).toEqual({ file: 'es.md', line: 12, column: 7 });
  });

  it('adds the columns a block quote or list strips from continuation lines', () => {
    expect(at('quoted words\nmore ሰ', { file: 'x.md', line: 3, column: 3, indent: 2 }, 18)).toEqual({ file: 'x.md', line: 4, column: 8 });
  });

  it('uses the column of each character where a front-matter value has escapes', () => {
    expect(at('été አ', { file: 'en.md', line: 2, column: 8, columns: [9, 15, 21, 27, 28] }, 4)).toEqual({ file: 'en.md', line: 2, column: 28 });
  });

  it('makes up no column for a value whose column is unknown (a signatory)', () => {
    expect(at('Comité ሰላም', { file: 'signatories.csv', line: 4 }, 7)).toEqual({ file: 'signatories.csv', line: 4 });
  });
});
