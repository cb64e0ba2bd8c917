import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type i18n, type Resource, type ResourceLanguage, type TFunction } from 'i18next';
import { isFileSystemError } from '../load/file-errors.js';
import { displayPath } from '../load/read.js';
import type { Loaded } from '../load/statement.js';
import type { PublisherConfig } from '../model/config.js';
import { diagnostic } from '../model/diagnostic.js';
import type { Lang } from '../model/languages.js';

export type Translate = TFunction;

/** One `locales/<lang>/<namespace>.json` as read, for the checks that point into it. */
export interface LocaleFile {
  lang: Lang;
  namespace: string;
  /** The path as shown in diagnostics. */
  file: string;
  text: string;
}

/** The UI strings of the configured languages, as read from `locales/`, and where they were read. */
export interface LocaleSet {
  dir: string;
  resources: Resource;
  /** Every file read, in the order of the configured languages, then of namespace names. */
  files: LocaleFile[];
}

/** Why a configured language cannot be used: its locale folder or a file in it is missing or unreadable. */
export interface LocaleProblem {
  lang: Lang;
  /** The locale file at fault, when it is one file. */
  file?: string;
  reason: string;
}

function readNamespaces(dir: string, lang: Lang): { namespaces?: Record<string, ResourceLanguage>; files?: LocaleFile[]; problem?: LocaleProblem } {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    if (!isFileSystemError(error)) throw error;
    return { problem: { lang, reason: `has no locale folder ${displayPath(dir)}/ (${error.code}): add it with the words the pages, PDFs and emails show (copy locales/en/ and translate it), or remove the language` } };
  }
  const namespaces: Record<string, ResourceLanguage> = {};
  const files: LocaleFile[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    const namespace = path.basename(name, '.json');
    try {
      const text = readFileSync(file, 'utf8');
      namespaces[namespace] = JSON.parse(text) as ResourceLanguage;
      files.push({ lang, namespace, file: displayPath(file), text });
    } catch (error) {
      if (!(error instanceof SyntaxError) && !isFileSystemError(error)) throw error;
      return { problem: { lang, file, reason: `cannot be read as JSON (${error.message}): fix the file` } };
    }
  }
  return { namespaces, files };
}

/**
 * Namespaces a language may go without: `typography.json` holds a language's
 * typographic conventions, and a language without them is simply not checked
 * for typography (src/check/rules/typography-marks.ts), so its absence stops
 * nothing. Every other namespace holds words the outputs show.
 */
const OPTIONAL_NAMESPACES: readonly string[] = ['typography'];

/**
 * Every `locales/<lang>/<namespace>.json` of the configured languages, read
 * synchronously, and what stops a language from being used at all: a missing
 * folder or file (but for {@link OPTIONAL_NAMESPACES}), or bad JSON. Whether
 * the files agree key by key is the `locales` check's to say
 * (src/check/rules/locales.ts).
 */
export function readLocales(localesDir: string, languages: readonly Lang[]): { locales: LocaleSet; problems: LocaleProblem[] } {
  const resources: Resource = {};
  const files: LocaleFile[] = [];
  const problems: LocaleProblem[] = [];
  for (const lang of languages) {
    const read = readNamespaces(path.join(localesDir, lang), lang);
    if (read.problem) problems.push(read.problem);
    else {
      resources[lang] = read.namespaces!;
      files.push(...read.files!);
    }
  }
  const namespaces = [...new Set(Object.values(resources).flatMap((namespaces) => Object.keys(namespaces)))].sort();
  for (const namespace of namespaces.filter((name) => !OPTIONAL_NAMESPACES.includes(name))) {
    for (const [lang, read] of Object.entries(resources)) {
      if (read[namespace]) continue;
      const file = path.join(localesDir, lang, `${namespace}.json`);
      problems.push({ lang, file, reason: `is missing: the other languages have ${namespace}.json; add it, translated` });
    }
  }
  return { locales: { dir: localesDir, resources, files }, problems };
}

/**
 * An i18next instance over the locales read by {@link readLocales}. Values are
 * not HTML-escaped here: every output escapes for its own format (Handlebars
 * for HTML, nothing for PDF and plain text).
 */
export function createI18n(resources: Resource, languages: readonly Lang[]): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: languages[0],
    fallbackLng: languages[0],
    supportedLngs: [...languages],
    defaultNS: 'ui',
    ns: Object.keys(resources[languages[0]!] ?? {}),
    initAsync: false,
    returnNull: false,
    interpolation: { escapeValue: false, skipOnVariables: true },
  });
  return instance;
}

export function translator(instance: i18n, lang: Lang): Translate {
  return instance.getFixedT(lang);
}

/**
 * The configured languages' UI strings, or why i18n is impossible (a missing
 * folder or file, bad JSON), as errors at the language's place in the config.
 */
export function loadLocales(localesDir: string, config: PublisherConfig): Loaded<LocaleSet> {
  const { languages, file, languagePlaces } = config;
  const { locales, problems } = readLocales(localesDir, languages);
  const diagnostics = problems.map((problem) => {
    const at = { file, ...languagePlaces[languages.indexOf(problem.lang)] };
    const reason = problem.file ? `language \`${problem.lang}\`: ${displayPath(problem.file)} ${problem.reason}` : `language \`${problem.lang}\` ${problem.reason}`;
    return diagnostic('error', 'locales', reason, at);
  });
  return diagnostics.length > 0 ? { diagnostics } : { value: locales, diagnostics };
}
