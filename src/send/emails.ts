import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from '../build/build.js';
import { loadStatement } from '../load/statement.js';
import { languageSettings } from '../model/config.js';
import { checkContextOf } from '../check/context.js';
import { checkProject, checkStatement, forced, withheld } from '../check/index.js';
import { DiagnosticsError, isError, type Diagnostic } from '../model/diagnostic.js';
import { variantsOf } from '../model/languages.js';
import type { RenderContext } from '../render/context.js';
import { renderEmail } from '../render/email/index.js';

export interface PreparedEmails {
  /** The statement's emails by file name stem (`es`, `bilingual`, `en-pt`): only the editions it has. */
  emails: Record<string, Buffer>;
  /** True when out/ was missing them or held an older version, and the statement was built. */
  rebuilt: boolean;
  /** The checks' warnings (and, with `force`, their errors shown as warnings), for the user to see before anything is sent. */
  warnings: Diagnostic[];
}

export interface PrepareOptions {
  /** Send a statement whose checks found errors. */
  force?: boolean;
  /** "Now" for the checks about dates. */
  now?: Date;
}

/**
 * The statement's emails as `statements build` writes them. Rendering
 * is deterministic, so "out of date" means the files differ from a fresh
 * render; then the statement is built (every output, atomically) first.
 */
export async function prepareEmails(statementsDir: string, outDir: string, slug: string, ctx: RenderContext, options: PrepareOptions = {}): Promise<PreparedEmails> {
  const settings = languageSettings(ctx.config);
  const loaded = await loadStatement(statementsDir, slug, settings);
  if (!loaded.value || loaded.diagnostics.some(isError)) throw new DiagnosticsError(loaded.diagnostics);
  const checks = checkContextOf(ctx, options.now ?? new Date());
  const findings = [...loaded.diagnostics, ...(await checkProject(checks)), ...(await checkStatement(loaded.value, checks))];
  // The emails do not carry the PDFs, so only errors that hold back the whole statement stop a send.
  if (!options.force && withheld(findings) === 'statement') throw new DiagnosticsError(findings);
  const emails: Record<string, Buffer> = {};
  let current = true;
  for (const variant of variantsOf(settings, loaded.value.languages)) {
    const rendered = await renderEmail(loaded.value, variant, ctx);
    if (!rendered.output) throw new DiagnosticsError(rendered.diagnostics);
    emails[variant.name] = rendered.output;
    const onDisk = await readFile(path.join(outDir, slug, `${variant.name}.eml`)).catch(() => undefined);
    if (!onDisk || !onDisk.equals(rendered.output)) current = false;
  }
  if (!current) {
    const result = await build({ statementsDir, outDir, slugs: [slug], force: options.force, now: options.now }, ctx);
    if (result.failed.length > 0) throw new DiagnosticsError(result.diagnostics.filter(isError));
  }
  return { emails, rebuilt: !current, warnings: options.force ? findings.map(forced) : findings.filter((finding) => !isError(finding)) };
}
