import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { displayPath } from '../load/read.js';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import type { ArchiveEntry } from '../render/html/page.js';
import { isFileSystemError } from '../load/file-errors.js';
import { describeFileSystemError } from './errors.js';

/** `out/<slug>/statement.json`: what the archive lists of a statement built before. */
export const MANIFEST = 'statement.json';

const manifestSchema = z.object({
  date: z.string(),
  titles: z.record(z.string(), z.string()).refine((titles) => Object.keys(titles).length > 0, 'has no title'),
  // Absent from the manifests of builds before the feeds: such a statement's entries have no summary until it is built again.
  summaries: z.record(z.string(), z.string()).default({}),
});

export function manifestText(entry: ArchiveEntry): string {
  return `${JSON.stringify(entry, null, 2)}\n`;
}

/**
 * The archive lists what out/ holds: each statement's manifest, even one
 * whose latest build failed. A manifest that cannot be read is left out
 * with a warning naming it, and the archive lists the rest.
 */
export async function readArchiveEntries(outDir: string, slugs: readonly string[]): Promise<{ entries: ArchiveEntry[]; diagnostics: Diagnostic[] }> {
  const entries: ArchiveEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const slug of slugs) {
    const file = path.join(outDir, slug, MANIFEST);
    let problem: string;
    try {
      const parsed = manifestSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
      // The folder names the statement, whatever the file says: the archive links to that folder.
      if (parsed.success) {
        entries.push({ slug, ...parsed.data });
        continue;
      }
      problem = `it is not the manifest statements writes (${parsed.error.issues[0]?.path.join('.') || 'the whole file'}: ${parsed.error.issues[0]?.message})`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      if (isFileSystemError(error)) problem = describeFileSystemError(error, 'read', displayPath(file));
      else if (error instanceof SyntaxError) problem = `it is not valid JSON (${error.message})`;
      else throw error;
    }
    diagnostics.push(
      diagnostic('warning', 'archive', `the archive leaves out "${slug}": ${problem}. Rebuild that statement (statements build ${slug}) to write it again`, { file: displayPath(file) }),
    );
  }
  return { entries, diagnostics };
}
