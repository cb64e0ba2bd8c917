import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckContext } from '../../../src/check/rule.js';
import { typographyFindings, typographyOf } from '../../../src/check/rules/typography-marks.js';
import { MAX_FINDINGS_PER_FILE, typography } from '../../../src/check/rules/typography.js';
import { readLocales } from '../../../src/i18n/index.js';
import { loadStatement } from '../../../src/load/statement.js';
import type { Diagnostic } from '../../../src/model/diagnostic.js';
import type { Statement } from '../../../src/model/statement.js';
import { PROJECT_ROOT } from '../../helpers/cli.js';
import { projectCheckContext } from '../../helpers/context.js';

const NBSP = '\u00a0';
const NNBSP = '\u202f';
const LANGUAGES = ['en', 'es', 'pt', 'fr'];

let ctx: CheckContext;

beforeAll(() => {
  const { locales, problems } = readLocales(path.join(PROJECT_ROOT, 'locales'), LANGUAGES);
  expect(problems).toEqual([]);
  ctx = { locales } as CheckContext;
});

const FRONT = '---\ntitle: "A title"\n---\n\n';

/** The rule's findings for one Markdown file's text in `lang`: only `file` and `source` of the statement are read. */
function check(source: string, lang: string, context = ctx): Diagnostic[] {
  const statement = { languages: [lang], text: { [lang]: { file: `${lang}.md`, source } } } as unknown as Statement;
  return typography.check(statement, context) as Diagnostic[];
}

function fix(source: string, lang: string, context = ctx): string {
  return typography.fix!(source, lang, context).text;
}

const places = (findings: Diagnostic[]) => findings.map((finding) => `${finding.line}:${finding.column}`);

/** A body paragraph after a short front matter: its first character is on line 5, column 1. */
const body = (text: string) => `${FRONT}${text}\n`;

describe('typography: quotation marks and apostrophes', () => {
  it('makes English straight quotes curly, nested ones single, apostrophes ’, at the line and column of each', () => {
    const text = body(`The union's chair said "We won't accept 'voluntary' rules" today.`);
    expect(places(check(text, 'en'))).toEqual(['5:10', '5:24', '5:31', '5:41', '5:51', '5:58']);
    expect(check(text, 'en')[1]!.reason).toBe('a straight quote: write “ here (English opening quotation mark); `statements check --fix` does it');
    expect(fix(text, 'en')).toBe(body('The union’s chair said “We won’t accept ‘voluntary’ rules” today.'));
  });

  it('uses Spanish angle quotes outside and curly ones inside, keeping quotes already right', () => {
    expect(fix(body('Dijo "basta" y «ella respondió "no"».'), 'es')).toBe(body('Dijo «basta» y «ella respondió “no”».'));
    expect(fix(body('"La ley dice "agua para todos"", afirmó.'), 'es')).toBe(body('«La ley dice “agua para todos”», afirmó.'));
  });

  it('uses curly quotes in Portuguese', () => {
    expect(fix(body('A coalizão afirmou: "a água é um bem comum".'), 'pt')).toBe(body('A coalizão afirmou: “a água é um bem comum”.'));
  });

  it('puts French guillemets with a narrow no-break space inside, also for quotes typed with spaces', () => {
    expect(fix(body('Elle a dit "Assez" puis " Jamais " en partant.'), 'fr')).toBe(body(`Elle a dit «${NNBSP}Assez${NNBSP}» puis «${NNBSP}Jamais${NNBSP}» en partant.`));
    expect(fix(body('Elle a dit « oui» et «non ».'), 'fr')).toBe(body(`Elle a dit «${NNBSP}oui${NNBSP}» et «${NNBSP}non${NNBSP}».`));
    expect(fix(body('Dijo « sí » y « no ».'), 'es')).toBe(body('Dijo «sí» y «no».'));
  });

  it('leaves quotes it cannot tell: inch marks and a lone quote between spaces', () => {
    const text = body('A 12" pipe and a 5 " gap.');
    expect(check(text, 'en')).toEqual([]);
  });

  it('accepts text already written with the right marks', () => {
    expect(check(body('The union’s chair said “We won’t accept ‘voluntary’ rules.”'), 'en')).toEqual([]);
    expect(check(body('«Nadie debería elegir entre el salario de un día y su vida», afirmó.'), 'es')).toEqual([]);
    expect(check(body(`«${NNBSP}Personne ne devrait choisir${NNBSP}», a-t-elle dit${NNBSP}!`), 'fr')).toEqual([]);
  });
});

describe('typography: spaces', () => {
  it('removes a space before punctuation and a double space', () => {
    const text = body('Water is a right , not a favour .  We ask for it now !');
    expect(places(check(text, 'en'))).toEqual(['5:17', '5:32', '5:34', '5:53']);
    expect(fix(text, 'en')).toBe(body('Water is a right, not a favour. We ask for it now!'));
  });

  it('leaves an ellipsis, a decimal and a line break alone', () => {
    expect(check(body('We waited ... and the flow fell by .5 m³/s.\nThen  \nit stopped.'), 'en')).toEqual([]);
  });

  it('writes the space before % and °C each language wants', () => {
    expect(fix(body('It fell 31 % at 32°C and 40 °C.'), 'en')).toBe(body(`It fell 31% at 32${NBSP}°C and 40${NBSP}°C.`));
    expect(fix(body('Cayó un 31% a 32°C y un 12,5 %.'), 'es')).toBe(body(`Cayó un 31${NBSP}% a 32${NBSP}°C y un 12,5${NBSP}%.`));
    expect(fix(body('Caiu 31% a 32 °C.'), 'pt')).toBe(body(`Caiu 31${NBSP}% a 32${NBSP}°C.`));
    expect(check(body(`Baisse de 31${NNBSP}% et de 12${NBSP}%.`), 'fr')).toEqual([]);
  });

  it('reports a missing no-break space at the % sign, and a wrong space at the space', () => {
    const findings = check(body('Cayó un 31% y un 12 %.'), 'es');
    expect(places(findings)).toEqual(['5:11', '5:20']);
    expect(findings[0]!.reason).toBe('no space before `%`: Spanish writes a no-break space (U+00A0) there; `statements check --fix` does it');
  });

  it('puts French narrow no-break spaces before ; : ! ? but not inside 10:30 or ?!', () => {
    expect(fix(body('Attention: la réunion est à 10:30; venez ! Vraiment?!'), 'fr')).toBe(body(`Attention${NNBSP}: la réunion est à 10:30${NNBSP}; venez${NNBSP}! Vraiment${NNBSP}?!`));
  });
});

describe('typography: Spanish inverted marks', () => {
  it('reports a question or exclamation without its opening mark, and one never closed, without fixing them', () => {
    const text = body('Qué esperan? ¡Basta ya! ¿Hasta cuándo. Ahora!');
    const findings = check(text, 'es');
    expect(places(findings)).toEqual(['5:12', '5:25', '5:45']);
    expect(findings[0]!.reason).toContain('add ¿ where it begins');
    expect(findings[1]!.reason).toContain('`¿` opens what no `?` closes');
    expect(fix(text, 'es')).toBe(text);
  });

  it('passes balanced marks, and does not ask English for them', () => {
    expect(check(body('¿Hasta cuándo? ¡Basta ya! Si llueve, ¿vendrán?'), 'es')).toEqual([]);
    expect(check(body('How long? Enough!'), 'en')).toEqual([]);
  });
});

describe('typography: only prose', () => {
  const markup = [
    '---',
    'title: "The \\"Water\\" Act"',
    "subtitle: 'The people''s law'",
    'summary: >',
    '  What "commons" means',
    'contacts:',
    '  - name: "Daniel O\'Connor"',
    '    organization: "Outdoor Workers\' Union"',
    '---',
    '',
    'Run `statements "x"` or see <https://example.org/"a"> and [the "report"](https://example.org/a\'b "it\'s") [^it\'s].',
    '',
    '```',
    'say "hello"  world',
    '```',
    '',
    '    indented "code"',
    '',
    '<div title="a \'b\'">',
    '"raw"  html',
    '</div>',
    '',
    'Inline <abbr title="x \'y\'">"WHO"</abbr> and \\"escaped\\" and &quot;ref&quot; www.example.org/"q".',
    '',
    '![an "image"](https://example.org/i.png)',
    '',
    '[ref]: https://example.org/"d" "a \'title\'"',
    '',
    '[^it\'s]: A "note".',
    '',
  ].join('\n');

  it('fixes the prose and nothing in code, URLs, raw HTML, escapes, keys, labels or contacts', () => {
    const expected = markup
      .replace('"The \\"Water\\" Act"', '"The “Water” Act"')
      .replace("'The people''s law'", "'The people’s law'")
      .replace('What "commons" means', 'What “commons” means')
      .replace('[the "report"]', '[the “report”]')
      .replace('A "note".', 'A “note”.');
    expect(fix(markup, 'en')).toBe(expected);
    expect(check(markup, 'en')).toHaveLength(9);
  });

  it('keeps the text of a shortcut or collapsed link reference, which is its label, and fixes the text of a full one', () => {
    const text = [
      FRONT.trimEnd(),
      '',
      "See [the workers' report], [the workers' report][] and [the union's \"own\" summary][the workers' report].",
      '',
      "[the workers' report]: https://example.org/report",
      '',
    ].join('\n');
    const fixed = fix(text, 'en');
    expect(fixed).toBe(text.replace(`[the union's "own" summary]`, '[the union’s “own” summary]'));
    // All three still link: each reference still matches its definition.
    expect(fixed.match(/\[the workers' report\]/g)).toHaveLength(4);
    expect(places(check(text, 'en'))).toEqual(['5:66', '5:69', '5:73']);
  });
});

describe('typography: fixing', () => {
  const messy = [
    '---',
    'title: \'Groups say "enough"\'',
    'summary: Water is a right , not a favour',
    '---',
    '',
    '## The "Water Commons" Act',
    '',
    '> "It\'s our river.  We won\'t give it up."',
    '> — a resident',
    '',
    '| place | flow |',
    '|---|---|',
    '| "Las Piedras" | down 31 % |',
    '',
    '- the basin\'s "balance" ;',
    '  continued  here',
    '',
  ].join('\n');

  it('is idempotent, and leaves nothing for the check to find', () => {
    for (const lang of LANGUAGES) {
      const once = fix(messy, lang);
      expect(fix(once, lang), lang).toBe(once);
      expect(check(once, lang), lang).toEqual([]);
    }
  });

  it('changes only the characters it reports, keeping CRLF line endings and the last line without a newline', () => {
    const crlf = messy.replace(/\n/g, '\r\n').replace(/\r\n$/, '');
    const fixed = fix(crlf, 'en');
    expect(fixed.match(/\r\n/g)).toHaveLength(crlf.match(/\r\n/g)!.length);
    expect(fixed.endsWith('continued here')).toBe(true);
    // Undo each kind of fix: what is left is the original, byte for byte.
    expect(fixed.replace(/[“”]/g, '"').replace(/’/g, "'")).toBe(crlf.replace(/ ,/g, ',').replace(/ ;/g, ';').replace(/31 %/, '31%').replace(/(?<=\S) {2,}(?=\S)/g, ' '));
    const findings = check(crlf, 'en');
    expect(places(findings)).toContain('8:3');
    expect(typography.fix!(crlf, 'en', ctx).fixed).toBe(findings.length);
  });
});

describe('typography: limits and languages', () => {
  it('shows at most 20 findings a file, then how many more', () => {
    const text = body(Array.from({ length: 25 }, (_, index) => `word${index} ,`).join(' '));
    const findings = check(text, 'en');
    expect(findings).toHaveLength(MAX_FINDINGS_PER_FILE + 1);
    expect(findings.at(-1)!.reason).toMatch(/^and 5 more typography findings in this file/);
    expect(fix(text, 'en')).not.toContain(' ,');
  });

  it('pairs quotes inside thousands of marks never closed', () => {
    // Each `«` stays open: every later quote is looked up among all of them. A run of its own, as Markdown parsing would be the slow part.
    const times = 20_000;
    const text = Array.from({ length: times }, () => `«O’Higgins dijo 'basta' y "no"`).join(' ');
    const offsets = Array.from(text, (_, index) => index);
    const run = { text, from: offsets, to: offsets.map((offset) => offset + 1) };
    const findings = typographyFindings(run, typographyOf(ctx.locales.resources, 'es')!);
    expect(findings).toHaveLength(4 * times);
    let at = 0;
    const pieces: string[] = [];
    for (const { fix } of findings.sort((a, b) => a.at - b.at)) {
      pieces.push(text.slice(at, fix!.start), fix!.text);
      at = fix!.end;
    }
    const fixed = pieces.join('') + text.slice(at);
    expect(fixed).toBe(Array.from({ length: times }, () => '«O’Higgins dijo ‘basta’ y “no”').join(' '));
  });

  it('gives a language without typography.json no findings, and changes nothing of its files', () => {
    const withoutFrench = { locales: { dir: 'locales', resources: { ...ctx.locales.resources, fr: { ui: {} } } } } as unknown as CheckContext;
    const text = body('Elle a dit "non" ; 31%.');
    expect(check(text, 'fr', withoutFrench)).toEqual([]);
    expect(fix(text, 'fr', withoutFrench)).toBe(text);
    expect(check(text, 'de')).toEqual([]);
  });

  it('passes the sample statements', async () => {
    const context = await projectCheckContext();
    for (const slug of ['river-basin-water-rights', 'heat-safety-for-outdoor-workers']) {
      const { value } = await loadStatement(path.join(PROJECT_ROOT, 'statements'), slug);
      expect(typography.check(value!, context), slug).toEqual([]);
    }
  });
});
