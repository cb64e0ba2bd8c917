import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type i18n, type Resource, type ResourceLanguage, type TFunction } from 'i18next';
import { LANGUAGES, type Lang } from '../model/statement.js';

export type Translate = TFunction;

/**
 * An i18next instance with every `locales/<lng>/<namespace>.json` loaded
 * synchronously. Values are not HTML-escaped here: every output escapes for
 * its own format (Handlebars for HTML, nothing for PDF and plain text).
 */
export function createI18n(localesDir: string): i18n {
  const resources: Resource = {};
  for (const lang of LANGUAGES) {
    const dir = path.join(localesDir, lang);
    resources[lang] = Object.fromEntries(
      readdirSync(dir)
        .filter((name) => name.endsWith('.json'))
        .sort()
        .map((name) => [path.basename(name, '.json'), JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as ResourceLanguage]),
    );
  }
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    defaultNS: 'ui',
    ns: Object.keys(resources.en ?? {}),
    initAsync: false,
    returnNull: false,
    interpolation: { escapeValue: false, skipOnVariables: true },
  });
  return instance;
}

export function translator(instance: i18n, lang: Lang): Translate {
  return instance.getFixedT(lang);
}
