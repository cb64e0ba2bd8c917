import { describe, expect, it } from 'vitest';
import { translationGaps } from '../../../src/check/rules/structure-gaps.js';
import { alignBodies } from '../../../src/model/alignment.js';
import { formatDiagnostic } from '../../../src/model/diagnostic.js';
import { loadBody } from '../../helpers/markdown.js';

const EN = 'statements/valley-water/en.md';
const ES = 'statements/valley-water/es.md';

function gaps(source: string, translation: string) {
  return translationGaps(alignBodies(loadBody(source, EN), loadBody(translation, ES)), EN, ES);
}

function printed(source: string, translation: string): string[] {
  return gaps(source, translation).map(formatDiagnostic);
}

const SOURCE = `## Statement

Water: in 2019 the valley had 12 wells.

Forests: 3,400 hectares were lost by 2021.

Rivers: 45% of the rivers are polluted.

Schools: 87 schools closed in 2022.

## Demands

Health: 1,200 clinics report cases[^1].

[^1]: Ministry of Health, report of 2025.
`;

describe('translationGaps', () => {
  it('finds nothing when every block pairs', () => {
    const translation = `## Declaración

Agua: en 2019 el valle tenía 12 pozos.

Bosques: se perdieron 3.400 hectáreas hasta 2021.

Ríos: el 45 % de los ríos está contaminado.

Escuelas: 87 escuelas cerraron en 2022.

## Exigencias

Salud: 1.200 clínicas reportan casos[^1].

[^1]: Ministerio de Salud, informe de 2025.
`;
    expect(gaps(SOURCE, translation)).toEqual([]);
  });

  it('warns at a missing paragraph, with a note where its translation belongs', () => {
    const translation = `## Declaración

Agua: en 2019 el valle tenía 12 pozos.

Bosques: se perdieron 3.400 hectáreas hasta 2021.

Escuelas: 87 escuelas cerraron en 2022.

## Exigencias

Salud: 1.200 clínicas reportan casos[^1].

[^1]: Ministerio de Salud, informe de 2025.
`;
    const [warning, ...rest] = gaps(SOURCE, translation);
    expect(rest).toEqual([]);
    expect(warning).toMatchObject({ file: EN, line: 7, column: 1, fatal: true, ruleId: 'structure' });
    expect(warning!.cause).toMatchObject({ file: ES, line: 7, column: 1 });
    expect(formatDiagnostic(warning!)).toBe(
      `${EN}:7:1: error: this paragraph has no counterpart in ${ES}: translate it into ${ES} (before line 7), or remove it from ${EN} [structure]\n` +
        `  ${ES}:7:1: note: the translation of ${EN}:7 belongs before this paragraph [structure]`,
    );
  });

  it('warns at an extra paragraph of the translation, with a note where its original would go', () => {
    const source = 'Water: in 2019 the valley had 12 wells.\n\nSchools: 87 schools closed in 2022.\n';
    const translation = 'Agua: en 2019 el valle tenía 12 pozos.\n\nNota: esta versión incluye 3 anexos.\n\nEscuelas: 87 escuelas cerraron en 2022.\n';
    expect(printed(source, translation)).toEqual([
      `${ES}:3:1: error: this paragraph has no counterpart in ${EN}: remove it from ${ES}, or add the original to ${EN} (before line 3) [structure]\n` +
        `  ${EN}:3:1: note: the original of ${ES}:3 would go before this paragraph [structure]`,
    ]);
  });

  it('gives a missing run of blocks one warning that counts them by kind', () => {
    const translation = `## Declaración

Agua: en 2019 el valle tenía 12 pozos.

Salud: 1.200 clínicas reportan casos[^1].

[^1]: Ministerio de Salud, informe de 2025.
`;
    expect(printed(SOURCE, translation)).toEqual([
      `${EN}:5:1: error: 3 paragraphs and 1 heading (lines 5–11) have no counterpart in ${ES}: translate them into ${ES} (before line 5), or remove them from ${EN} [structure]\n` +
        `  ${ES}:5:1: note: the translation of ${EN}:5–11 belongs before this paragraph [structure]`,
    ]);
  });

  it('points after the last block when the gap is at the end', () => {
    const source = 'Water: in 2019 the valley had 12 wells.\n\nSchools: 87 schools closed in 2022.\n\n- Demand 1: 120 wells\n- Demand 2: 5,000 hectares\n';
    expect(printed(source, 'Agua: en 2019 el valle tenía 12 pozos.\n\nEscuelas: 87 escuelas cerraron en 2022.\n')).toEqual([
      `${EN}:5:1: error: 2 list items (lines 5–6) have no counterpart in ${ES}: translate them into ${ES} (after line 3), or remove them from ${EN} [structure]\n` +
        `  ${ES}:3:1: note: the translation of ${EN}:5–6 belongs after this paragraph [structure]`,
    ]);
  });

  it('reports a moved paragraph once, at the translation, saying where to move it', () => {
    const source = 'Water: in 2019 the valley had 12 wells.\n\nForests: 3,400 hectares were lost by 2021.\n\nSchools: 87 schools closed in 2022.\n';
    const translation = 'Bosques: se perdieron 3.400 hectáreas hasta 2021.\n\nAgua: en 2019 el valle tenía 12 pozos.\n\nEscuelas: 87 escuelas cerraron en 2022.\n';
    // Aligned: Bosques only in es.md, Water | Agua, Forests only in en.md, Schools | Escuelas.
    expect(printed(source, translation)).toEqual([
      `${ES}:1:1: error: ${ES}:1 translates ${EN}:3 but stands in another place: move it before line 5 [structure]\n` + `  ${EN}:3:1: note: the original of ${ES}:1 [structure]`,
    ]);
  });

  it('says where to move a paragraph moved to the end, and still warns at a real gap', () => {
    const translation = `## Declaración

Bosques: se perdieron 3.400 hectáreas hasta 2021.

Ríos: el 45 % de los ríos está contaminado.

Escuelas: 87 escuelas cerraron en 2022.

## Exigencias

Salud: 1.200 clínicas reportan casos[^1].

Agua: en 2019 el valle tenía 12 pozos.

[^1]: Ministerio de Salud, informe de 2025.
`;
    expect(printed(SOURCE, translation)).toEqual([
      `${ES}:13:1: error: ${ES}:13 translates ${EN}:3 but stands in another place: move it before line 3 [structure]\n` + `  ${EN}:3:1: note: the original of ${ES}:13 [structure]`,
    ]);
    const shortened = translation.replace('Ríos: el 45 % de los ríos está contaminado.\n\n', '');
    expect(gaps(SOURCE, shortened).map((finding) => `${finding.file}:${finding.line} ${finding.reason}`)).toEqual([
      `${EN}:7 this paragraph has no counterpart in ${ES}: translate it into ${ES} (before line 5), or remove it from ${EN}`,
      `${ES}:11 ${ES}:11 translates ${EN}:3 but stands in another place: move it before line 3`,
    ]);
  });

  it('warns separately for a gap on each side when their texts differ', () => {
    const source = 'Water: in 2019 the valley had 12 wells.\n\nForests: 3,400 hectares were lost by 2021.\n\nSchools: 87 schools closed in 2022.\n';
    const differ = [
      // Other figures.
      'Bosques: se perdieron 3.900 hectáreas hasta 2020.',
      // The same figure, in a text three times as long.
      'Bosques: se perdieron 3.400 hectáreas de bosque nativo, la mayor parte en las cabeceras de los ríos del valle, donde las comunidades indígenas habían pedido protección sin respuesta alguna hasta 2021.',
    ];
    for (const moved of differ) {
      const translation = `${moved}\n\nAgua: en 2019 el valle tenía 12 pozos.\n\nEscuelas: 87 escuelas cerraron en 2022.\n`;
      expect(gaps(source, translation).map((warning) => [`${warning.file}:${warning.line}`, warning.cause])).toEqual([
        [`${ES}:1`, expect.objectContaining({ file: EN, line: 1 })],
        [`${EN}:3`, expect.objectContaining({ file: ES, line: 5 })],
      ]);
    }
  });

  it('names a missing footnote by label and says footnotes pair by label', () => {
    const source = 'Water[^wells] and rivers[^rivers].\n\n[^wells]: Counted in 2019.\n\n[^rivers]: Survey of 2021.\n';
    // The translation lost the reference to rivers, and has a note nothing refers to.
    const translation = 'Agua[^wells] y ríos.\n\n[^wells]: Contados en 2019.\n\n[^nota]: Estudio de 2021.\n';
    // Footnotes the source lacks come after the source's, so the note for [^rivers] points at [^nota].
    expect(printed(source, translation)).toEqual([
      `${EN}:5:1: error: footnote [^rivers] has no counterpart in ${ES}: translate it into ${ES} (before line 5), or remove it from ${EN} (footnotes pair by label, or else by their number: the order in which the text first refers to them) [structure]\n` +
        `  ${ES}:5:1: note: the translation of ${EN}:5 belongs before this footnote [structure]`,
      `${ES}:5:1: error: footnote [^nota] has no counterpart in ${EN}: remove it from ${ES}, or add the original to ${EN} (after line 5) (footnotes pair by label, or else by their number: the order in which the text first refers to them) [structure]\n` +
        `  ${EN}:5:1: note: the original of ${ES}:5 would go after this footnote [structure]`,
    ]);
  });

  it('names the first footnotes of a long run and how many more', () => {
    const source = 'Text[^a][^b][^c][^d][^e].\n\n' + ['a', 'b', 'c', 'd', 'e'].map((label) => `[^${label}]: Note ${label}.`).join('\n\n') + '\n';
    const [warning] = gaps(source, 'Texto.\n');
    expect(warning!.reason).toBe(
      `5 footnotes ([^a], [^b], [^c] and 2 more; lines 3–11) have no counterpart in ${ES}: translate them into ${ES}, or remove them from ${EN} (footnotes pair by label, or else by their number: the order in which the text first refers to them)`,
    );
  });

  it('warns once for a translation with an empty body, with a note at the file', () => {
    const found = printed(SOURCE, '');
    expect(found).toEqual([
      `${EN}:1:1: error: 2 headings and 5 paragraphs (lines 1–13) have no counterpart in ${ES}: translate them into ${ES}, or remove them from ${EN} [structure]\n` +
        `  ${ES}: note: the translation of ${EN}:1–13 belongs in this file, which has no body text yet [structure]`,
      `${EN}:15:1: error: footnote [^1] has no counterpart in ${ES}: translate it into ${ES}, or remove it from ${EN} (footnotes pair by label, or else by their number: the order in which the text first refers to them) [structure]\n` +
        `  ${ES}: note: the translation of ${EN}:15 belongs in this file, which has no footnotes yet [structure]`,
    ]);
  });
});
