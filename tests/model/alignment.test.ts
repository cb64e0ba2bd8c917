import type { FootnoteDefinition, Paragraph, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/load/markdown.js';
import { alignBodies, bodyBlocks, type Aligned, type Block } from '../../src/model/alignment.js';
import { loadBody } from '../helpers/markdown.js';

/** A block by the first word of its text ("Water:" → "Water"; a table row's first cell), `-` for a gap. */
function label(block: Block | undefined): string {
  if (!block) return '-';
  const node = block.node.type === 'tableRow' ? block.node.children[0]! : block.node;
  return toString(node).split(/[\s:,.]/)[0]!;
}

function rows(aligned: readonly Aligned[]): string[] {
  return aligned.map((entry) => `${label(entry.source)} | ${label(entry.translation)}`);
}

function align(source: string, translation: string): string[] {
  return rows(alignBodies(loadBody(source, 'en.md'), loadBody(translation, 'es.md')));
}

function blocks(markdown: string): Block[] {
  return bodyBlocks(loadBody(markdown));
}

const EN_BODY = `## Statement

Water: in 2019 the valley had 12 wells for 40,000 people.

Forests: 3,400 hectares were lost between 2015 and 2021.

Rivers: 45% of the rivers are polluted, says https://example.org/rivers.

Schools: 87 schools closed in 2022.

Health: 1,200 clinics report cases; write to health@example.org.

Voices: read the testimonies at https://example.org/voices.
`;

const ES_PARAGRAPHS = {
  heading: '## Declaración',
  water: 'Agua: en 2019 el valle tenía 12 pozos para 40.000 personas.',
  forests: 'Bosques: se perdieron 3.400 hectáreas entre 2015 y 2021.',
  rivers: 'Ríos: el 45 % de los ríos está contaminado, según https://example.org/rivers/.',
  schools: 'Escuelas: 87 escuelas cerraron en 2022.',
  health: 'Salud: 1.200 clínicas reportan casos; escriba a Health@Example.org.',
  voices: 'Voces: lea los testimonios en https://EXAMPLE.org/voices.',
};

function es(...keys: (keyof typeof ES_PARAGRAPHS)[]): string {
  return keys.map((key) => ES_PARAGRAPHS[key]).join('\n\n') + '\n';
}

describe('bodyBlocks', () => {
  it('lists headings, paragraphs, list items, quote paragraphs, table rows, code blocks and footnotes in document order', () => {
    const found = blocks(`# Title

Intro paragraph.

> Quoted once.
>
> > Quoted twice.

- First item
  - Nested item
- Second item

| Region | Wells |
| --- | --- |
| North | 14 |

\`\`\`
code 7
\`\`\`

---

Closing[^a].

[^a]: The note.
`);
    expect(found.map((block) => [block.kind, block.depth, block.position, block.siblings, block.place.line, block.place.column])).toEqual([
      ['heading', 1, 0, 1, 1, 1],
      ['paragraph', 0, 0, 2, 3, 1],
      ['quoteParagraph', 1, 0, 1, 5, 3],
      ['quoteParagraph', 2, 0, 1, 7, 5],
      ['listItem', 1, 0, 2, 9, 1],
      ['listItem', 2, 0, 1, 10, 3],
      ['listItem', 1, 1, 2, 11, 1],
      ['tableRow', 0, 0, 2, 13, 1],
      ['tableRow', 0, 1, 2, 15, 1],
      ['code', 0, 0, 1, 17, 1],
      ['thematicBreak', 0, 0, 1, 21, 1],
      ['paragraph', 0, 1, 2, 23, 1],
      ['footnote', 0, 0, 1, 25, 1],
    ]);
    // The item's block is the tree's own node, and its text is its own, not its nested item's.
    expect(found[4]!.node.type).toBe('listItem');
    expect(found[4]!.textLength).toBe('First item'.length);
  });

  it('looks into raw elements that hold blocks', () => {
    const found = blocks('<details>\n<summary>More</summary>\n\nInner paragraph from 2024.\n\n</details>\n');
    expect(found.map((block) => [block.kind, block.invariants])).toEqual([
      ['paragraph', []],
      ['paragraph', ['2024']],
    ]);
  });

  it('makes raw HTML a block of its own in a tree that was not sanitized', () => {
    const found = bodyBlocks(parseMarkdown('<div class="note">\nUpdated in 2024, see https://example.org/note/\n</div>\n\nAfter.\n').body);
    expect(found.map((block) => [block.kind, block.invariants])).toEqual([
      ['html', ['https://example.org/note', '2024']],
      ['paragraph', []],
    ]);
  });

  it('normalises numbers written the way each language writes them', () => {
    const invariants = (text: string) => blocks(text)[0]!.invariants;
    // Arabic-Indic, Devanagari, and mathematical double-struck digits (whose run of ten follows others back to back).
    for (const written of ['1,000', '1.000', '1 000', '1\u00a0000', '1\u202f000', "1'000", '١٬٠٠٠', '१,०००', '𝟙,𝟘𝟘𝟘']) {
      expect(invariants(`About ${written} families.`), written).toEqual(['1000']);
    }
    expect(invariants('Up 31% this year.')).toEqual(invariants('Sube un 31 % este año.'));
    expect(invariants('A rise of 3.5 points.')).toEqual(invariants('Una subida de 3,5 puntos.'));
    expect(invariants('Between 12,500.75 and 9 units.')).toEqual(invariants('Entre 12 500,75 y 9 unidades.'));
    expect(invariants('On 05 March 2026.')).toEqual(['5', '2026']);
    // A space joins only a group of three digits: two years a space apart stay two numbers.
    expect(invariants('Seasons 2019 2020.')).toEqual(['2019', '2020']);
  });

  it('keeps URLs, addresses and footnote labels, and numbers outside them', () => {
    expect(blocks('See <https://Example.ORG/report-2026/>, [the annex](HTTPS://example.org/Annex) and www.example.net.')[0]!.invariants).toEqual([
      'https://example.org/report-2026',
      'https://example.org/Annex',
      'http://www.example.net',
    ]);
    expect(blocks('Write to [us](mailto:Press@Example.org) or press@example.org, not [here](#contacts).')[0]!.invariants).toEqual(['press@example.org']);
    expect(blocks('Read [the report][r] from 2025[^Note-1].\n\n[r]: https://example.org/r/\n\n[^Note-1]: Source.\n')[0]!.invariants).toEqual([
      'https://example.org/r',
      '2025',
      '[^#1]',
    ]);
  });
  it(
    'reads a long word before an @ without slowing down in its square',
    () => {
      // Unbounded, the address pattern took about 35 s here (and grows with the square of the word).
      expect(blocks('a'.repeat(200_000) + '@ and 2026')[0]!.invariants).toEqual(['2026']);
    },
    10_000,
  );
});

describe('alignBodies', () => {
  it('pairs identical structures one to one', () => {
    expect(align(EN_BODY, es('heading', 'water', 'forests', 'rivers', 'schools', 'health', 'voices'))).toEqual([
      'Statement | Declaración',
      'Water | Agua',
      'Forests | Bosques',
      'Rivers | Ríos',
      'Schools | Escuelas',
      'Health | Salud',
      'Voices | Voces',
    ]);
  });

  it('makes one missing paragraph in the middle one gap, and pairs every later block', () => {
    expect(align(EN_BODY, es('heading', 'water', 'forests', 'schools', 'health', 'voices'))).toEqual([
      'Statement | Declaración',
      'Water | Agua',
      'Forests | Bosques',
      'Rivers | -',
      'Schools | Escuelas',
      'Health | Salud',
      'Voices | Voces',
    ]);
  });

  it('makes one extra paragraph one gap', () => {
    const extra = 'Nota: esta versión se publicó en 2026 con 3 anexos.';
    const translation = es('heading', 'water', 'forests') + '\n' + extra + '\n\n' + es('rivers', 'schools', 'health', 'voices');
    expect(align(EN_BODY, translation)).toEqual([
      'Statement | Declaración',
      'Water | Agua',
      'Forests | Bosques',
      '- | Nota',
      'Rivers | Ríos',
      'Schools | Escuelas',
      'Health | Salud',
      'Voices | Voces',
    ]);
  });

  it('pairs a split paragraph with the part that shares more of its invariants, the other part extra', () => {
    const source = 'Water: 12 wells for 40,000 people, and 45% of the rivers are polluted.\n\nSchools: 87 schools closed in 2022.\n';
    expect(align(source, 'Agua: 12 pozos para 40.000 personas.\n\nY el 45 % de los ríos está contaminado.\n\nEscuelas: 87 escuelas cerraron en 2022.\n')).toEqual([
      'Water | Agua',
      '- | Y',
      'Schools | Escuelas',
    ]);
    expect(align(source, 'Agua: muchos pozos para la gente.\n\nY 12 pozos y el 45 % de los ríos.\n\nEscuelas: 87 escuelas cerraron en 2022.\n')).toEqual([
      '- | Agua',
      'Water | Y',
      'Schools | Escuelas',
    ]);
  });

  it('pairs one of two swapped paragraphs, makes the other a gap on each side, and pairs what follows', () => {
    const aligned = align(EN_BODY, es('heading', 'water', 'rivers', 'forests', 'schools', 'health', 'voices'));
    expect(aligned.slice(0, 2)).toEqual(['Statement | Declaración', 'Water | Agua']);
    expect([
      ['Forests | -', 'Rivers | Ríos', '- | Bosques'],
      ['- | Ríos', 'Forests | Bosques', 'Rivers | -'],
    ]).toContainEqual(aligned.slice(2, 5));
    expect(aligned.slice(5)).toEqual(['Schools | Escuelas', 'Health | Salud', 'Voices | Voces']);
  });

  it('pairs plain prose without invariants by position', () => {
    const source = 'One paragraph of prose.\n\nAnother paragraph of prose.\n\nA third paragraph of prose.\n';
    expect(align(source, 'Un párrafo de prosa.\n\nOtro párrafo de prosa.\n\nUn tercer párrafo de prosa.\n')).toEqual(['One | Un', 'Another | Otro', 'A | Un']);
  });

  it('places a gap in prose without invariants where the text lengths fit best', () => {
    const long = 'Long: ' + 'the communities of the valley have asked for clean water for many years '.repeat(6);
    const source = `First short paragraph here.\n\n${long}\n\nSecond short paragraph.\n\nThird short paragraph.\n`;
    expect(align(source, 'Primer párrafo corto aquí.\n\nSegundo párrafo corto.\n\nTercer párrafo corto.\n')).toEqual([
      'First | Primer',
      'Long | -',
      'Second | Segundo',
      'Third | Tercer',
    ]);
  });

  it('pairs list items, with a missing item of a nested list as one gap', () => {
    const source = `Demands:

1. Fund 120 new wells by 2027.
2. Protect 5,000 hectares of forest:
   - in the north, 2,000 hectares;
   - in the south, 2,200 hectares;
   - along the river, 800 hectares.
3. Publish the water data every 6 months.
`;
    const translation = `Exigencias:

1. Financiar 120 pozos nuevos antes de 2027.
2. Proteger 5.000 hectáreas de bosque:
   - en el norte, 2.000 hectáreas;
   - a lo largo del río, 800 hectáreas.
3. Publicar los datos del agua cada 6 meses.
`;
    expect(align(source, translation)).toEqual([
      'Demands | Exigencias',
      'Fund | Financiar',
      'Protect | Proteger',
      'in | en',
      'in | -',
      'along | a',
      'Publish | Publicar',
    ]);
  });

  it('pairs a list item with one of its own depth when the numbers cannot tell them apart', () => {
    expect(align('- Wells: 12 in 2019\n  - Wells: 12 in 2019\n', '- Pozos: 12 en 2019\n')).toEqual(['Wells | Pozos', 'Wells | -']);
    expect(align('- Wells: 12 in 2019\n  - Wells: 12 in 2019\n', '- Pozos: 12 en 2019\n  - Pozos: 12 en 2019\n- Extra: 12 en 2019\n')).toEqual([
      'Wells | Pozos',
      'Wells | Pozos',
      '- | Extra',
    ]);
  });

  it('places a missing list item without numbers by its length, matching the later items counted from the end', () => {
    const source = '- Short item one.\n- A much longer item that speaks at length about the water of the valley.\n- Short item two.\n- Short item three.\n';
    expect(align(source, '- Ítem corto uno.\n- Ítem corto dos.\n- Ítem corto tres.\n')).toEqual(['Short | Ítem', 'A | -', 'Short | Ítem', 'Short | Ítem']);
  });

  it('makes a missing list item with numbers one gap, later items paired', () => {
    const source = '- Item 2015: 10 wells\n- Item 2016: 20 wells\n- Item 2017: 30 wells\n- Item 2018: 40 wells\n- Item 2019: 50 wells\n';
    const translation = '- Año 2015: 10 pozos\n- Año 2017: 30 pozos\n- Año 2018: 40 pozos\n- Año 2019: 50 pozos\n';
    expect(rows(alignBodies(loadBody(source), loadBody(translation))).length).toBe(5);
    const aligned = alignBodies(loadBody(source), loadBody(translation));
    expect(aligned.map((entry) => [entry.source?.invariants[0] ?? '-', entry.translation?.invariants[0] ?? '-'])).toEqual([
      ['2015', '2015'],
      ['2016', '-'],
      ['2017', '2017'],
      ['2018', '2018'],
      ['2019', '2019'],
    ]);
  });

  it('pairs table rows, header with header, with a missing row as one gap', () => {
    const source = '| Region | Families | Wells |\n| --- | --- | --- |\n| North | 1,200 | 14 |\n| Centre | 860 | 9 |\n| South | 2,450 | 31 |\n';
    const translation = '| Región | Familias | Pozos |\n| --- | --- | --- |\n| Norte | 1.200 | 14 |\n| Sur | 2.450 | 31 |\n';
    expect(align(source, translation)).toEqual(['Region | Región', 'North | Norte', 'Centre | -', 'South | Sur']);
  });

  it('pairs footnotes by label whatever their order, after the body, and makes a missing one a gap', () => {
    const source = 'Water[^wells] and forests[^forest] and rivers[^rivers].\n\n[^wells]: Wells counted in 2019.\n\n[^forest]: Forest data.\n\n[^rivers]: River survey.\n';
    const translation = 'Agua[^wells] y bosques[^forest] y ríos[^rivers].\n\n[^rivers]: Estudio de ríos.\n\n[^wells]: Pozos contados en 2019.\n\n[^forest]: Datos de bosques.\n';
    expect(align(source, translation)).toEqual(['Water | Agua', 'Wells | Pozos', 'Forest | Datos', 'River | Estudio']);
    const missing = 'Agua[^wells] y bosques[^forest] y ríos[^rivers].\n\n[^rivers]: Estudio de ríos.\n\n[^wells]: Pozos contados en 2019.\n\n[^extra]: Nota añadida.\n';
    expect(align(source, missing)).toEqual(['Water | Agua', 'Wells | Pozos', 'Forest | -', 'River | Estudio', '- | Nota']);
  });

  it('pairs translated footnote labels by number, the order the text first refers to them', () => {
    const source = 'Water[^wells] and rivers[^rivers].\n\n[^rivers]: River survey.\n\n[^wells]: Wells counted.\n';
    const translation = 'Agua[^pozos] y ríos[^rios].\n\n[^pozos]: Pozos contados.\n\n[^rios]: Estudio de ríos.\n';
    expect(align(source, translation)).toEqual(['Water | Agua', 'River | Estudio', 'Wells | Pozos']);
  });

  it('pairs a heading with one of its own level when the numbers cannot tell them apart', () => {
    expect(align('## Background 2020\n\n### Details of the background 2020\n', '### Antecedentes 2020\n')).toEqual(['Background | -', 'Details | Antecedentes']);
  });

  it('pairs headings of different levels', () => {
    expect(align('## Background\n\nText from 2020.\n\n## Demands\n\nText from 2021.\n', '### Antecedentes\n\nTexto de 2020.\n\n## Exigencias\n\nTexto de 2021.\n')).toEqual([
      'Background | Antecedentes',
      'Text | Texto',
      'Demands | Exigencias',
      'Text | Texto',
    ]);
  });

  it('pairs quote paragraphs with quote paragraphs only', () => {
    const source = 'Before 2020.\n\n> Quote: "We have waited 30 years."\n\nAfter 2021.\n';
    expect(align(source, 'Antes de 2020.\n\n> Cita: "Hemos esperado 30 años."\n\nDespués de 2021.\n')).toEqual(['Before | Antes', 'Quote | Cita', 'After | Después']);
    expect(align(source, 'Antes de 2020.\n\nDespués de 2021.\n')).toEqual(['Before | Antes', 'Quote | -', 'After | Después']);
    // A quotation that lost its `>` is a different block: a gap on each side, not a pair.
    expect(align(source, 'Antes de 2020.\n\nCita: "Hemos esperado 30 años."\n\nDespués de 2021.\n')).toEqual(['Before | Antes', 'Quote | -', '- | Cita', 'After | Después']);
  });

  it('makes every block a gap when the translation is empty', () => {
    expect(align(EN_BODY, '')).toEqual(['Statement | -', 'Water | -', 'Forests | -', 'Rivers | -', 'Schools | -', 'Health | -', 'Voices | -']);
    expect(align('', es('water'))).toEqual(['- | Agua']);
  });

  it('gives the same alignment for the same input', () => {
    const translation = es('heading', 'rivers', 'water', 'schools', 'forests', 'voices');
    const first = alignBodies(loadBody(EN_BODY), loadBody(translation));
    const second = alignBodies(loadBody(EN_BODY), loadBody(translation));
    expect(rows(second)).toEqual(rows(first));
  });
});

/**
 * A body of one paragraph (or footnote) per text, built as remark builds it,
 * with positions: remark takes seconds to parse 20,000 paragraphs, and that is
 * not what these tests are about.
 */
function builtBody(texts: readonly string[], footnoteLabels?: readonly string[]): Root {
  const paragraph = (value: string, line: number): Paragraph => ({
    type: 'paragraph',
    children: [{ type: 'text', value }],
    position: { start: { line, column: 1 }, end: { line, column: value.length + 1 } },
  });
  const children: RootContent[] = texts.map((text, i) => {
    const label = footnoteLabels?.[i];
    const line = 2 * i + 1;
    if (label === undefined) return paragraph(text, line);
    const definition: FootnoteDefinition = { type: 'footnoteDefinition', identifier: label, label, children: [paragraph(text, line)] };
    return { ...definition, position: { start: { line, column: 1 }, end: { line, column: text.length + 1 } } };
  });
  return { type: 'root', children };
}

/** Whether every pair of the alignment has the same invariants on both sides. */
function pairsAgree(aligned: readonly Aligned[]): boolean {
  return aligned.every((entry) => !entry.source || !entry.translation || entry.source.invariants.join() === entry.translation.invariants.join());
}

describe('alignment at scale', () => {
  const COUNT = 20_000;
  const report = (i: number, lang: 'en' | 'es') =>
    lang === 'en' ? `Report ${i}: ${(100_000 + i).toLocaleString('en')} people.` : `Informe ${i}: ${(100_000 + i).toLocaleString('es')} personas.`;

  it(
    'aligns 20,000 blocks a side, with a missing block, an extra block and a missing run of 300',
    () => {
      const source = Array.from({ length: COUNT }, (_, i) => report(i, 'en'));
      const translation: string[] = [];
      for (let i = 0; i < COUNT; i++) {
        // The run takes the path further from the diagonal than the band reaches: the unique numbers pin it.
        if (i === 5_000 || (i >= 15_000 && i < 15_300)) continue;
        if (i === 12_000) translation.push('Nota añadida: 7 anexos.');
        translation.push(report(i, 'es'));
      }
      const aligned = alignBodies(builtBody(source), builtBody(translation));
      const gaps = aligned.filter((entry) => !entry.source || !entry.translation);
      expect(gaps.map((entry) => toString((entry.source ?? entry.translation)!.node).split(':')[0])).toEqual([
        'Report 5000',
        'Nota añadida',
        ...Array.from({ length: 300 }, (_, k) => `Report ${15_000 + k}`),
      ]);
      const pairs = aligned.filter((entry) => entry.source && entry.translation);
      expect(pairs.length).toBe(COUNT - 301);
      expect(pairsAgree(pairs)).toBe(true);
    },
    120_000,
  );

  it(
    'follows a path that strays from the diagonal where no invariant is unique enough to pin it',
    () => {
      // Every number comes back every 50 paragraphs: no anchors, and a shift by 40 pairs nothing.
      const text = (i: number) => `Paragraph ${1_000 + (i % 50)}.`;
      const source = Array.from({ length: 3_000 }, (_, i) => text(i));
      const translation = [...source.slice(0, 100), ...source.slice(140, 2_900), ...Array.from({ length: 40 }, () => 'Extra 7.'), ...source.slice(2_900)];
      const aligned = alignBodies(builtBody(source), builtBody(translation));
      expect(aligned.filter((entry) => !entry.translation).map((entry) => entry.source!.place.line)).toEqual(Array.from({ length: 40 }, (_, k) => 2 * (100 + k) + 1));
      expect(aligned.filter((entry) => !entry.source).map((entry) => label(entry.translation))).toEqual(Array(40).fill('Extra'));
      expect(pairsAgree(aligned)).toBe(true);
    },
    120_000,
  );

  it(
    'pairs a short source with a translation 200 times as long',
    () => {
      const text = (i: number) => `Paragraph ${1_000 + (i % 10)}.`;
      const source = Array.from({ length: 200 }, (_, i) => text(i));
      const translation = Array.from({ length: 40_000 }, (_, j) => (j % 200 === 100 ? text((j - 100) / 200) : 'Extra 7.'));
      const aligned = alignBodies(builtBody(source), builtBody(translation));
      const pairs = aligned.filter((entry) => entry.source && entry.translation);
      expect(pairs.map((entry) => entry.translation!.place.line)).toEqual(Array.from({ length: 200 }, (_, i) => 2 * (200 * i + 100) + 1));
    },
    120_000,
  );

  it(
    'aligns 20,000 blocks without any invariant against 10,000',
    () => {
      const prose = (count: number) => builtBody(Array.from({ length: count }, () => 'A paragraph of prose without any number in it.'));
      const aligned = alignBodies(prose(COUNT), prose(COUNT / 2));
      expect(aligned.length).toBe(COUNT);
      expect(aligned.filter((entry) => entry.source && entry.translation).length).toBe(COUNT / 2);
    },
    120_000,
  );

  it(
    'pairs 10,000 footnotes defined in the opposite order',
    () => {
      const ascending = Array.from({ length: 10_000 }, (_, i) => i);
      const notes = (lang: 'en' | 'es', order: number[]) =>
        builtBody(
          order.map((i) => `${lang === 'en' ? 'Note' : 'Nota'} ${i}.`),
          order.map((i) => `n${i}`),
        );
      const aligned = alignBodies(notes('en', ascending), notes('es', [...ascending].reverse()));
      expect(aligned.length).toBe(10_000);
      expect(aligned.every((entry) => entry.source && entry.translation)).toBe(true);
      expect(pairsAgree(aligned)).toBe(true);
      expect(label(aligned[0]!.source) + ' ' + aligned[0]!.source!.invariants.join()).toBe('Note [^n0],0');
    },
    120_000,
  );
});
