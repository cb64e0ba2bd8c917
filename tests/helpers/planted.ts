import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT, scratchProject } from './cli.js';

/** A build time after the samples' embargoes (river-basin-water-rights: 3 December 2026), so a build publishes them. */
export const SAMPLES_RELEASED = ['--now', '2026-12-10T12:00:00Z'];

/** A scratch project holding a copy of one of the repository's sample statements (statements/<slug>) and its locales. */
export async function sampleCopy(slug: string): Promise<string> {
  const dir = await scratchProject([]);
  await cp(path.join(PROJECT_ROOT, 'statements', slug), path.join(dir, 'statements', slug), { recursive: true });
  await cp(path.join(PROJECT_ROOT, 'locales'), path.join(dir, 'locales'), { recursive: true });
  return dir;
}

/**
 * Change one file of a scratch project in place: `edit` gets its text and
 * returns the new text; it fails when the edit changed nothing, so a planted
 * defect that no longer applies to the sample is noticed.
 */
export async function plant(project: string, file: string, edit: (text: string) => string): Promise<void> {
  const full = path.join(project, file);
  const before = await readFile(full, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`planting a defect in ${file} changed nothing`);
  await writeFile(full, after);
}

/** The 1-based line of the first occurrence of `needle` in a file of the project (for expected positions). */
export async function lineOf(project: string, file: string, needle: string): Promise<number> {
  const text = await readFile(path.join(project, file), 'utf8');
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`${needle} not in ${file}`);
  return text.slice(0, index).split('\n').length;
}
