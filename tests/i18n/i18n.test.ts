import { readFileSync, readdirSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDate, formatEmbargo } from '../../src/i18n/dates.js';
import { createI18n, readLocales } from '../../src/i18n/index.js';
import { DEFAULT_LANGUAGES } from '../../src/model/languages.js';
import type { Lang } from '../../src/model/statement.js';
import { PROJECT_ROOT } from '../helpers/cli.js';

const LOCALES = path.join(PROJECT_ROOT, 'locales');

describe('locales', () => {
  it('ship English, Spanish, Portuguese and French, each readable', () => {
    const shipped = readdirSync(LOCALES).sort();
    expect(shipped).toEqual(['en', 'es', 'fr', 'pt']);
    const { locales, problems } = readLocales(LOCALES, shipped);
    expect(problems).toEqual([]);
    expect(locales.files.map(({ lang, namespace, file }) => `${lang} ${namespace} ${path.relative(PROJECT_ROOT, file)}`)).toContain('es ui locales/es/ui.json');
  });

  it('report a locale folder that is missing, a file that is not JSON, and a file the other languages have but typography.json (words missing inside a file are the locales check’s)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'statements-locales-'));
    await cp(LOCALES, dir, { recursive: true });
    const ui = path.join(dir, 'pt', 'ui.json');
    const words = JSON.parse(readFileSync(ui, 'utf8')) as { contacts: Record<string, string> };
    delete words.contacts.separator;
    await writeFile(ui, JSON.stringify(words));
    await writeFile(path.join(dir, 'fr', 'pdf.json'), '{ "keywords": ');
    await rm(path.join(dir, 'es', 'email.json'));
    // Without its typography conventions a language is only not checked for typography.
    await rm(path.join(dir, 'pt', 'typography.json'));
    const { problems } = readLocales(dir, ['en', 'pt', 'fr', 'de', 'es']);
    expect(problems.map(({ lang, file, reason }) => `${lang} ${file ? path.relative(dir, file) : '-'}: ${reason}`)).toEqual([
      expect.stringMatching(/^fr fr\/pdf\.json: cannot be read as JSON \(.*\): fix the file$/),
      expect.stringMatching(/^de -: has no locale folder .*\/de\/ \(ENOENT\): add it/),
      'es es/email.json: is missing: the other languages have email.json; add it, translated',
    ]);
  });

  it('translate with plurals per language', () => {
    const i18n = createI18n(readLocales(LOCALES, DEFAULT_LANGUAGES).locales.resources, DEFAULT_LANGUAGES);
    expect(i18n.getFixedT('en')('signatories.count', { count: 1 })).toBe('1 signatory');
    expect(i18n.getFixedT('en')('signatories.count', { count: 30 })).toBe('30 signatories');
    expect(i18n.getFixedT('es')('signatories.count', { count: 30 })).toBe('30 firmantes');
    // CLDR gives Spanish a `many` form for millions: "1.000.000 de firmantes", not the English words i18next would fall back to.
    expect(i18n.getFixedT('es')('signatories.count', { count: 1_000_000 })).toBe('1000000 de firmantes');
    expect(i18n.getFixedT('es')('release.immediate')).toBe('Para difusión inmediata');
  });

  it('treat interpolated values as data: no nesting, no interpolation, no escaping', () => {
    const t = createI18n(readLocales(LOCALES, DEFAULT_LANGUAGES).locales.resources, DEFAULT_LANGUAGES).getFixedT('en');
    expect(t('release.embargoed', { when: '$t(release.immediate) {{when}} <b>&' })).toBe('Embargoed until $t(release.immediate) {{when}} <b>&');
  });
});

describe('dates', () => {
  it('write the release date for each language', () => {
    expect(formatDate('2017-12-04', 'en')).toBe('December 4, 2017');
    expect(formatDate('2017-12-04', 'es')).toBe('4 de diciembre de 2017');
    expect(formatDate('2020-01-01', 'es')).toBe('1 de enero de 2020');
  });

  it('write an embargo at the offset the statement gave', () => {
    expect(formatEmbargo('2026-12-04T10:00:00-06:00', 'en')).toBe('December 4, 2026 at 10:00 AM UTC−06:00');
    expect(formatEmbargo('2026-12-04T23:30:00+05:30', 'es')).toBe('4 de diciembre de 2026 a las 23:30 UTC+05:30');
    expect(formatEmbargo('2026-12-04T16:00:00Z', 'en')).toBe('December 4, 2026 at 4:00 PM UTC');
  });

  it('write an embargo in a named time zone when one is set, by its long name', () => {
    expect(formatEmbargo('2026-12-04T10:00:00-06:00', 'en', 'America/Mexico_City')).toBe('December 4, 2026 at 10:00 AM Central Standard Time');
    expect(formatEmbargo('2026-12-04T09:00:00-06:00', 'es', 'America/Mexico_City')).toBe('4 de diciembre de 2026 a las 9:00 hora estándar central');
    expect(formatEmbargo('2026-12-04T16:00:00Z', 'es', 'Europe/Madrid')).toBe('4 de diciembre de 2026 a las 17:00 hora estándar de Europa central');
    expect(formatEmbargo('2026-12-04T09:00:00-05:00', 'en', 'America/Lima')).toBe('December 4, 2026 at 9:00 AM Peru Standard Time');
    // A zone without a name is shown by its offset, as an embargo without a zone is.
    expect(formatEmbargo('2026-12-04T16:00:00Z', 'es', 'Etc/GMT+5')).toBe('4 de diciembre de 2026 a las 11:00 UTC−05:00');
  });

  /** How a formatted embargo names its zone: the zone's short or long name in that language, or an offset. */
  function zoneStyle(formatted: string, lang: string, timeZone: string, instant: Date): 'short' | 'long' | 'offset' {
    const name = (style: 'short' | 'long') => new Intl.DateTimeFormat(lang, { timeZone, timeZoneName: style }).formatToParts(instant).find((part) => part.type === 'timeZoneName')!.value;
    if (/ UTC[+\u2212]\d{2}:\d{2}$/.test(formatted)) return 'offset';
    if (formatted.endsWith(` ${name('long')}`)) return 'long';
    if (formatted.endsWith(` ${name('short')}`)) return 'short';
    throw new Error(`"${formatted}" names ${timeZone} neither way`);
  }

  const ZONES = ['America/Mexico_City', 'America/Costa_Rica', 'America/Bogota', 'America/Lima', 'Europe/Madrid', 'Europe/Paris', 'America/Sao_Paulo', 'America/New_York', 'Europe/London', 'UTC', 'Etc/GMT+5'];
  const LANGS = ['en', 'es', 'pt', 'fr'] as const;
  const INSTANTS = ['2026-12-04T16:00:00Z', '2026-07-04T16:00:00Z'];

  it.each(ZONES)('names %s the same way in every language, never by a bare offset unless it has no name', (timeZone) => {
    for (const embargo of INSTANTS) {
      const instant = new Date(embargo);
      // formatEmbargo takes the project's languages; Portuguese and French show that the rule does not depend on English and Spanish.
      const styles = LANGS.map((lang) => zoneStyle(formatEmbargo(embargo, lang as Lang, timeZone), lang, timeZone, instant));
      expect(new Set(styles).size, `${timeZone} at ${embargo}: ${styles.join(', ')}`).toBe(1);
      const nameless = /^Etc\//.test(timeZone);
      expect(styles[0], `${timeZone} at ${embargo}`).toBe(nameless ? 'offset' : 'long');
      for (const lang of LANGS) expect(formatEmbargo(embargo, lang as Lang, timeZone)).not.toMatch(/(GMT|UTC)[+\-\u2212]\d{1,2}$/);
    }
  });
});
