import type { Statement } from './statement.js';

/** When a statement may be published: the latest embargo any of its languages has (each may set its own). */
export interface Embargo {
  /** The instant as written in the front matter (ISO 8601 with its offset). */
  until: string;
  /** The zone to show it in (the front matter's `timezone:` of the language that sets it). */
  timezone?: string;
}

export function latestEmbargo(statement: Statement): Embargo | undefined {
  let latest: Embargo | undefined;
  for (const lang of statement.languages) {
    const text = statement.text[lang];
    if (text?.embargo && (!latest || Date.parse(text.embargo) > Date.parse(latest.until))) latest = { until: text.embargo, timezone: text.timezone };
  }
  return latest;
}

/** The statement's embargo when it has not lifted at `now` (it lifts at its instant exactly), else none. */
export function embargoAt(statement: Statement, now: Date | number): Embargo | undefined {
  const embargo = latestEmbargo(statement);
  return embargo && Date.parse(embargo.until) > new Date(now).getTime() ? embargo : undefined;
}
