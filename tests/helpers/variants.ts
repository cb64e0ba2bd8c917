import { DEFAULT_LANGUAGE_SETTINGS, findVariant, variantsOf, type LanguageSettings, type Variant } from '../../src/model/languages.js';

/** An edition by its file name stem (`en`, `bilingual`, `en-pt`); a name the settings do not have fails the test. */
export function edition(name: string, settings: LanguageSettings = DEFAULT_LANGUAGE_SETTINGS): Variant {
  const found = findVariant(settings, name);
  if (!found) throw new Error(`no edition named ${name}`);
  return found;
}

/** The editions of a statement in the default languages, by name: `en`, `es`, `bilingual`. */
export const VARIANT_NAMES = variantsOf(DEFAULT_LANGUAGE_SETTINGS, DEFAULT_LANGUAGE_SETTINGS.languages).map((edition) => edition.name);
