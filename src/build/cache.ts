import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { DiagnosticData } from '../model/diagnostic.js';
import { FORMAT_NAMES, type Format } from '../render/index.js';
import { buildWorkDir } from './publish.js';
import { writeFileAtomic, type WriteFs } from './write.js';

/**
 * The build cache: per statement, what its published files were made from.
 * A file is up to date when the digest of its inputs (snapshot.ts `outputKey`)
 * is the one recorded and the file in out/ is the one written (same size and
 * modification time). The checks' findings are kept with the digest of what
 * they read and the day (the `dates` rule compares with today).
 *
 * Entries live beside out/ (never published), one JSON file per statement,
 * written atomically after the statement's files are in place: a build
 * killed before that leaves the old entry, whose keys no longer match the
 * files, so the statement is built again. An entry that cannot be read or
 * does not match the schema is ignored, never trusted.
 */

const CACHE_VERSION = 2;

const diagnosticSchema: z.ZodType<DiagnosticData> = z.lazy(() =>
  z.object({
    severity: z.enum(['error', 'warning']),
    rule: z.string(),
    reason: z.string(),
    file: z.string(),
    line: z.number().optional(),
    column: z.number().optional(),
    note: diagnosticSchema.optional(),
    stack: z.string().optional(),
  }),
);

const fileRecordSchema = z.object({
  key: z.string(),
  size: z.number(),
  mtimeMs: z.number(),
  diagnostics: z.array(diagnosticSchema),
});

const entrySchema = z.object({
  version: z.literal(CACHE_VERSION),
  /** Digest of what the checks read, the day and `--force`. */
  checkKey: z.string(),
  /** The statement's latest embargo (ISO 8601), or none: a build at an earlier "now" must take it out of the output folder. */
  embargo: z.string().nullable(),
  /** The zone the embargo is shown in (its front matter's `timezone:`). */
  timezone: z.string().optional(),
  /** Of loading and checking, as the statement was published. */
  diagnostics: z.array(diagnosticSchema),
  /** Every output the statement has, in order, with its kind. */
  outputs: z.array(z.object({ file: z.string(), format: z.enum(FORMAT_NAMES) })),
  files: z.record(z.string(), fileRecordSchema),
});

export type FileRecord = z.infer<typeof fileRecordSchema>;
export type CacheEntry = z.infer<typeof entrySchema>;

/** The entries of one output folder (the working folder is shared by the output folders beside each other). */
export function cacheDir(outDir: string): string {
  return path.join(buildWorkDir(outDir), 'cache', path.basename(path.resolve(outDir)));
}

function entryFile(outDir: string, slug: string): string {
  return path.join(cacheDir(outDir), `${slug}.json`);
}

/** The statement's entry, or none (never built, or an entry half written, damaged or of another version). */
export async function readEntry(outDir: string, slug: string): Promise<CacheEntry | undefined> {
  try {
    const parsed = entrySchema.safeParse(JSON.parse(await readFile(entryFile(outDir, slug), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export async function writeEntry(outDir: string, slug: string, entry: Omit<CacheEntry, 'version'>, fs: WriteFs): Promise<void> {
  // Not flushed: a record lost or cut short by a crash is ignored, and the statement made again.
  await writeFileAtomic(entryFile(outDir, slug), JSON.stringify({ version: CACHE_VERSION, ...entry }), { fs, tempDir: buildWorkDir(outDir), flush: false });
}

/** A statement taken out of the output folder (an embargo) has no entry left to trust. */
export async function forgetEntry(outDir: string, slug: string, fs: WriteFs): Promise<void> {
  await fs.remove(entryFile(outDir, slug));
}

/** Size and modification time of a published file, as recorded (none when it is missing). */
export async function fileStamp(file: string): Promise<{ size: number; mtimeMs: number } | undefined> {
  const info = await stat(file).catch(() => undefined);
  return info?.isFile() ? { size: info.size, mtimeMs: info.mtimeMs } : undefined;
}

/** The files of `entry` still up to date in `out/<slug>/`, given the key each should have now. */
export async function freshFiles(outDir: string, slug: string, entry: CacheEntry, keyOf: (format: Format) => string): Promise<string[]> {
  const fresh: string[] = [];
  for (const { file, format } of entry.outputs) {
    const record = entry.files[file];
    if (!record || record.key !== keyOf(format)) continue;
    const now = await fileStamp(path.join(outDir, slug, file));
    if (now && now.size === record.size && now.mtimeMs === record.mtimeMs) fresh.push(file);
  }
  return fresh;
}
