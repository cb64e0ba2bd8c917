import { VARIANTS, type Variant } from '../model/statement.js';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from '../build/build.js';
import { loadStatement } from '../load/statement.js';
import { DiagnosticsError, isError } from '../model/diagnostic.js';
import type { RenderContext } from '../render/context.js';
import { renderEmail } from '../render/email/index.js';

export interface PreparedEmails {
  emails: Record<Variant, Buffer>;
  /** True when out/ was missing them or held an older version, and the statement was built. */
  rebuilt: boolean;
}

/**
 * The statement's three emails as `statements build` writes them. Rendering
 * is deterministic, so "out of date" means the files differ from a fresh
 * render; then the statement is built (every output, atomically) first.
 */
export async function prepareEmails(statementsDir: string, outDir: string, slug: string, ctx: RenderContext): Promise<PreparedEmails> {
  const loaded = await loadStatement(statementsDir, slug);
  if (!loaded.value || loaded.diagnostics.some(isError)) throw new DiagnosticsError(loaded.diagnostics);
  const emails = {} as Record<Variant, Buffer>;
  let current = true;
  for (const variant of VARIANTS) {
    const rendered = await renderEmail(loaded.value, variant, ctx);
    if (!rendered.output) throw new DiagnosticsError(rendered.diagnostics);
    emails[variant] = rendered.output;
    const onDisk = await readFile(path.join(outDir, slug, `${variant}.eml`)).catch(() => undefined);
    if (!onDisk || !onDisk.equals(emails[variant])) current = false;
  }
  if (!current) {
    const result = await build({ statementsDir, outDir, slugs: [slug] }, ctx);
    if (result.failed.length > 0) throw new DiagnosticsError(result.diagnostics.filter(isError));
  }
  return { emails, rebuilt: !current };
}
