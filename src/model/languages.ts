/**
 * Languages are configuration: `publisher.yaml` lists them (`languages:`, the
 * first is the source) and the side-by-side pairs (`pairs:`). Nothing else in
 * the code names a language; these defaults are the one place that does.
 */

/** A language as a statement file and a locale folder name it: a lowercase ISO 639 code (`en`, `pt`, `fr`). */
export type Lang = string;

export const LANG_PATTERN = /^[a-z]{2,3}$/;

export const DEFAULT_LANGUAGES: readonly Lang[] = ['en', 'es'];

/** Languages written right to left: the pages, PDFs and emails are laid out left to right only, so these are refused. */
export const RIGHT_TO_LEFT_LANGUAGES: ReadonlySet<Lang> = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ks', 'ku', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language' });

/** A language's name for messages, which are written in English: `Spanish` for `es`, the code itself when Intl has no name. */
export function languageName(lang: Lang): string {
  return LANGUAGE_NAMES.of(lang) ?? lang;
}

export type Pair = readonly [Lang, Lang];

/** What the config says about languages, validated; `languages[0]` is the source. */
export interface LanguageSettings {
  languages: readonly Lang[];
  pairs: readonly Pair[];
}

/** The source with each translation: `[en, es, pt]` gives en-es and en-pt. */
export function defaultPairs(languages: readonly Lang[]): Pair[] {
  return languages.slice(1).map((lang) => [languages[0]!, lang] as const);
}

export const DEFAULT_LANGUAGE_SETTINGS: LanguageSettings = { languages: DEFAULT_LANGUAGES, pairs: defaultPairs(DEFAULT_LANGUAGES) };

export function sourceLanguage(settings: LanguageSettings): Lang {
  return settings.languages[0]!;
}

export function pairName(pair: Pair): string {
  return `${pair[0]}-${pair[1]}`;
}

/**
 * One edition of a statement: a language alone, or a pair side by side. The
 * first configured pair keeps the historic names (`index.html`,
 * `bilingual.pdf`, `bilingual.eml`); every further pair is named `<a>-<b>`.
 */
export interface Variant {
  langs: readonly Lang[];
  /** File name stem of its PDF and email: `es`, `bilingual`, `en-pt`. */
  name: string;
  /** File name stem of its web page: `es`, `index`, `en-pt`. */
  page: string;
}

const FIRST_PAIR_NAME = 'bilingual';

function languageVariant(lang: Lang): Variant {
  return { langs: [lang], name: lang, page: lang };
}

/** Every pair the settings list, named; `index` is its place in `pairs`. */
export function pairVariant(settings: LanguageSettings, index: number): Variant {
  const pair = settings.pairs[index]!;
  return index === 0 ? { langs: pair, name: FIRST_PAIR_NAME, page: 'index' } : { langs: pair, name: pairName(pair), page: pairName(pair) };
}

/** The editions of a statement that has `present` languages: each language, then each configured pair it has both sides of. */
export function variantsOf(settings: LanguageSettings, present: readonly Lang[]): Variant[] {
  const has = new Set(present);
  return [
    ...settings.languages.filter((lang) => has.has(lang)).map(languageVariant),
    ...settings.pairs.flatMap((pair, index) => (has.has(pair[0]) && has.has(pair[1]) ? [pairVariant(settings, index)] : [])),
  ];
}

/** The edition with this file name stem (`es`, `bilingual`, `en-pt`), among all the settings allow. */
export function findVariant(settings: LanguageSettings, name: string): Variant | undefined {
  return variantsOf(settings, settings.languages).find((variant) => variant.name === name);
}

export function isPair(variant: Variant): boolean {
  return variant.langs.length > 1;
}

/**
 * The edition a reader asks for in a list's `language` column: a language
 * (`pt`), a pair as written in the config (`en-pt`), or `bilingual` or
 * nothing for the first pair (nothing is the source when there are no pairs).
 * Answers the variant's file name stem.
 */
export function variantNamed(settings: LanguageSettings, written: string): string | undefined {
  const name = written.trim().toLowerCase();
  if (name === '') return settings.pairs.length > 0 ? FIRST_PAIR_NAME : settings.languages[0];
  if (name === FIRST_PAIR_NAME) return settings.pairs.length > 0 ? FIRST_PAIR_NAME : undefined;
  if (settings.languages.includes(name)) return name;
  const index = settings.pairs.findIndex((pair) => pairName(pair) === name);
  return index < 0 ? undefined : pairVariant(settings, index).name;
}

/** What a `language` column may hold, for messages: `en`, `es`, `en-es`, `bilingual`. */
export function variantChoices(settings: LanguageSettings): string[] {
  return [...settings.languages, ...settings.pairs.map(pairName), ...(settings.pairs.length > 0 ? [FIRST_PAIR_NAME] : [])];
}
