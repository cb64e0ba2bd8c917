import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { locales as rule } from '../../../src/check/rules/locales.js';
import { readLocales } from '../../../src/i18n/index.js';
import { defaultPairs, type Lang } from '../../../src/model/languages.js';
import { formatDiagnostic } from '../../../src/model/diagnostic.js';
import { PROJECT_ROOT } from '../../helpers/cli.js';
import { projectCheckContext } from '../../helpers/context.js';

const base = await projectCheckContext();

/** A copy of the repository's locales, with `edits` (file → new text from old) applied. */
async function localesCopy(edits: Record<string, (text: string) => string> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'statements-locales-'));
  await cp(path.join(PROJECT_ROOT, 'locales'), dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const text = await readFile(path.join(dir, file), 'utf8');
    const edited = edit(text);
    if (edited === text) throw new Error(`editing ${file} changed nothing`);
    await writeFile(path.join(dir, file), edited);
  }
  return dir;
}

/** The rule's findings for `languages` over the locales in `dir`, printed with `dir` shown as `locales`. */
async function findings(dir: string, languages: Lang[] = ['en', 'es']): Promise<string[]> {
  const { locales, problems } = readLocales(dir, languages);
  expect(problems).toEqual([]);
  const ctx = { ...base, settings: { languages, pairs: defaultPairs(languages) }, locales };
  return (await rule.check(ctx)).map((finding) => formatDiagnostic(finding).replaceAll(dir, 'locales'));
}

/** The 1-based line and column of `needle` in a locale file of `dir`. */
async function placeOf(dir: string, file: string, needle: string): Promise<string> {
  const text = await readFile(path.join(dir, file), 'utf8');
  const before = text.slice(0, text.indexOf(needle));
  return `${before.split('\n').length}:${before.length - before.lastIndexOf('\n')}`;
}

describe('locales', () => {
  it('finds nothing in the shipped locales, in any order of the four languages', async () => {
    const dir = await localesCopy();
    expect(await findings(dir, ['en', 'es', 'fr', 'pt'])).toEqual([]);
    expect(await findings(dir, ['pt', 'fr', 'es', 'en'])).toEqual([]);
  });

  it('reports a key the translation lacks at its parent in that file, with the original key as second place', async () => {
    const dir = await localesCopy({ 'es/ui.json': (text) => text.replace(/\n\s*"phone": "Teléfono",/, '') });
    const parent = await placeOf(dir, 'es/ui.json', '"contacts"');
    const original = await placeOf(dir, 'en/ui.json', '"phone"');
    expect(await findings(dir)).toEqual([
      `locales/es/ui.json:${parent}: error: \`contacts.phone\` is missing, though locales/en/ui.json has it, so the \`es\` pages would show the original language's words: add it, translated [locales]\n` +
        `  locales/en/ui.json:${original}: note: the word in the original language [locales]`,
    ]);
  });

  it('reports a key only the translation has, at that key', async () => {
    const dir = await localesCopy({ 'es/ui.json': (text) => text.replace('"skipToContent"', '"skipToMain": "Ir al texto",\n  "skipToContent"') });
    expect(await findings(dir)).toEqual([
      `locales/es/ui.json:${await placeOf(dir, 'es/ui.json', '"skipToMain"')}: error: \`skipToMain\` is not in the original language's locales/en/ui.json, so nothing shows it: remove it, or add it to locales/en/ui.json and every language [locales]`,
    ]);
  });

  it('reports an interpolation the translation lacks or adds', async () => {
    const dir = await localesCopy({
      'es/ui.json': (text) => text.replace('"Embargado hasta el {{when}}"', '"Embargado hasta nuevo aviso"').replace('"Página {{page}} de {{pages}}"', '"Página {{page}} de {{total}}"'),
    });
    const embargoed = await placeOf(dir, 'es/ui.json', '"embargoed"');
    const footer = await placeOf(dir, 'es/ui.json', '"footer"');
    const original = await placeOf(dir, 'en/ui.json', '"footer"');
    expect(await findings(dir)).toEqual([
      expect.stringMatching(new RegExp(`^locales/es/ui\\.json:${embargoed}: error: \`release\\.embargoed\` lacks \\{\\{when\\}\\}, which the original has \\(locales/en/ui\\.json\\): add it to the translation \\[locales\\]`)),
      `locales/es/ui.json:${footer}: error: \`page.footer\` lacks {{pages}}, which the original has (locales/en/ui.json): add it to the translation [locales]\n  locales/en/ui.json:${original}: note: the word in the original language [locales]`,
      expect.stringMatching(new RegExp(`^locales/es/ui\\.json:${footer}: error: \`page\\.footer\` has \\{\\{total\\}\\}, which the original does not .*, so nothing fills it in: remove it`)),
    ]);
  });

  it('accepts a plural form that spells the number out, since the word has {{count}} in another form', async () => {
    const dir = await localesCopy({ 'es/ui.json': (text) => text.replace('"{{count}} firmante"', '"Un firmante"') });
    expect(await findings(dir)).toEqual([]);
  });

  it('reports a plural form the language needs (Spanish `many`, for millions) and one it never uses', async () => {
    const dir = await localesCopy({
      'es/ui.json': (text) => text.replace(/\n\s*"count_many": [^\n]*/, ''),
      'en/ui.json': (text) => text.replace('"count_one"', '"count_two": "{{count}} signatories",\n    "count_one"'),
    });
    const es = await placeOf(dir, 'es/ui.json', '"count_one"');
    const en = await placeOf(dir, 'en/ui.json', '"count_two"');
    expect(await findings(dir)).toEqual([
      `locales/en/ui.json:${en}: error: \`signatories.count_two\` is a plural form \`en\` never uses (it has \`one\`, \`other\`): remove it [locales]`,
      `locales/es/ui.json:${es}: error: \`signatories.count_many\` is missing: \`es\` uses the plural form \`many\` (for 1000000), where the text would show the original language's words (locales/en/ui.json); add it, translated [locales]\n` +
        `  locales/en/ui.json:${en}: note: the word in the original language [locales]`,
    ]);
  });

  it('checks the plural forms of the original against its own language', async () => {
    const dir = await localesCopy({ 'en/ui.json': (text) => text.replace(/\n\s*"count_one": [^\n]*/, '') });
    expect(await findings(dir)).toEqual([
      expect.stringMatching(/^locales\/en\/ui\.json:\d+:\d+: error: `signatories\.count_one` is missing: `en` uses the plural form `one` \(for 1\), where the text would show the key; add it, translated \[locales\]$/),
    ]);
  });
});
