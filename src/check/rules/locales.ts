import type { LocaleFile } from '../../i18n/index.js';
import { localeStrings as stringsOf, type Entry, type Strings } from '../../i18n/strings.js';
import { diagnostic, type Diagnostic, type Place } from '../../model/diagnostic.js';
import type { Lang } from '../../model/languages.js';
import type { CheckContext, ProjectRule } from '../rule.js';

/** i18next's plural suffixes: `count_one`, `count_many`, `place_ordinal_two`. */
const PLURAL = /^(.*)_(ordinal_)?(zero|one|two|few|many|other)$/;

/** A key without its plural suffix, and the plural form it is (absent for a key that is no plural form). */
function pluralOf(key: string): { base: string; form?: string; type: Intl.PluralRuleType } {
  const match = PLURAL.exec(key);
  if (!match) return { base: key, type: 'cardinal' };
  return { base: `${match[1]}${match[2] ? '_ordinal' : ''}`, form: match[3], type: match[2] ? 'ordinal' : 'cardinal' };
}

/** Interpolations (`{{count}}`, `{{- name}}`, `{{date, datetime}}`) by variable name. */
function variablesOf(text: string): Set<string> {
  return new Set([...text.matchAll(/\{\{-?\s*([^{}\s,]+)\s*(?:,[^{}]*)?\}\}/g)].map((match) => match[1]!));
}

/**
 * A string and its plural forms, as one word of the UI: its variables are
 * those of all its forms (a `_one` form may spell out "one" instead of {{count}}).
 */
interface Word {
  base: string;
  type: Intl.PluralRuleType;
  forms: Map<string, Entry>;
  plain?: Entry;
  variables: Set<string>;
}

function wordsOf(strings: Strings): Map<string, Word> {
  const words = new Map<string, Word>();
  for (const entry of strings.entries.values()) {
    const { base, form, type } = pluralOf(entry.key);
    let word = words.get(base);
    if (!word) words.set(base, (word = { base, type, forms: new Map(), variables: new Set() }));
    if (form) word.forms.set(form, entry);
    else word.plain = entry;
    for (const variable of variablesOf(entry.text)) word.variables.add(variable);
  }
  return words;
}

/** Where a word is written (its first form), or where it would go: its parent object, or the top of the file. */
function wordPlace(word: Word | undefined, base: string, strings: Strings): Place {
  const written = word?.plain ?? word?.forms.values().next().value;
  if (written) return written.place;
  for (let parent = base; parent.includes('.'); ) {
    parent = parent.slice(0, parent.lastIndexOf('.'));
    const place = strings.objects.get(parent);
    if (place) return place;
  }
  return { file: strings.file.file, line: 1, column: 1 };
}

/** The smallest whole number a language says in a plural form ("1000000" for Spanish `many`), for the message. */
function exampleOf(rules: Intl.PluralRules, form: string): string | undefined {
  const candidates = [0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 21, 22, 101, 1_000_000, 1.5];
  const found = candidates.find((n) => rules.select(n) === form);
  return found === undefined ? undefined : String(found);
}

/** The second place of a translation's finding: the word in the source language's file. */
const inOriginal = (place: Place) => diagnostic('error', 'locales', 'the word in the original language', place);

/**
 * The plural forms a word needs in `lang` and has not, and those it has that
 * `lang` never chooses (`_zero` is always allowed: i18next uses it for a count
 * of 0 in every language). `original` is where the source language has the
 * word, when `lang` is a translation.
 */
function pluralProblems(word: Word, lang: Lang, strings: Strings, original?: Place): Diagnostic[] {
  const rules = new Intl.PluralRules(lang, { type: word.type });
  const needed = rules.resolvedOptions().pluralCategories;
  const found: Diagnostic[] = [];
  const at = wordPlace(word, word.base, strings);
  // i18next then falls back to the source language, or shows the key in the source language itself.
  const fallback = original ? `the original language's words (${original.file})` : 'the key';
  for (const form of needed.filter((form) => !word.forms.has(form))) {
    const example = exampleOf(rules, form);
    const reason = `\`${word.base}_${form}\` is missing: \`${lang}\` uses the plural form \`${form}\`${example ? ` (for ${example})` : ''}, where the text would show ${fallback}; add it, translated`;
    found.push(diagnostic('error', 'locales', reason, at, original && inOriginal(original)));
  }
  for (const [form, entry] of word.forms) {
    if (form === 'zero' || needed.includes(form as Intl.LDMLPluralRule)) continue;
    found.push(diagnostic('error', 'locales', `\`${entry.key}\` is a plural form \`${lang}\` never uses (it has ${needed.map((f) => `\`${f}\``).join(', ')}): remove it`, entry.place));
  }
  return found;
}

/** A translated word with other interpolations than the original: a value never filled in, or one never shown. */
function variableProblems(word: Word, sourceWord: Word, at: Place, original: Place): Diagnostic[] {
  const missing = [...sourceWord.variables].filter((variable) => !word.variables.has(variable));
  const extra = [...word.variables].filter((variable) => !sourceWord.variables.has(variable));
  const list = (variables: string[]) => variables.map((variable) => `{{${variable}}}`).join(', ');
  const them = (variables: string[]) => (variables.length > 1 ? 'them' : 'it');
  const found: Diagnostic[] = [];
  if (missing.length > 0) {
    found.push(diagnostic('error', 'locales', `\`${word.base}\` lacks ${list(missing)}, which the original has (${original.file}): add ${them(missing)} to the translation`, at, inOriginal(original)));
  }
  if (extra.length > 0) {
    const reason = `\`${word.base}\` has ${list(extra)}, which the original does not (${original.file}), so nothing fills ${them(extra)} in: remove ${them(extra)}, or add ${them(extra)} to the original and every language`;
    found.push(diagnostic('error', 'locales', reason, at, inOriginal(original)));
  }
  return found;
}

/** One namespace file of a translation against the same file of the source language. */
function compare(source: Strings, target: Strings): Diagnostic[] {
  const sourceWords = wordsOf(source);
  const targetWords = wordsOf(target);
  const found: Diagnostic[] = [];
  for (const [base, sourceWord] of sourceWords) {
    const word = targetWords.get(base);
    const sourcePlace = wordPlace(sourceWord, base, source);
    if (!word) {
      const reason = `\`${sourceWord.plain?.key ?? base}\` is missing, though ${sourcePlace.file} has it, so the \`${target.file.lang}\` pages would show the original language's words: add it, translated`;
      found.push(diagnostic('error', 'locales', reason, wordPlace(undefined, base, target), inOriginal(sourcePlace)));
      continue;
    }
    if (sourceWord.forms.size > 0) found.push(...pluralProblems(word, target.file.lang, target, sourcePlace));
    found.push(...variableProblems(word, sourceWord, wordPlace(word, base, target), sourcePlace));
  }
  for (const [base, word] of targetWords) {
    if (sourceWords.has(base)) continue;
    const at = wordPlace(word, base, target);
    const sourceFile = source.file.file;
    found.push(diagnostic('error', 'locales', `\`${word.plain?.key ?? base}\` is not in the original language's ${sourceFile}, so nothing shows it: remove it, or add it to ${sourceFile} and every language`, at));
  }
  return found;
}

/**
 * Every key of the source language's locale files in every other configured
 * language and no other, with the same interpolations and the plural forms
 * each language needs (Intl.PluralRules); the source's own plural forms are
 * checked against its language too.
 */
function check(ctx: CheckContext): Diagnostic[] {
  const [sourceLang, ...translations] = ctx.settings.languages;
  const filesOf = (lang: Lang) => ctx.locales.files.filter((file) => file.lang === lang);
  const strings = (file: LocaleFile) => stringsOf(file, ctx.locales.resources[file.lang]?.[file.namespace]);
  const found: Diagnostic[] = [];
  for (const sourceFile of filesOf(sourceLang!)) {
    const source = strings(sourceFile);
    for (const word of wordsOf(source).values()) {
      if (word.forms.size > 0) found.push(...pluralProblems(word, sourceLang!, source));
    }
    for (const lang of translations) {
      const targetFile = filesOf(lang).find((file) => file.namespace === sourceFile.namespace);
      // A missing file is reported while reading the locales: nothing can be compared.
      if (targetFile) found.push(...compare(source, strings(targetFile)));
    }
  }
  return found;
}

export const locales: ProjectRule = {
  id: 'locales',
  severity: 'error',
  description: 'a locale folder or file that is missing or not JSON, or a UI string missing or extra in a language, with other {{variables}} than the original, or without a plural form the language needs',
  stage: 'project',
  check,
};
