import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { checkStatement } from '../check/index.js';
import { diagnostic, isError, type Diagnostic } from '../model/diagnostic.js';
import { displayPath } from '../load/read.js';
import { listStatements, loadStatement } from '../load/statement.js';
import type { RenderContext } from '../render/context.js';
import { archiveEntry, logoOutputPath, renderArchive, type ArchiveEntry } from '../render/html/page.js';
import { statementOutputs } from '../render/index.js';
import { writeFileAtomic } from './write.js';

export interface BuildOptions {
  statementsDir: string;
  outDir: string;
  /** Build only these statements (the archive still lists every one built before). */
  slugs?: string[];
  onProgress?: (event: BuildProgress) => void;
}

export type BuildProgress =
  | { kind: 'start'; slug: string; index: number; total: number }
  | { kind: 'done'; slug: string; files: string[] }
  | { kind: 'failed'; slug: string };

export interface BuildResult {
  built: string[];
  failed: string[];
  diagnostics: Diagnostic[];
}

const MANIFEST = 'statement.json';

/** Render every output of one statement in memory; nothing is written unless all succeed. */
async function renderStatement(slug: string, options: BuildOptions, ctx: RenderContext): Promise<{ files?: Map<string, string | Uint8Array>; diagnostics: Diagnostic[] }> {
  const loaded = await loadStatement(options.statementsDir, slug);
  const statement = loaded.value;
  if (!statement) return { diagnostics: loaded.diagnostics };
  const diagnostics = [...loaded.diagnostics, ...checkStatement(statement)];
  const files = new Map<string, string | Uint8Array>();
  for (const output of statementOutputs) {
    try {
      const rendered = await output.render(statement, ctx);
      diagnostics.push(...rendered.diagnostics);
      if (rendered.output === undefined) return { diagnostics };
      files.set(output.file, rendered.output);
    } catch (error) {
      const reason = `could not build ${output.file}: ${error instanceof Error ? error.message : String(error)}`;
      return { diagnostics: [...diagnostics, diagnostic('error', 'build', reason, { file: statement.dir })] };
    }
  }
  files.set(MANIFEST, `${JSON.stringify(archiveEntry(statement), null, 2)}\n`);
  return { files, diagnostics };
}

/** The archive lists what `out/` holds: each statement's manifest, even one whose latest build failed. */
async function readArchiveEntries(outDir: string, slugs: readonly string[]): Promise<ArchiveEntry[]> {
  const entries: ArchiveEntry[] = [];
  for (const slug of slugs) {
    try {
      entries.push(JSON.parse(await readFile(path.join(outDir, slug, MANIFEST), 'utf8')) as ArchiveEntry);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return entries;
}

/**
 * Load, render and write statements. A statement that fails leaves its
 * earlier outputs untouched; the others still build.
 */
export async function build(options: BuildOptions, ctx: RenderContext): Promise<BuildResult> {
  const listed = await listStatements(options.statementsDir);
  const diagnostics = [...listed.diagnostics];
  const available = listed.value ?? [];
  const selected = options.slugs?.length ? options.slugs : available;
  const result: BuildResult = { built: [], failed: [], diagnostics };
  for (const [index, slug] of selected.entries()) {
    options.onProgress?.({ kind: 'start', slug, index, total: selected.length });
    if (!available.includes(slug)) {
      diagnostics.push(diagnostic('error', 'statement-folder', `no statement "${slug}": expected a folder ${displayPath(path.join(options.statementsDir, slug))} with en.md and es.md`, { file: displayPath(options.statementsDir) }));
      result.failed.push(slug);
      options.onProgress?.({ kind: 'failed', slug });
      continue;
    }
    const rendered = await renderStatement(slug, options, ctx);
    diagnostics.push(...rendered.diagnostics);
    if (!rendered.files || rendered.diagnostics.some(isError)) {
      result.failed.push(slug);
      options.onProgress?.({ kind: 'failed', slug });
      continue;
    }
    for (const [file, data] of rendered.files) await writeFileAtomic(path.join(options.outDir, slug, file), data);
    result.built.push(slug);
    options.onProgress?.({ kind: 'done', slug, files: [...rendered.files.keys()] });
  }
  const logo = logoOutputPath(ctx);
  if (logo && ctx.config.logoBytes) await writeFileAtomic(path.join(options.outDir, logo), ctx.config.logoBytes);
  const archive = renderArchive(await readArchiveEntries(options.outDir, available), ctx);
  await writeFileAtomic(path.join(options.outDir, 'index.html'), archive);
  return result;
}
