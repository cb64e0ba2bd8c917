import { describe, expect, it } from 'vitest';
import { embargoAt, latestEmbargo } from '../../src/model/embargo.js';
import type { Statement } from '../../src/model/statement.js';
import { fixtureStatement } from '../helpers/context.js';

/** The fixture with these embargoes per language (undefined: none). */
async function withEmbargoes(embargoes: Record<string, string | undefined>): Promise<Statement> {
  const statement = await fixtureStatement('complete-statement');
  const text = Object.fromEntries(Object.entries(statement.text).map(([lang, own]) => [lang, { ...own, embargo: embargoes[lang] }]));
  return { ...statement, text };
}

describe('the embargo clock', () => {
  const lifts = '2026-12-03T09:00:00-06:00';

  it('holds a statement until its embargo instant, and lets it go at that instant exactly', async () => {
    const statement = await withEmbargoes({ en: lifts, es: lifts });
    expect(embargoAt(statement, new Date('2026-12-03T14:59:59Z'))).toEqual({ until: lifts, timezone: 'America/Mexico_City' });
    expect(embargoAt(statement, new Date('2026-12-03T15:00:00Z'))).toBeUndefined();
    expect(embargoAt(statement, new Date('2027-01-01T00:00:00Z'))).toBeUndefined();
  });

  it('compares instants, not the text: the same moment written at another offset', async () => {
    const statement = await withEmbargoes({ en: '2026-12-03T16:00:00+01:00' });
    expect(embargoAt(statement, new Date('2026-12-03T14:59:00Z'))).toBeDefined();
    expect(embargoAt(statement, new Date('2026-12-03T15:00:00Z'))).toBeUndefined();
  });

  it("takes the latest of the languages' embargoes: a translation with a later one holds the whole statement", async () => {
    const later = '2026-12-04T09:00:00-06:00';
    const statement = await withEmbargoes({ en: lifts, es: later });
    expect(latestEmbargo(statement)?.until).toBe(later);
    expect(embargoAt(statement, new Date('2026-12-03T20:00:00Z'))?.until).toBe(later);
  });

  it('a statement without an embargo is never held', async () => {
    const statement = await withEmbargoes({});
    expect(latestEmbargo(statement)).toBeUndefined();
    expect(embargoAt(statement, new Date('1970-01-01T00:00:00Z'))).toBeUndefined();
  });
});
