import { existsSync } from 'node:fs';
import path from 'node:path';
import { formatEmbargo } from '../i18n/dates.js';
import { displayPath } from '../load/read.js';
import { fromData, toData, type Diagnostic } from '../model/diagnostic.js';
import type { LanguageSettings } from '../model/languages.js';
import type { Lang } from '../model/statement.js';
import type { Format } from '../render/index.js';
import type { BuildOptions } from './build.js';
import { cacheDir, fileStamp, freshFiles, readEntry, writeEntry, type CacheEntry } from './cache.js';
import { caughtDiagnostic } from './errors.js';
import type { Produced, ProducedFile } from './produced.js';
import { embargoedByRecord } from './held.js';
import { digestOf, outputKey, statementDigest } from './snapshot.js';
import type { WriteFs } from './write.js';

// The build's side of the cache (cache.ts): what it knows of a statement before anything is made, and what it records after.

export type StatementOutcome =
  | { kind: 'failed' }
  | { kind: 'published'; files: string[]; missing: string[]; upToDate?: boolean }
  | { kind: 'embargoed'; until: string; files: string[]; missing: string[]; withdrawn: boolean; upToDate?: boolean };

/** What one statement came to, with its own diagnostics (statements are made in parallel, reported in order). */
export interface Done {
  outcome: StatementOutcome;
  diagnostics: Diagnostic[];
}

/** What the cache knows of a statement before anything is made. */
export interface Plan {
  slug: string;
  entry?: CacheEntry;
  checkKey?: string;
  keyOf?: (format: Format) => string;
  /** Files in out/ the cache says are up to date. */
  fresh: string[];
  /** Every output wanted is up to date and the checks' findings still hold: nothing to do. */
  upToDate: boolean;
  /** Under embargo still, nothing of it in out/, and its copies in the embargoed folder up to date: nothing to do either. */
  held?: CacheEntry;
}

const wantedBy = (options: BuildOptions) => (output: { format: Format }) => options.formats?.has(output.format) ?? true;

/** `heldDir`: the embargoed folder, whose copies are cached too (not when a preview is asked for: its pages are always made). */
export async function planStatement(slug: string, options: BuildOptions, settings: LanguageSettings, now: Date, heldDir?: string): Promise<Plan> {
  const cache = options.cache;
  if (!cache) return { slug, fresh: [], upToDate: false };
  const statement = await statementDigest(options.statementsDir, slug, settings.languages);
  if (!statement) return { slug, fresh: [], upToDate: false };
  const { project } = cache;
  // The checks read the statement, the config, the UI strings and the fonts; `dates` compares with today.
  const day = now.toISOString().slice(0, 10);
  const checkKey = digestOf(['check', statement, project.config, project.logo, project.locales, project.fonts, project.tool, day, options.force ? 'force' : '']);
  const keyOf = (format: Format) => outputKey(format, statement, project);
  if (cache.clean) return { slug, checkKey, keyOf, fresh: [], upToDate: false };
  const held = heldDir && !existsSync(path.join(options.outDir, slug)) ? await heldCopies(heldDir, slug, options, checkKey, keyOf, now) : undefined;
  if (held) return { slug, checkKey, keyOf, fresh: [], upToDate: false, held };
  const entry = await readEntry(options.outDir, slug);
  if (!entry) return { slug, checkKey, keyOf, fresh: [], upToDate: false };
  const fresh = await freshFiles(options.outDir, slug, entry, keyOf);
  // A statement published before and now under a later embargo (an earlier --now) is made again, to be taken out.
  const upToDate = !embargoedByRecord(entry, now) && entry.checkKey === checkKey && entry.outputs.filter(wantedBy(options)).every((output) => fresh.includes(output.file));
  return { slug, entry, checkKey, keyOf, fresh, upToDate };
}

/** The record of a statement's copies in the embargoed folder, when they are all up to date and its embargo still holds at `now`. */
async function heldCopies(heldDir: string, slug: string, options: BuildOptions, checkKey: string, keyOf: (format: Format) => string, now: Date): Promise<CacheEntry | undefined> {
  const held = await readEntry(heldDir, slug);
  if (!held || !embargoedByRecord(held, now) || held.checkKey !== checkKey) return undefined;
  const fresh = await freshFiles(heldDir, slug, held, keyOf);
  return held.outputs.filter(wantedBy(options)).every((output) => fresh.includes(output.file)) ? held : undefined;
}

/** The findings recorded with `entry`, for the outputs this build wants, as they were when it was made. */
function replayed(entry: CacheEntry, options: BuildOptions): { files: string[]; diagnostics: Diagnostic[] } {
  const wanted = entry.outputs.filter(wantedBy(options));
  const diagnostics = [...entry.diagnostics, ...wanted.flatMap((output) => entry.files[output.file]!.diagnostics)].map(fromData);
  return { files: wanted.map((output) => output.file), diagnostics };
}

/** A statement the cache says is up to date: its diagnostics as they were, nothing written. */
export function replay(plan: Plan & { entry: CacheEntry }, options: BuildOptions): Done {
  const { files, diagnostics } = replayed(plan.entry, options);
  return { outcome: { kind: 'published', files, missing: [], upToDate: true }, diagnostics };
}

/** A statement under embargo whose embargoed copies are up to date: its diagnostics as they were, nothing written. */
export function replayHeld(held: CacheEntry, options: BuildOptions, language: Lang): Done {
  const until = formatEmbargo(held.embargo!, language, held.timezone);
  return { outcome: { kind: 'embargoed', until, files: [], missing: [], withdrawn: false, upToDate: true }, diagnostics: replayed(held, options).diagnostics };
}

/**
 * Record in the cache what each file of the statement in `dir` (the output
 * folder, or the embargoed folder for its copies under embargo) was made from (see cache.ts).
 */
export async function remember(plan: Plan, produced: Produced, dir: string, outputs: readonly ProducedFile[], fs: WriteFs, diagnostics: Diagnostic[]): Promise<void> {
  if (!plan.checkKey || !plan.keyOf) return;
  const files: CacheEntry['files'] = {};
  for (const output of outputs) {
    if (!output.made) {
      const earlier = plan.entry?.files[output.file];
      if (earlier) files[output.file] = earlier;
      continue;
    }
    const stamp = output.bytes && (await fileStamp(path.join(dir, plan.slug, output.file)));
    if (stamp) files[output.file] = { key: plan.keyOf(output.format), ...stamp, diagnostics: output.diagnostics.map(toData) };
  }
  const { embargo } = produced;
  const record = { checkKey: plan.checkKey, embargo: embargo?.until ?? null, ...(embargo?.timezone ? { timezone: embargo.timezone } : {}) };
  try {
    await writeEntry(dir, plan.slug, { ...record, diagnostics: produced.diagnostics.map(toData), outputs: outputs.map(({ file, format }) => ({ file, format })), files }, fs);
  } catch (error) {
    const consequence = `${plan.slug} is ${produced.publish ? 'published' : 'held back, its embargoed copies written'}; the next build makes it again`;
    diagnostics.push(caughtDiagnostic(error, { place: { file: displayPath(cacheDir(dir)) }, doing: 'writing the build cache', action: 'write', severity: 'warning', consequence }));
  }
}
