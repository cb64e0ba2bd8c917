import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type i18n, type Resource, type ResourceLanguage, type TFunction } from 'i18next';
import { isFileSystemError } from '../load/file-errors.js';
import { displayPath } from '../load/read.js';
import type { Lang } from '../model/languages.js';

export type Translate = TFunction;

/** The UI strings of the configured languages, as read from `locales/`, and where they were read. */
export interface LocaleSet {
  dir: string;
  resources: Resource;
}

/** Why a configured language cannot be used: its locale folder or a file in it is missing, unreadable or incomplete. */
export interface LocaleProblem {
  lang: Lang;
  /** The locale file at fault, when it is one file. */
  file?: string;
  reason: string;
}

/** Plural forms differ between languages (`_one`/`_other`, `_many`…): keys are compared without them. */
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix.replace(PLURAL_SUFFIX, '')];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

function readNamespaces(dir: string, lang: Lang): { namespaces?: Record<string, ResourceLanguage>; problem?: LocaleProblem } {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    if (!isFileSystemError(error)) throw error;
    return { problem: { lang, reason: `has no locale folder ${displayPath(dir)}/ (${error.code}): add it with the words the pages, PDFs and emails show (copy locales/en/ and translate it), or remove the language` } };
  }
  const namespaces: Record<string, ResourceLanguage> = {};
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      namespaces[path.basename(name, '.json')] = JSON.parse(readFileSync(file, 'utf8')) as ResourceLanguage;
    } catch (error) {
      if (!(error instanceof SyntaxError) && !isFileSystemError(error)) throw error;
      return { problem: { lang, file, reason: `cannot be read as JSON (${error.message}): fix the file` } };
    }
  }
  return { namespaces };
}

/**
 * Every `locales/<lang>/<namespace>.json` of the configured languages, read
 * synchronously, and what stops a language from being used: a missing folder
 * or file, bad JSON, or a word another language has and this one lacks (it
 * would silently show in another language).
 */
export function readLocales(localesDir: string, languages: readonly Lang[]): { resources: Resource; problems: LocaleProblem[] } {
  const resources: Resource = {};
  const problems: LocaleProblem[] = [];
  for (const lang of languages) {
    const read = readNamespaces(path.join(localesDir, lang), lang);
    if (read.problem) problems.push(read.problem);
    else resources[lang] = read.namespaces!;
  }
  const namespaces = [...new Set(Object.values(resources).flatMap((namespaces) => Object.keys(namespaces)))].sort();
  for (const namespace of namespaces) {
    const keys = new Set(Object.values(resources).flatMap((read) => keysOf(read[namespace])));
    for (const [lang, read] of Object.entries(resources)) {
      const file = path.join(localesDir, lang, `${namespace}.json`);
      if (!read[namespace]) {
        problems.push({ lang, file, reason: `is missing: the other languages have ${namespace}.json; add it, translated` });
        continue;
      }
      const own = new Set(keysOf(read[namespace]));
      const missing = [...keys].filter((key) => !own.has(key));
      if (missing.length > 0) problems.push({ lang, file, reason: `lacks ${missing.length === 1 ? 'a word' : `${missing.length} words`} the other languages have (${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}): add ${missing.length === 1 ? 'it' : 'them'}, translated` });
    }
  }
  return { resources, problems };
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
