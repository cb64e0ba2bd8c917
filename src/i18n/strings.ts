import { isMap, isScalar, LineCounter, parseDocument, type YAMLMap } from 'yaml';
import type { Place } from '../model/diagnostic.js';
import type { LocaleFile } from './index.js';

/** One string of a locale file: its dotted key (i18next's key separator), its text, and where its key is written. */
export interface Entry {
  key: string;
  text: string;
  place: Place;
}

/** A locale file's strings by key, and where each object's key is written (a missing string is reported at its parent). */
export interface Strings {
  file: LocaleFile;
  entries: Map<string, Entry>;
  objects: Map<string, Place>;
}

/**
 * The strings of a locale file with the place of each key. JSON is YAML, so
 * the `yaml` parser gives the positions; the values are the JSON parser's
 * (what i18next reads), so a file YAML reads differently still has every
 * string, placed at the start of the file.
 */
export function localeStrings(file: LocaleFile, resource: unknown): Strings {
  const lineCounter = new LineCounter();
  const doc = parseDocument(file.text, { lineCounter });
  const places = new Map<string, Place>();
  const at = (offset: number): Place => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: file.file, line, column: col };
  };
  const walk = (map: YAMLMap, prefix: string) => {
    for (const pair of map.items) {
      if (!isScalar(pair.key) || !pair.key.range) continue;
      const key = `${prefix}${String(pair.key.value)}`;
      places.set(key, at(pair.key.range[0]));
      if (isMap(pair.value)) walk(pair.value, `${key}.`);
    }
  };
  if (doc.errors.length === 0 && isMap(doc.contents)) walk(doc.contents, '');
  const entries = new Map<string, Entry>();
  const objects = new Map<string, Place>();
  const placeOf = (key: string) => places.get(key) ?? { file: file.file, line: 1, column: 1 };
  const flatten = (value: unknown, prefix: string) => {
    if (value === null || typeof value !== 'object') {
      entries.set(prefix, { key: prefix, text: String(value), place: placeOf(prefix) });
      return;
    }
    if (prefix) objects.set(prefix, placeOf(prefix));
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key);
  };
  flatten(resource, '');
  return { file, entries, objects };
}
