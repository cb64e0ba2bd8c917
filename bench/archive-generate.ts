// The synthetic archive of `bench/archive.ts`: statements written by a seeded generator from the word
// lists below (nothing copied), an original in English and a Spanish translation with the same blocks
// and the same figures (each written the language's own way, through Intl), and 150 signatories each.
import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Paired phrases: index i of one language translates index i of the other. */
type Pair = readonly [en: string, es: string];

const SUBJECTS: Pair[] = [
  ['the regional water committees', 'los comités regionales de agua'],
  ['community health workers', 'las promotoras comunitarias de salud'],
  ['farming cooperatives in the valley', 'las cooperativas agrícolas del valle'],
  ['the municipal councils', 'los concejos municipales'],
  ['independent researchers', 'las personas investigadoras independientes'],
  ['women-led fishing associations', 'las asociaciones pesqueras dirigidas por mujeres'],
  ['teachers in rural schools', 'el profesorado de las escuelas rurales'],
  ['the national ombudsman', 'la defensoría nacional'],
  ['seasonal workers', 'las personas trabajadoras temporales'],
  ['Indigenous land councils', 'los consejos territoriales indígenas'],
  ['small urban clinics', 'las pequeñas clínicas urbanas'],
  ['tenant unions', 'los sindicatos de inquilinos'],
];
const VERBS: Pair[] = [
  ['have documented', 'han documentado'],
  ['have reported', 'han informado de'],
  ['have counted', 'han contado'],
  ['have confirmed', 'han confirmado'],
  ['have recorded', 'han registrado'],
  ['have mapped', 'han cartografiado'],
];
const OBJECTS: Pair[] = [
  ['permits granted without consultation', 'concesiones otorgadas sin consulta'],
  ['households without safe drinking water', 'hogares sin agua potable segura'],
  ['days of extreme heat', 'días de calor extremo'],
  ['evictions during the rainy season', 'desalojos durante la estación de lluvias'],
  ['wells that ran dry', 'pozos que se secaron'],
  ['complaints that received no answer', 'denuncias que no recibieron respuesta'],
  ['schools closed by flooding', 'escuelas cerradas por inundaciones'],
  ['hectares of forest cleared', 'hectáreas de bosque taladas'],
];
const PLACES: Pair[] = [
  ['the upper basin', 'la cuenca alta'],
  ['the coastal districts', 'los distritos costeros'],
  ['the northern highlands', 'el altiplano norte'],
  ['the river delta', 'el delta del río'],
  ['the capital region', 'la región capital'],
  ['the border provinces', 'las provincias fronterizas'],
];
const MEASURES: Pair[] = [
  ['the dry-season flow', 'el caudal de la estación seca'],
  ['the public budget for prevention', 'el presupuesto público de prevención'],
  ['the share of inspected workplaces', 'la proporción de lugares de trabajo inspeccionados'],
  ['the forest cover', 'la cobertura forestal'],
  ['the number of rural clinics', 'el número de clínicas rurales'],
];
const DEMANDS: Pair[] = [
  ['publish every permit in a public register', 'publicar cada concesión en un registro público'],
  ['consult affected communities before any decision', 'consultar a las comunidades afectadas antes de cualquier decisión'],
  ['fund the monitoring stations for the whole year', 'financiar las estaciones de monitoreo durante todo el año'],
  ['suspend new permits where the flow is below the minimum', 'suspender nuevas concesiones donde el caudal esté bajo el mínimo'],
  ['guarantee shade, water and rest on hot days', 'garantizar sombra, agua y descanso en los días de calor'],
  ['protect the people who report abuses', 'proteger a las personas que denuncian abusos'],
];
const HEADINGS: Pair[] = [
  ['What the coalition asks for', 'Lo que pide la coalición'],
  ['The numbers', 'Las cifras'],
  ['Why it matters now', 'Por qué importa ahora'],
  ['What communities report', 'Lo que informan las comunidades'],
  ['Next steps', 'Próximos pasos'],
];
const TOPICS: Pair[] = [
  ['binding protection of the river basin', 'protección vinculante de la cuenca'],
  ['heat safety for outdoor workers', 'seguridad ante el calor para quienes trabajan al aire libre'],
  ['the right to housing in flood zones', 'el derecho a la vivienda en zonas inundables'],
  ['public data on water use', 'datos públicos sobre el uso del agua'],
  ['the protection of forest defenders', 'la protección de las personas defensoras del bosque'],
];
const DATELINES: Pair[] = [
  ['San Isidro del Valle, Costa Verde', 'San Isidro del Valle, Costa Verde'],
  ['Puerto Claro, Costa Verde', 'Puerto Claro, Costa Verde'],
  ['Villa Serena, Altamira', 'Villa Serena, Altamira'],
];
const ORG_KINDS = ['Alianza', 'Red', 'Colectivo', 'Fundación', 'Asociación', 'Observatorio', 'Centro', 'Movimiento', 'Instituto', 'Comité'];
const ORG_THEMES = ['por el Agua', 'de Salud Comunitaria', 'por los Bosques', 'de Defensa Territorial', 'por la Vivienda Digna', 'de Pescadoras', 'de Justicia Climática', 'por los Derechos Laborales', 'de Estudios Rurales', 'de Mujeres Campesinas'];
const ORG_PLACES = ['del Valle Norte', 'de Río Claro', 'de Las Piedras', 'de la Costa Sur', 'del Altiplano', 'de San Isidro', 'de Puerto Claro', 'de Villa Serena', 'de la Cuenca Alta', 'del Delta'];
const FIRST = ['Ana', 'Bruno', 'Carmen', 'Diego', 'Elena', 'Fabián', 'Gloria', 'Héctor', 'Inés', 'Julián', 'Lucía', 'Marco'];
const LAST = ['Quesada', 'Rojas', 'Solís', 'Torres', 'Ulloa', 'Vargas', 'Zúñiga', 'Alvarado', 'Brenes', 'Castro', 'Durán', 'Espinoza'];
const CITIES = ['San Isidro del Valle', 'Río Claro', 'Las Piedras', 'Puerto Claro', 'Villa Serena'];

export const LANGUAGES = ['en', 'es'] as const;
type Lang = (typeof LANGUAGES)[number];
const INDEX: Record<Lang, 0 | 1> = { en: 0, es: 1 };

/** A small seeded generator (mulberry32), so an archive is the same every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** What a sentence template receives: the language's side of each pair and its number formats. */
interface Words {
  word: (pair: Pair) => string;
  number: (n: number) => string;
  percent: (share: number) => string;
}
type Template = (w: Words) => string;
/** A sentence in every language; the same figures on each side, so `check` finds every figure in both. */
type Sentence = readonly [en: Template, es: Template];

/** A statement's block: one sentence list, written in each language. */
interface Block {
  kind: 'heading' | 'paragraph' | 'item';
  sentences: Sentence[];
}

const both = (template: Template): Sentence => [template, template];

function sentence(next: () => number): Sentence {
  const one = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const [subject, verb, object, place, measure, demand] = [one(SUBJECTS), one(VERBS), one(OBJECTS), one(PLACES), one(MEASURES), one(DEMANDS)];
  const count = 12 + Math.floor(next() * 880);
  const year = 2015 + Math.floor(next() * 10);
  const share = (5 + Math.floor(next() * 60)) / 100;
  const templates: Sentence[] = [
    [
      ({ word, number }) => `${capitalise(word(subject))} ${word(verb)} ${number(count)} ${word(object)} in ${word(place)} since ${year}.`,
      ({ word, number }) => `${capitalise(word(subject))} ${word(verb)} ${number(count)} ${word(object)} en ${word(place)} desde ${year}.`,
    ],
    [
      ({ word, percent }) => `Since ${year}, ${word(measure)} in ${word(place)} has fallen by ${percent(share)}, while ${word(subject)} ${word(verb)} more ${word(object)} every year.`,
      ({ word, percent }) => `Desde ${year}, ${word(measure)} en ${word(place)} ha caído un ${percent(share)}, mientras ${word(subject)} ${word(verb)} más ${word(object)} cada año.`,
    ],
    [
      ({ word }) => `According to ${word(subject)}, the authorities in ${word(place)} have not yet answered the demand to ${word(demand)}.`,
      ({ word }) => `Según ${word(subject)}, las autoridades de ${word(place)} aún no han respondido a la demanda de ${word(demand)}.`,
    ],
  ];
  return one(templates);
}

/** A statement's blocks: an opening, four sections of two paragraphs, a list of demands (~700 words). */
function blocks(next: () => number): Block[] {
  const paragraph = (count: number): Block => ({ kind: 'paragraph', sentences: Array.from({ length: count }, () => sentence(next)) });
  const out: Block[] = [paragraph(3)];
  const headings = [...HEADINGS].sort(() => next() - 0.5).slice(0, 4);
  headings.forEach((heading, h) => {
    out.push({ kind: 'heading', sentences: [both(({ word }) => word(heading))] });
    if (h === 0) {
      for (const demand of [...DEMANDS].sort(() => next() - 0.5).slice(0, 3)) {
        out.push({ kind: 'item', sentences: [both(({ word }) => `${capitalise(word(demand))}.`)] });
      }
    }
    for (let p = 0; p < 2; p++) out.push(paragraph(3));
  });
  return out;
}

function markdown(lang: Lang, frontMatter: Record<string, string>, body: Block[]): string {
  const number = new Intl.NumberFormat(lang);
  const percent = new Intl.NumberFormat(lang, { style: 'percent' });
  const words: Words = { word: (pair) => pair[INDEX[lang]], number: (n) => number.format(n), percent: (share) => percent.format(share) };
  const text = (block: Block) => block.sentences.map((s) => s[INDEX[lang]](words)).join(' ');
  const lines = ['---', ...Object.entries(frontMatter).map(([key, value]) => `${key}: ${JSON.stringify(value)}`), '---', ''];
  body.forEach((block, i) => {
    if (block.kind === 'heading') lines.push(`## ${text(block)}`, '');
    else if (block.kind === 'item') lines.push(`- ${text(block)}`, ...(body[i + 1]?.kind === 'item' ? [] : ['']));
    else lines.push(text(block), '');
  });
  return lines.join('\n');
}

function signatories(next: () => number, count: number): string {
  const one = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const rows = ['name,type,affiliation,city,state,country,url'];
  const names = new Set<string>();
  const organizations = Math.round(count * 0.7);
  while (names.size < organizations) names.add(`${one(ORG_KINDS)} ${one(ORG_THEMES)} ${one(ORG_PLACES)}`);
  for (const name of names) {
    const site = name.toLowerCase().normalize('NFD').replace(/[^a-z ]/g, '').split(' ').filter((w) => w.length > 3).join('');
    rows.push(`${name},organization,,${one(CITIES)},,Costa Verde,https://${site}.example.org`);
  }
  const people = new Set<string>();
  while (people.size < count - organizations) people.add(`${one(FIRST)} ${one(LAST)} ${one(LAST)}`);
  for (const name of people) rows.push(`${name},individual,${one([...names])},${one(CITIES)},,Costa Verde,`);
  return rows.join('\n') + '\n';
}

export interface ArchiveOptions {
  statements: number;
  signatories?: number;
  /** The repository root: publisher.yaml, assets/ and locales/ are copied from it, as a coalition's folder has them. */
  projectRoot: string;
}

/** Write a project with `statements/bench-NNNN/{en,es}.md, signatories.csv` into `dir`; returns the slugs. */
export async function generateArchive(dir: string, options: ArchiveOptions): Promise<string[]> {
  await cp(path.join(options.projectRoot, 'publisher.yaml'), path.join(dir, 'publisher.yaml'));
  for (const folder of ['assets', 'locales']) {
    await cp(path.join(options.projectRoot, folder), path.join(dir, folder), { recursive: true });
  }
  const slugs: string[] = [];
  for (let i = 0; i < options.statements; i++) {
    const slug = `bench-${String(i + 1).padStart(4, '0')}`;
    const next = random(i + 1);
    const topic = TOPICS[i % TOPICS.length]!;
    const dateline = DATELINES[i % DATELINES.length]!;
    // Dates in the past (spread over about two years), so the date checks hold whatever the clock says.
    const date = new Date(Date.UTC(2024, 0, 1) + (i % 700) * 86_400_000).toISOString().slice(0, 10);
    const body = blocks(next);
    const folder = path.join(dir, 'statements', slug);
    await mkdir(folder, { recursive: true });
    for (const lang of LANGUAGES) {
      const word = (pair: Pair) => pair[INDEX[lang]];
      const title = word([`Coalition calls for ${topic[0]} (${i + 1})`, `La coalición pide ${topic[1]} (${i + 1})`]);
      const summary = word([
        `Organizations and independent experts ask the authorities to act on ${topic[0]}.`,
        `Organizaciones y personas expertas independientes piden a las autoridades actuar sobre ${topic[1]}.`,
      ]);
      // The original carries the date and dateline; the translation inherits them.
      const frontMatter: Record<string, string> = { title, summary, ...(INDEX[lang] === 0 ? { date, dateline: word(dateline) } : {}) };
      await writeFile(path.join(folder, `${lang}.md`), markdown(lang, frontMatter, body));
    }
    await writeFile(path.join(folder, 'signatories.csv'), signatories(next, options.signatories ?? 150));
    slugs.push(slug);
  }
  return slugs;
}
