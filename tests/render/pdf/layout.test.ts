import { beforeAll, describe, expect, it } from 'vitest';
import { FontLibrary, type FontSet } from '../../../src/render/pdf/fonts.js';
import { breakLines, pieces } from '../../../src/render/pdf/layout/inline.js';
import { adjustBreak, pageBreak } from '../../../src/render/pdf/layout/paginate.js';
import type { Item, Run, RunStyle } from '../../../src/render/pdf/layout/types.js';
import { levelRows } from '../../../src/render/pdf/index.js';
import { columnWidths } from '../../../src/render/pdf/nodes/table.js';
import { rowItems } from '../../../src/render/pdf/layout/rows.js';
import { Tag } from '../../../src/render/pdf/structure.js';
import { CONTENT_BOTTOM, PAGE } from '../../../src/render/pdf/theme.js';

const style: RunStyle = { face: 'serif', size: 10, color: '#000000' };
let fonts: FontSet;
beforeAll(async () => {
  fonts = await new FontLibrary().load();
});

function lay(text: string, width: number, runStyle = style) {
  const runs: Run[] = [{ text, style: runStyle }];
  return { lines: breakLines(pieces(runs, fonts), width, 14) };
}

const lineText = (line: { fragments: { text: string }[] }) => line.fragments.map((fragment) => fragment.text).join('').trim();

describe('line breaking', () => {
  it('fills lines greedily and never exceeds the width', () => {
    const { lines } = lay('The coalition says the bill is the first to guarantee that communities downstream are consulted.', 150);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(150);
    expect(lines.map(lineText).join(' ')).toBe('The coalition says the bill is the first to guarantee that communities downstream are consulted.');
  });

  it('cuts a 300-character word into pieces that each fit, losing no character', () => {
    const word = 'a'.repeat(150) + 'ł'.repeat(150);
    const { lines } = lay(`Before ${word} after`, 200);
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(200);
    expect(lines.map(lineText).join('').replace(/\s/g, '')).toBe(`Before${word}after`);
  });

  it('breaks a long URL after a slash or hyphen rather than mid-name', () => {
    const url = 'https://statements.example.org/briefs/alto-verde-2026/technical-annex/water-balance.pdf';
    const { lines } = lay(url, 120);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(0, -1)) expect(lineText(line)).toMatch(/[/\-.]$/);
    expect(lines.map(lineText).join('')).toBe(url);
  });

  it('keeps no-break spaces together and honours hard breaks', () => {
    const { lines } = lay('aaaa aaaa 10\u00a0December\nnext line', 70);
    expect(lines.some((line) => lineText(line) === '10\u00a0December')).toBe(true);
    expect(lineText(lines[lines.length - 1]!)).toBe('next line');
  });

  it('never splits a letter from its combining mark (Vietnamese)', () => {
    const word = 'Nguye\u0302\u0303n'.repeat(30);
    const { lines } = lay(word, 60);
    for (const line of lines) expect(lineText(line)).not.toMatch(/^[\u0300-\u036f]/);
  });

  it('leaves out a character no font has (the glyphs check reports it before any PDF is built)', () => {
    expect(lay('Café \u{10FFFD} open', 300).lines.map(lineText)).toEqual(['Café open']);
  });

  it('lays out a soft line break as a space', () => {
    expect(lay('Los ríos de la cuenca\nAddis Abeba', 1000).lines.map(lineText)).toEqual(['Los ríos de la cuenca Addis Abeba']);
  });

  it('starts a new line at a hard break and in preformatted text', () => {
    const runs: Run[] = [
      { text: 'one', style },
      { text: '\n', style, preformatted: true },
      { text: 'two\nthree', style },
    ];
    expect(breakLines(pieces(runs, fonts), 1000, 14).map(lineText)).toEqual(['one', 'two three']);
  });

  it('segments long text with marks in windows, never splitting a letter from its marks', () => {
    const word = 'Nguye\u0302\u0303n'.repeat(2000);
    const { lines } = lay(word, 60);
    expect(lines.map(lineText).join('')).toBe(word);
    for (const line of lines) expect(lineText(line)).not.toMatch(/^[\u0300-\u036f]/);
  });
});

const line = (group?: number, extra: Partial<Item> = {}): Item => ({ height: 10, spaceBefore: 0, group, draw: () => {}, ...extra });

describe('page breaks', () => {
  it('moves a paragraph whose first line alone would end the page (orphan)', () => {
    const items = [line(1), line(1), line(2), line(2), line(2)];
    // Room for three lines: the third would be paragraph 2's first line alone.
    expect(pageBreak(items, 0, 30, false)).toBe(2);
  });

  it('carries a line over so the last line is not alone at the top (widow)', () => {
    const items = [line(1), line(1), line(1), line(1)];
    expect(pageBreak(items, 0, 30, false)).toBe(2);
  });

  it('moves a two-line paragraph whole rather than split it', () => {
    expect(pageBreak([line(0), line(1), line(1)], 0, 20, false)).toBe(1);
  });

  it('keeps a heading with the text after it', () => {
    const items = [line(1), line(1), line(undefined, { keepWithNext: true }), line(2), line(2)];
    expect(pageBreak(items, 0, 30, false)).toBe(2);
    expect(adjustBreak(items, 0, 3)).toBe(2);
  });

  it('drops space above an item that starts a page and always places something on an empty page', () => {
    expect(pageBreak([line(undefined, { spaceBefore: 50 })], 0, 10, true)).toBe(1);
    expect(pageBreak([line(1), line(1)], 0, 10, true)).toBe(1);
  });
});

describe('parallel alignment', () => {
  it('keeps a heading row with the row after it, and drops rows with nothing on either side', () => {
    const heading = [line(undefined, { keepWithNext: true })];
    const para = [line(1)];
    const rows = levelRows([[para, para], [[], []], [heading, heading], [para, para], [para, []]]);
    expect(rows.map(([left, right]) => [left.length, right.length])).toEqual([
      [1, 1],
      [2, 2],
      [1, 0],
    ]);
  });
});

describe('rows of cells', () => {
  const cell = (lines: number, x = 0) => ({ tag: new Tag('TD'), x, lines: Array.from({ length: lines }, () => ({ fragments: [], width: 10, height: 14, size: 10 })) });

  it('keep a row shorter than a page as one item', () => {
    const items = rowItems([cell(3), cell(5, 100)], { padTop: 4, padBottom: 4, spaceBefore: 6 });
    expect(items.map((item) => [item.height, item.spaceBefore])).toEqual([[5 * 14 + 8, 6]]);
  });

  it('cut a row taller than a page into slices that each fit, keeping every line', () => {
    const items = rowItems([cell(200), cell(2, 100)], { padTop: 4, padBottom: 4, spaceBefore: 6 });
    expect(items.length).toBeGreaterThan(4);
    for (const item of items) expect(item.height).toBeLessThanOrEqual(CONTENT_BOTTOM - PAGE.marginTop);
    expect(items.reduce((sum, item) => sum + item.height, 0)).toBe(200 * 14 + 8);
    expect(items.slice(1).every((item) => item.spaceBefore === 0)).toBe(true);
  });
});

describe('table columns', () => {
  it('fill the available width exactly, wide or narrow', () => {
    for (const natural of [[40, 20], [400, 300, 900], [5000]]) {
      const widths = columnWidths(natural, 230);
      expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(230, 5);
      for (const width of widths) expect(width).toBeGreaterThan(0);
    }
  });
});
