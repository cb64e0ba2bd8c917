import path from 'node:path';
import { displayPath } from '../load/read.js';
import { fromData, toData, type Diagnostic } from '../model/diagnostic.js';
import type { LanguageSettings } from '../model/languages.js';
import type { Format } from '../render/index.js';
import type { BuildOptions } from './build.js';
import { cacheDir, fileStamp, freshFiles, readEntry, writeEntry, type CacheEntry } from './cache.js';
import { caughtDiagnostic } from './errors.js';
import type { Produced } from './produced.js';
import { embargoedByRecord } from './held.js';
import { digestOf, outputKey, statementDigest } from './snapshot.js';
import type { WriteFs } from './write.js';

// The build's side of the cache (cache.ts): what it knows of a statement before anything is made, and what it records after.

export type StatementOutcome =
  | { kind: 'failed' }
  | { kind: 'published'; files: string[]; missing: string[]; upToDate?: boolean }
  | { kind: 'embargoed'; until: string; files: string[]; missing: string[]; withdrawn: boolean };

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
}

const wantedBy = (options: BuildOptions) => (output: { format: Format }) => options.formats?.has(output.format) ?? true;

export async function planStatement(slug: string, options: BuildOptions, settings: LanguageSettings, now: Date): Promise<Plan> {
  const cache = options.cache;
  if (!cache) return { slug, fresh: [], upToDate: false };
  const statement = await statementDigest(options.statementsDir, slug, settings.languages);
  if (!statement) return { slug, fresh: [], upToDate: false };
  const { project } = cache;
  // The checks read the statement, the config, the UI strings and the fonts; `dates` compares with today.
  const day = now.toISOString().slice(0, 10);
  const checkKey = digestOf(['check', statement, project.config, project.logo, project.locales, project.fonts, project.tool, day, options.force ? 'force' : '']);
  const keyOf = (format: Format) => outputKey(format, statement, project);
  const entry = cache.clean ? undefined : await readEntry(options.outDir, slug);
  if (!entry) return { slug, checkKey, keyOf, fresh: [], upToDate: false };
  const fresh = await freshFiles(options.outDir, slug, entry, keyOf);
  // A statement published before and now under a later embargo (an earlier --now) is made again, to be taken out.
  const upToDate = !embargoedByRecord(entry, now) && entry.checkKey === checkKey && entry.outputs.filter(wantedBy(options)).every((output) => fresh.includes(output.file));
  return { slug, entry, checkKey, keyOf, fresh, upToDate };
}

/** A statement the cache says is up to date: its diagnostics as they were, nothing written. */
export function replay(plan: Plan & { entry: CacheEntry }, options: BuildOptions): Done {
  const wanted = plan.entry.outputs.filter(wantedBy(options));
  const diagnostics = [...plan.entry.diagnostics, ...wanted.flatMap((output) => plan.entry.files[output.file]!.diagnostics)].map(fromData);
  return { outcome: { kind: 'published', files: wanted.map((output) => output.file), missing: [], upToDate: true }, diagnostics };
}

/** Record in the cache what each published file of the statement was made from (see cache.ts). */
export async function remember(plan: Plan, produced: Produced, options: BuildOptions, fs: WriteFs, diagnostics: Diagnostic[]): Promise<void> {
  if (!plan.checkKey || !plan.keyOf || !produced.publish) return;
  const files: CacheEntry['files'] = {};
  for (const output of produced.publish.files) {
    if (!output.made) {
      const earlier = plan.entry?.files[output.file];
      if (earlier) files[output.file] = earlier;
      continue;
    }
    const stamp = output.bytes && (await fileStamp(path.join(options.outDir, plan.slug, output.file)));
    if (stamp) files[output.file] = { key: plan.keyOf(output.format), ...stamp, diagnostics: output.diagnostics.map(toData) };
  }
  const outputs = produced.publish.files.map(({ file, format }) => ({ file, format }));
  try {
    await writeEntry(options.outDir, plan.slug, { checkKey: plan.checkKey, embargo: produced.embargo?.until ?? null, diagnostics: produced.diagnostics.map(toData), outputs, files }, fs);
  } catch (error) {
    const consequence = `${plan.slug} is published; the next build makes it again`;
    diagnostics.push(caughtDiagnostic(error, { place: { file: displayPath(cacheDir(options.outDir)) }, doing: 'writing the build cache', action: 'write', severity: 'warning', consequence }));
  }
}
