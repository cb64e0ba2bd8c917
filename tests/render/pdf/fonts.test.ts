import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStatement } from '../../../src/load/statement.js';
import { renderEmail } from '../../../src/render/email/index.js';
import { renderHtmlPage, renderPairPage } from '../../../src/render/html/page.js';
import type { FontkitFont } from 'fontkit';
import { FontFailure, FontLibrary, readFont } from '../../../src/render/pdf/fonts.js';
import { fontForPdfkit } from '../../../src/render/pdf/shape.js';
import { GlyphRecords } from '../../../src/render/pdf/subset.js';
import { renderPdf } from '../../../src/render/pdf/index.js';
import { PROJECT_ROOT } from '../../helpers/cli.js';
import { projectContext } from '../../helpers/context.js';
import { outputOf } from '../../helpers/render.js';
import { edition } from '../../helpers/variants.js';

const codePoints = (text: string) => Array.from(text, (char) => char.codePointAt(0)!);
const fontOf = async (library: FontLibrary, text: string, face: 'serif' | 'sansBold' = 'serif') => (await library.load()).fontFor(face, codePoints(text))?.font.postscriptName;

describe('the PDF font library', () => {
  it('parses no font until a PDF asks: HTML pages and email render without it', async () => {
    const ctx = await projectContext();
    const { value: statement } = await loadStatement(path.join(PROJECT_ROOT, 'statements'), 'river-basin-water-rights');
    renderHtmlPage(statement!, 'en', ctx);
    renderPairPage(statement!, edition('bilingual'), ctx);
    outputOf(await renderEmail(statement!, edition('bilingual'), ctx));
    expect(ctx.fonts.started).toBe(false);
    outputOf(await renderPdf(statement!, edition('en'), ctx));
    expect(ctx.fonts.started).toBe(true);
  });

  it('opens a fallback only when a character needs it, and stops at the first font that has it', async () => {
    const library = new FontLibrary();
    const fonts = await library.load();
    expect(await fontOf(library, 'Łódź Việt Ωμέγα Жизнь')).toBe('NotoSerif-Regular');
    expect(fonts.opened).toEqual([]);
    expect(await fontOf(library, 'שלום')).toBe('NotoSansHebrew-Regular');
    expect(fonts.opened).toEqual(['NotoSansArabic-Regular', 'NotoSansHebrew-Regular']);
    expect(fonts.opened).not.toContain('NotoSansSC-Regular');
  });

  it('tries script fonts, then symbols, math and emoji, then Chinese, Japanese and Korean', async () => {
    const library = new FontLibrary();
    expect(await fontOf(library, 'مرحبا')).toBe('NotoSansArabic-Regular'); // Noto Sans Math also has these letters, unshaped
    expect(await fontOf(library, 'नमस्ते')).toBe('NotoSansDevanagari-Regular');
    expect(await fontOf(library, 'नमस्ते', 'sansBold')).toBe('NotoSans-Bold'); // Noto Sans itself has Devanagari
    expect(await fontOf(library, '◦')).toBe('NotoSansSymbols2-Regular');
    expect(await fontOf(library, '→')).toBe('NotoSansSymbols-Regular');
    expect(await fontOf(library, '∑')).toBe('NotoSansMath-Regular');
    expect(await fontOf(library, '😀')).toBe('NotoEmoji-Regular');
    expect(await fontOf(library, '北京')).toBe('NotoSansSC-Regular');
    expect(await fontOf(library, '한국', 'sansBold')).toBe('NotoSansKR-Bold');
    expect(await fontOf(library, 'ሰላም')).toBeUndefined();
  });

  it('keeps a letter and its combining marks in one font', async () => {
    const fonts = await new FontLibrary().load();
    expect(fonts.fontFor('serif', codePoints('ש\u05b8'))?.font.postscriptName).toBe('NotoSansHebrew-Regular');
  });

  it('tries the coalition’s own fonts right after the main face, before the bundled ones', async () => {
    const notoSans = path.join(PROJECT_ROOT, 'node_modules/@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf');
    const library = new FontLibrary([notoSans]);
    // Noto Sans has Devanagari, which Noto Serif lacks: the coalition's font wins over Noto Sans Devanagari.
    expect(await fontOf(library, 'नमस्ते')).toBe('NotoSans-Regular');
    expect(await fontOf(library, 'مرحبا')).toBe('NotoSansArabic-Regular');
  });

  it('reads the subset pdfkit embeds through the font, each method wrapped once: a damaged glyph names the file on every call', () => {
    const subset = {
      includeGlyph(id: number) {
        if (id > 1) throw new Error('damaged glyph');
        return id;
      },
    };
    const font = { postscriptName: 'Own-Regular', createSubset: () => subset } as unknown as FontkitFont;
    const source = { label: 'own.ttf', file: '/fonts/own.ttf', own: true };
    const embedded = fontForPdfkit(font, 0, () => ({ glyphs: [], positions: [], advanceWidth: 0 }), (call) => readFont(source, call), new GlyphRecords()).createSubset();
    expect(embedded.includeGlyph).toBe(embedded.includeGlyph);
    expect(embedded.includeGlyph(1)).toBe(1);
    for (let call = 0; call < 2; call++) expect(() => embedded.includeGlyph(2)).toThrow(FontFailure);
  });
});
