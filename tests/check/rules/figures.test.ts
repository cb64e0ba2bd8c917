import { describe, expect, it } from 'vitest';
import { figures } from '../../../src/check/rules/figures.js';
import type { CheckContext } from '../../../src/check/rule.js';
import { alignBodies } from '../../../src/model/alignment.js';
import { formatDiagnostic, type Diagnostic } from '../../../src/model/diagnostic.js';
import { blockFigures, figureFormats } from '../../../src/model/figures/index.js';
import { sourcePoints } from '../../../src/model/source-points.js';
import type { Statement, StatementText } from '../../../src/model/statement.js';
import { loadBody } from '../../helpers/markdown.js';

const DIR = 'statements/basin-data';

function text(lang: string, markdown: string): StatementText {
  return { lang, file: `${DIR}/${lang}.md`, source: markdown, title: 't', date: '2026-12-03', contacts: [], body: loadBody(markdown, `${DIR}/${lang}.md`), places: {} };
}

/** The rule's findings for an original and one translation, each a Markdown body. */
function check(source: [lang: string, markdown: string], translation: [lang: string, markdown: string]): Diagnostic[] {
  const original = text(...source);
  const translated = text(...translation);
  const statement = {
    slug: 'basin-data',
    dir: DIR,
    languages: [original.lang, translated.lang],
    text: { [original.lang]: original, [translated.lang]: translated },
    alignments: { [translated.lang]: alignBodies(original.body, translated.body) },
    signatories: [],
  } satisfies Statement;
  // The rule reads nothing from the context.
  return figures.check(statement, {} as CheckContext) as Diagnostic[];
}

function printed(source: [string, string], translation: [string, string]): string[] {
  return check(source, translation).map((finding) => formatDiagnostic(finding).split('\n')[0]!);
}

/** English text against its translation into `lang`: no finding. */
function agrees(english: string, lang: string, translation: string): void {
  expect(printed(['en', english], [lang, translation]), `${english} ↔ ${translation}`).toEqual([]);
}

/** English text against its translation into `lang`: one finding or more. */
function disagrees(english: string, lang: string, translation: string): string[] {
  const found = printed(['en', english], [lang, translation]);
  expect(found.length, `${english} ↔ ${translation}`).toBeGreaterThan(0);
  return found;
}

describe('figures: what agrees', () => {
  it.each([
    ['es', 'The coalition counts 244 million people.', 'La coalición cuenta 244 millones de personas.'],
    ['pt', 'The coalition counts 244 million people.', 'A coalizão conta 244 milhões de pessoas.'],
    ['fr', 'The coalition counts 244 million people.', 'La coalition compte 244 millions de personnes.'],
    ['es', 'One plan: 1 million trees.', 'Un plan: 1 millón de árboles.'],
    ['pt', 'One plan: 1 million trees.', 'Um plano: 1 milhão de árvores.'],
    ['es', 'A budget of 2 billion.', 'Un presupuesto de 2 mil millones.'],
    ['pt', 'A budget of 2 billion.', 'Um orçamento de 2 bilhões.'],
    ['fr', 'A budget of 2 billion.', 'Un budget de 2 milliards.'],
    ['es', 'Wells for 1,000 families.', 'Pozos para 1.000 familias.'],
    ['pt', 'Wells for 1,000 families.', 'Poços para 1.000 famílias.'],
    ['fr', 'Wells for 1,000 families.', 'Des puits pour 1 000 familles.'],
    ['fr', 'Wells for 1,000 families.', 'Des puits pour 1\u00a0000 familles.'],
    ['fr', 'Wells for 1,000 families.', 'Des puits pour 1\u202f000 familles.'],
    ['es', 'Wells for 40,000 families.', 'Pozos para 40000 familias.'],
    ['es', 'Flow fell by 3.5%.', 'El caudal cayó un 3,5 %.'],
    ['pt', 'Flow fell by 3.5%.', 'A vazão caiu 3,5%.'],
    ['fr', 'Flow fell by 3.5%.', 'Le débit a baissé de 3,5\u202f%.'],
    ['es', 'Flow fell by 31 per cent.', 'El caudal cayó un 31 %.'],
    ['es', 'Flow fell by 31 percent.', 'El caudal cayó un 31 por ciento.'],
    ['es', 'Flow: 12.4 m³/s.', 'Caudal: 12,4 m³/s.'],
    ['fr', 'Flow: 12.4 m³/s.', 'Débit : 12,4 m³/s.'],
    ['es', 'Before 15 January 2027.', 'Antes del 15 de enero de 2027.'],
    ['pt', 'Before 15 January 2027.', 'Antes de 15 de janeiro de 2027.'],
    ['fr', 'Before 15 January 2027.', 'Avant le 15 janvier 2027.'],
    ['es', 'Before January 15, 2027.', 'Antes del 15 de enero de 2027.'],
    ['fr', 'From 1 March.', 'À partir du 1er mars.'],
    ['pt', 'From 1 May.', 'A partir de 1.º de maio.'],
    ['es', 'Compiled in November 2026.', 'Recopiladas en noviembre de 2026.'],
    ['es', 'Until 15 January 2027.', 'Hasta el 15/01/2027.'],
    ['es', 'Until the 15th of January 2027.', 'Hasta el 15 de enero de 2027.'],
    ['es', 'A grant of $1.2 million.', 'Una subvención de 1,2 millones de dólares.'],
    ['pt', 'A grant of $1.2 million.', 'Uma doação de US$ 1,2 milhão.'],
    ['es', 'The balance for 2021–2026, above 32 °C.', 'El balance de 2021–2026, por encima de 32 °C.'],
    ['es', 'PM2.5 above 15.', 'PM2,5 por encima de 15.'],
    ['es', 'Tanks of 40 m3 per family.', 'Tanques de 40 m³ por familia.'],
    ['es', 'Tanks of 40 m³ per family.', 'Tanques de 40 m3 por familia.'],
    ['es', 'A flow of 12.4 m3/s over 300 km2.', 'Un caudal de 12,4 m³/s en 300 km².'],
    ['es', 'CO2 and CH4 emissions fell by 12%.', 'Las emisiones de CO₂ y CH₄ bajaron un 12 %.'],
    ['es', 'Tests found H₂O₂ in 3 wells.', 'Las pruebas hallaron H2O2 en 3 pozos.'],
    ['es', 'The basin lost water.¹', 'La cuenca perdió agua.'],
    ['es', 'Read https://example.org/report-2026.', 'Lea https://example.org/report-2026'],
    ['es', 'Write to press@example.org.', 'Escriba a [la prensa](mailto:Press@Example.org).'],
    ['es', 'See [the report](https://example.org/en/report-2026).', 'Vea [el informe](https://example.org/es/informe-2026).'],
    ['es', 'Install `tool 1.2.3` first.', 'Instale primero `tool 1.2.3`.'],
    ['es', 'In 2026 the basin dried; 2026 was the worst year.', 'En 2026 la cuenca se secó; fue el peor año.'],
    ['es', 'Twelve unions signed.', 'Doce sindicatos firmaron.'],
    ['es', 'The council meets at 09:30.', 'El consejo se reúne a las 9:30.'],
    ['es', 'The council meets at 10 a.m.', 'El consejo se reúne a las 10:00.'],
    ['es', 'Cases rose[^1].\n\n[^1]: Ministry data.', 'Los casos subieron[^uno].\n\n[^uno]: Datos del ministerio.'],
    ['es', '1. Publish the data.\n2. Stop the permits.', '1. Publicar los datos.\n2. Suspender las concesiones.'],
  ])('en ↔ %s: %s', (lang, english, translation) => agrees(english, lang, translation));

  it('reads the original in its own language too (a Spanish original, an English translation)', () => {
    expect(printed(['es', 'Pozos para 1.000 familias y un caudal de 12,4 m³/s el 2 de diciembre.'], ['en', 'Wells for 1,000 families and a flow of 12.4 m³/s on 2 December.'])).toEqual([]);
    expect(printed(['es', 'Un caudal de 12,4 m³/s.'], ['en', 'A flow of 1.24 m³/s.'])).toHaveLength(1);
  });

  it('compares each table row with its translation, cell by cell', () => {
    const english = '| Indicator | 2021 | 2026 |\n|---|---:|---:|\n| Flow (m³/s) | 12.4 | 8.6 |\n| Permits | 58 | 121 |\n';
    const spanish = '| Indicador | 2021 | 2026 |\n|---|---:|---:|\n| Caudal (m³/s) | 12,4 | 8,6 |\n| Concesiones | 58 | 112 |\n';
    expect(printed(['en', english], ['es', english.replace('Permits | 58 | 121', 'Concesiones | 58 | 121')])).toEqual([]);
    expect(printed(['en', english], ['es', spanish])).toEqual([
      `${DIR}/es.md:4:22: error: 112 differs from 121 in the original (${DIR}/en.md:4:18): write 121 here (in this language's format), or correct the original if it is the one that is wrong [figures]`,
    ]);
  });
});

describe('figures: what differs', () => {
  it('reports a changed year at its own line and column, with the original as a second place', () => {
    const [finding, ...rest] = check(['en', 'Intro.\n\nThe dry season starts on 15 January 2027 in the basin.'], ['es', 'Intro.\n\nLa estación seca empieza el 15 de enero de 2026 en la cuenca.']);
    expect(rest).toEqual([]);
    expect(formatDiagnostic(finding!)).toBe(
      `${DIR}/es.md:3:29: error: 15 de enero de 2026 differs from 15 January 2027 in the original (${DIR}/en.md:3:26): write 15 January 2027 here (in this language's format), or correct the original if it is the one that is wrong [figures]\n` +
        `  ${DIR}/en.md:3:26: note: the original's 15 January 2027 [figures]`,
    );
  });

  it('reports a figure the translation lacks at the translated block, pointing at the original figure', () => {
    expect(check(['en', 'Clinics recorded 214 cases in 2026.'], ['es', 'Las clínicas registraron casos en 2026.']).map(formatDiagnostic)).toEqual([
      `${DIR}/es.md:1:1: error: 214 (${DIR}/en.md:1:18) is missing from this translation of ${DIR}/en.md:1:1: add it (in this language's format), or remove it from the original [figures]\n` +
        `  ${DIR}/en.md:1:18: note: 214 in the original [figures]`,
    ]);
  });

  it('reports a figure the original lacks at the figure, pointing at the original block', () => {
    expect(check(['en', 'Clinics recorded cases in 2026.'], ['es', 'Las clínicas registraron 214 casos en 2026.']).map(formatDiagnostic)).toEqual([
      `${DIR}/es.md:1:26: error: 214 is not in the original of this text (${DIR}/en.md:1:1): remove it, or add it to the original [figures]\n` +
        `  ${DIR}/en.md:1:1: note: the original of ${DIR}/es.md:1:1 [figures]`,
    ]);
  });

  it.each([
    ['es', 'Flow fell by 31%.', 'El caudal cayó un 13 %.', '13 % differs from 31%'],
    ['fr', 'Flow fell by 3.5%.', 'Le débit a baissé de 35 %.', '35 % differs from 3.5%'],
    ['es', 'Flow: 12.4 m³/s.', 'Caudal: 1,24 m³/s.', '1,24 differs from 12.4'],
    ['pt', 'The coalition counts 244 million people.', 'A coalizão conta 244 mil pessoas.', '244 mil differs from 244 million'],
    ['es', 'A budget of 2 billion.', 'Un presupuesto de 2 billones.', '2 billones differs from 2 billion'],
    ['es', 'Wells for 1,000 families.', 'Pozos para 10.000 familias.', '10.000 differs from 1,000'],
    ['es', 'Presented on 2 December.', 'Presentada el 2 de noviembre.', '2 de noviembre differs from 2 December'],
    ['fr', 'Compiled in November 2026.', 'Compilé en novembre 2025.', 'novembre 2025 differs from November 2026'],
    ['es', 'Read https://example.org/report-2026.', 'Lea https://example.org/report-2025.', 'https://example.org/report-2025 differs from https://example.org/report-2026'],
    ['es', 'See [the bill](https://assembly.example.org/bills).', 'Vea [el proyecto](https://asamblea.example.net/bills).', 'https://asamblea.example.net/bills differs from https://assembly.example.org/bills'],
    ['es', 'Write to press@example.org.', 'Escriba a prensa@example.org.', 'prensa@example.org differs from press@example.org'],
    ['es', 'Set `limit = 1,000` in the file.', 'Ponga `limit = 1.000` en el archivo.', '1.000 differs from 1,000'],
    ['es', 'Twelve unions signed.', 'Los 12 sindicatos firmaron.', '12 is not in the original'],
    ['fr', 'The council meets at 9:30.', 'Le conseil se réunit à 9:00.', '9:00 differs from 9:30'],
    ['es', 'Tanks of 40 m3 per family.', 'Tanques de 4 m³ por familia.', '4 differs from 40'],
    ['es', 'The G20 met.', 'Se reunió el G21.', '21 differs from 20'],
    ['es', 'PM10 above 15.', 'PM2,5 por encima de 15.', '2,5 differs from 10'],
  ])('en ↔ %s: %s', (lang, english, translation, message) => {
    expect(disagrees(english, lang, translation)).toEqual([expect.stringContaining(message)]);
  });

  it('places a figure on a later line of a list item at its line and column', () => {
    const english = '- Provide water,\n  at least 1 litre per worker per hour.\n';
    const spanish = '- Proporcionar agua,\n  al menos 2 litros por persona y por hora.\n';
    expect(printed(['en', english], ['es', spanish])).toEqual([expect.stringMatching(new RegExp(`^${DIR}/es.md:2:12: error: 2 differs from 1 in the original \\(${DIR}/en.md:2:12\\)`))]);
  });

  it('lists the first figures of a block one by one, then how many more differ', () => {
    const english = Array.from({ length: 30 }, (_, i) => `Gauge ${i + 1} fell.`).join(' ');
    const found = printed(['en', english], ['es', 'Corto.']);
    expect(found).toHaveLength(10);
    expect(found[0]).toMatch(/^statements\/basin-data\/es.md:1:1: error: 1 \(statements\/basin-data\/en.md:1:7\) is missing/);
    expect(found[9]).toBe(`${DIR}/es.md:1:1: error: 21 more figures of ${DIR}/en.md:1:1 are missing from this translation or differ in it: compare the two texts figure by figure [figures]`);
  });

  it('reports each figure once however often it is written', () => {
    expect(disagrees('In 2026 and again in 2026.', 'es', 'En 2025 y de nuevo en 2025.')).toHaveLength(1);
  });
});

describe('figureFormats', () => {
  it('takes month names, scale words and separators from Intl, for any language', () => {
    const spanish = figureFormats('es');
    expect([spanish.decimal, spanish.group]).toEqual([',', '.']);
    expect(spanish.months.get('enero')).toBe(1);
    expect(spanish.scalePowers.get('mil millones')).toBe(9);
    expect(figureFormats('fr').months.get('août')).toBe(8);
    expect(figureFormats('pt').scalePowers.get('milhões')).toBe(6);
  });

  it('reads the figures of a block in order, as written', () => {
    const [block] = alignBodies(loadBody('Since 15 January 2027, 31% of 1,000 wells: see https://example.org/x.'), loadBody('x'));
    const found = blockFigures(block!.source!, figureFormats('en'), new Map(), sourcePoints('Since 15 January 2027, 31% of 1,000 wells: see https://example.org/x.'));
    expect(found.map((figure) => [figure.kind, figure.written, figure.place.column])).toEqual([
      ['date', '15 January 2027', 7],
      ['percent', '31%', 24],
      ['number', '1,000', 31],
      ['url', 'https://example.org/x', 48],
    ]);
  });
});

describe('figure places', () => {
  /** Each figure of each block of `markdown` as `line:column written`, and whether the file has it written there. */
  function places(markdown: string): string[] {
    const points = sourcePoints(markdown);
    const lines = markdown.split(/\r\n|\r|\n/);
    return alignBodies(loadBody(markdown), loadBody('x')).flatMap(({ source }) =>
      source ? blockFigures(source, figureFormats('en'), new Map(), points).map(({ written, place }) => {
        const there = lines[place.line - 1]!.startsWith(written, place.column - 1) ? '' : ' (not there)';
        return `${place.line}:${place.column} ${written}${there}`;
      }) : [],
    );
  }

  it.each([
    ['an indented continuation line of a list item', '- Provide water to the crews,\n      at least 12 litres a day.\n', ['2:16 12']],
    ['a lazy continuation line of a quotation', '>   The basin lost\n30% of its flow in 2026.\n', ['2:1 30%', '2:20 2026']],
    ['a continuation line of a quotation', '> The basin lost\n>  30% of its flow.\n', ['2:4 30%']],
    ['a list item in a quotation', '> - The basin lost\n>   30% of its flow.\n', ['2:5 30%']],
    ['a line after emphasis and a line break', 'The *basin* lost\n  30% of its flow  \nin 2026.\n', ['2:3 30%', '3:4 2026']],
    ['Windows line endings', 'The basin lost\r\n   30% of its flow in 2026.\r\n', ['2:4 30%', '2:23 2026']],
    ['a fenced code block in a list item', '- Set it:\n\n  ```\n  limit = 1000\n    floor = 20\n  ```\n', ['4:11 1000', '5:13 20']],
    ['an indented code block', 'Set it:\n\n    limit = 1000\n      floor = 20\n', ['3:13 1000', '4:15 20']],
    ['code that starts with a quotation mark', '```\n> limit 1000\n```\n', ['2:9 1000']],
  ])('on %s', (_, markdown, expected) => {
    expect(places(markdown)).toEqual(expected);
  });
});
