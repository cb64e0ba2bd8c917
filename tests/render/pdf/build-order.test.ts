import { mkdtemp, mkdir, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStatement } from '../../../src/load/statement.js';
import type { Statement } from '../../../src/model/statement.js';
import { renderPdf } from '../../../src/render/pdf/index.js';
import { FIXTURES, PROJECT_ROOT } from '../../helpers/cli.js';
import { projectContext } from '../../helpers/context.js';
import { readPdf, squeeze } from '../../helpers/pdf.js';
import { outputOf } from '../../helpers/render.js';
import { edition, VARIANT_NAMES } from '../../helpers/variants.js';

async function statementsIn(dir: string): Promise<Statement[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const slugs = entries.filter((entry) => entry.isDirectory() && entry.name !== 'corpus').map((entry) => entry.name).sort();
  return Promise.all(
    slugs.map(async (slug) => {
      const { value, diagnostics } = await loadStatement(dir, slug);
      if (!value) throw new Error(diagnostics.map(String).join('\n'));
      return value;
    }),
  );
}

/** Every PDF of `statements`, rendered one after another in one render context (one process's shared fonts). */
async function renderInOneContext(statements: readonly Statement[]): Promise<Map<string, Buffer>> {
  const ctx = await projectContext();
  const pdfs = new Map<string, Buffer>();
  for (const statement of statements) {
    for (const variant of VARIANT_NAMES) pdfs.set(`${statement.slug}/${variant}.pdf`, Buffer.from(outputOf(await renderPdf(statement, edition(variant), ctx))));
  }
  return pdfs;
}

async function scratchStatements(files: Record<string, Record<string, string>>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'statements-order-'));
  for (const [slug, texts] of Object.entries(files)) {
    await mkdir(path.join(dir, slug));
    for (const [name, text] of Object.entries(texts)) await writeFile(path.join(dir, slug, name), text);
  }
  return dir;
}

describe('a PDF does not depend on what was built before it in the same process', () => {
  it('gives every sample and fixture statement the same bytes alone, after the others, and in reverse order', async () => {
    const statements = [...(await statementsIn(path.join(PROJECT_ROOT, 'statements'))), ...(await statementsIn(FIXTURES))];
    expect(statements.map((statement) => statement.slug)).toEqual(expect.arrayContaining(['multi-script', 'complete-statement', 'river-basin-water-rights']));
    const together = await renderInOneContext(statements);
    const reversed = await renderInOneContext([...statements].reverse());
    for (const statement of statements) {
      const alone = await renderInOneContext([statement]);
      for (const [file, bytes] of alone) {
        expect(Buffer.compare(bytes, together.get(file)!), `${file} built after the others`).toBe(0);
        expect(Buffer.compare(bytes, reversed.get(file)!), `${file} built in reverse order`).toBe(0);
      }
    }
  }, 300_000);

  it('keeps every word in the text layer of a statement built after one whose accented capitals hold the plain letters as parts', async () => {
    // Noto Serif draws Á, Α and Ã with the glyph of A as a part: subsetting the first statement used to
    // create that glyph with no text, and the second statement's "A" then had no ToUnicode entry.
    const frontMatter = (title: string) => `---\ntitle: "${title}"\ndate: 2026-01-05\n---\n\n`;
    const dir = await scratchStatements({
      accents: {
        'en.md': `${frontMatter('Accents')}Ámbito de Ángela, Ãnia y Ελλάδα: Άλφα, Ακτή.\n`,
        'es.md': `${frontMatter('Acentos')}Ámbito y Ávila.\n`,
      },
      plain: {
        'en.md': `${frontMatter('Plain')}A paragraph about foo.bar.baz and Avenue A.\n`,
        'es.md': `${frontMatter('Llano')}A la orilla del río.\n`,
      },
    });
    const [accents, plain] = await Promise.all([loadStatement(dir, 'accents'), loadStatement(dir, 'plain')]);
    const after = (await renderInOneContext([accents.value!, plain.value!])).get('plain/en.pdf')!;
    const alone = (await renderInOneContext([plain.value!])).get('plain/en.pdf')!;
    expect(Buffer.compare(after, alone)).toBe(0);
    const text = squeeze((await readPdf(after)).text);
    expect(text).toContain(squeeze('A paragraph about foo.bar.baz and Avenue A.'));
  }, 60_000);
});
