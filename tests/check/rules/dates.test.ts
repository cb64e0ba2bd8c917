import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dates as rule } from '../../../src/check/rules/dates.js';
import { loadStatement } from '../../../src/load/statement.js';
import { formatDiagnostic } from '../../../src/model/diagnostic.js';
import { projectCheckContext } from '../../helpers/context.js';

/** `now` is 2026-11-20T12:00:00Z. */
const ctx = await projectCheckContext();

/** The rule's findings on a statement whose en.md has `frontMatter` (and es.md `translated`), with `statements/` as the folder shown. */
async function findings(frontMatter: string, translated = 'title: "Ríos"'): Promise<string[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'statements-dates-'));
  await mkdir(path.join(dir, 'x'));
  await writeFile(path.join(dir, 'x/en.md'), `---\ntitle: "Rivers"\n${frontMatter}\n---\n\nText.\n`);
  await writeFile(path.join(dir, 'x/es.md'), `---\n${translated}\n---\n\nTexto.\n`);
  const { value, diagnostics } = await loadStatement(dir, 'x');
  if (!value) throw new Error(diagnostics.map(formatDiagnostic).join('\n'));
  const shown = value.text.en!.file.slice(0, -'x/en.md'.length);
  return (await rule.check(value, ctx)).map((finding) => formatDiagnostic(finding).replaceAll(shown, 'statements/'));
}

describe('dates', () => {
  it('accepts a dated statement, embargoed in its time zone on its own day or later', async () => {
    expect(await findings('date: 2026-12-03')).toEqual([]);
    expect(await findings('date: 2026-12-03\nembargo: 2026-12-03T00:00:00-06:00\ntimezone: America/Costa_Rica')).toEqual([]);
    expect(await findings('date: 2026-12-03\nembargo: 2026-12-04T09:00:00Z\ntimezone: Europe/Madrid')).toEqual([]);
  });

  it('reports an embargo that lifts before the date, at the embargo with the date as second place', async () => {
    expect(await findings('date: 2026-12-03\nembargo: 2026-12-02T09:00:00-06:00\ntimezone: America/Costa_Rica')).toEqual([
      "statements/x/en.md:4:10: error: the embargo lifts on 2026-12-02 at 09:00 in America/Costa_Rica, before the statement's date 2026-12-03: the release would be out before the day it is dated; correct the embargo or the date [dates]\n" +
        "  statements/x/en.md:3:7: note: the statement's date [dates]",
    ]);
  });

  it("judges the day in the statement's time zone, not in UTC", async () => {
    // 05:30 UTC on the 3rd is still the 2nd in Costa Rica (UTC−6), and already the 3rd in Madrid.
    const costaRica = await findings('date: 2026-12-03\nembargo: 2026-12-03T05:30:00Z\ntimezone: America/Costa_Rica');
    expect(costaRica).toEqual([expect.stringContaining('the embargo lifts on 2026-12-02 at 23:30 in America/Costa_Rica, before')]);
    expect(await findings('date: 2026-12-03\nembargo: 2026-12-03T05:30:00Z\ntimezone: Europe/Madrid')).toEqual([]);
  });

  it('reports an embargo without a time zone, and judges its day at its own offset', async () => {
    expect(await findings('date: 2026-12-03\nembargo: 2026-12-02T23:00:00-06:00')).toEqual([
      'statements/x/en.md:4:10: error: the embargo has no time zone: add `timezone:` with the zone whose clocks readers go by (e.g. `timezone: America/Costa_Rica`), so its time is shown as theirs, not at a bare offset [dates]',
      expect.stringMatching(/^statements\/x\/en\.md:4:10: error: the embargo lifts on 2026-12-02 at 23:00 at its own offset, before/),
    ]);
  });

  it('reports a date more than a year after now, and accepts one a year ahead to the day', async () => {
    expect(await findings('date: 2027-11-21')).toEqual([
      'statements/x/en.md:3:7: error: the date 2027-11-21 is more than a year after today (2026-11-20): check the year [dates]',
    ]);
    expect(await findings('date: 2027-11-20')).toEqual([]);
  });

  it('reports an inherited value once, at the original, and a value a translation sets at the translation', async () => {
    expect(await findings('date: 2026-12-03\nembargo: 2026-12-03T10:00:00-06:00')).toEqual([expect.stringMatching(/^statements\/x\/en\.md:4:10: error: the embargo has no time zone/)]);
    expect(await findings('date: 2026-12-03\ntimezone: America/Costa_Rica', 'title: "Ríos"\nembargo: 2026-12-01T10:00:00-06:00')).toEqual([
      expect.stringMatching(/^statements\/x\/es\.md:3:10: error: the embargo lifts on 2026-12-01 at 10:00 in America\/Costa_Rica, before the statement's date 2026-12-03: .*\n {2}statements\/x\/en\.md:3:7: note: the statement's date \[dates\]$/),
    ]);
  });
});
