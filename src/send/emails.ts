import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from '../build/build.js';
import { loadStatement } from '../load/statement.js';
import { languageSettings } from '../model/config.js';
import { siblingFolder } from '../build/context.js';
import { checkContextOf } from '../check/context.js';
import { embargoAt } from '../model/embargo.js';
import { checkProject, checkStatement, forced, withheld } from '../check/index.js';
import { DiagnosticsError, isError, type Diagnostic } from '../model/diagnostic.js';
import { variantsOf } from '../model/languages.js';
import type { RenderContext } from '../render/context.js';
import { renderEmail } from '../render/email/index.js';

export interface PreparedEmails {
  /** The statement's emails by file name stem (`es`, `bilingual`, `en-pt`): only the editions it has. */
  emails: Record<string, Buffer>;
  /** True when their folder was missing them or held an older version, and the statement was built. */
  rebuilt: boolean;
  /** Where they are: `out/<slug>/`, or `embargoed/<slug>/` while the statement is under embargo. */
  folder: string;
  /** The statement is under embargo: the emails are its embargoed copies, which say so in subject and preheader. */
  embargoed: boolean;
  /** The checks' warnings (and, with `force`, their errors shown as warnings), for the user to see before anything is sent. */
  warnings: Diagnostic[];
}

export interface PrepareOptions {
  /** Send a statement whose checks found errors. */
  force?: boolean;
  /** "Now" for the checks about dates and the embargo. */
  now?: Date;
  /** Where the build puts the press copies of statements under embargo (default: `embargoed/` beside the output folder). */
  embargoedDir?: string;
}

/**
 * The statement's emails as `statements build` writes them: into out/, or
 * under embargo into the embargoed folder. Rendering is deterministic, so
 * "out of date" means the files differ from a fresh render; then the
 * statement is built (every output, atomically) first.
 */
export async function prepareEmails(statementsDir: string, outDir: string, slug: string, ctx: RenderContext, options: PrepareOptions = {}): Promise<PreparedEmails> {
  const settings = languageSettings(ctx.config);
  const loaded = await loadStatement(statementsDir, slug, settings);
  if (!loaded.value || loaded.diagnostics.some(isError)) throw new DiagnosticsError(loaded.diagnostics);
  const checks = checkContextOf(ctx, options.now ?? new Date());
  const findings = [...loaded.diagnostics, ...(await checkProject(checks)), ...(await checkStatement(loaded.value, checks))];
  // The emails do not carry the PDFs, so only errors that hold back the whole statement stop a send.
  if (!options.force && withheld(findings) === 'statement') throw new DiagnosticsError(findings);
  const now = options.now ?? new Date();
  const embargo = embargoAt(loaded.value, now);
  const statement = embargo ? { ...loaded.value, underEmbargo: embargo } : loaded.value;
  const embargoedDir = options.embargoedDir ?? siblingFolder(outDir, 'embargoed');
  const folder = path.join(embargo ? embargoedDir : outDir, slug);
  const emails: Record<string, Buffer> = {};
  let current = true;
  for (const variant of variantsOf(settings, statement.languages)) {
    const rendered = await renderEmail(statement, variant, ctx);
    if (!rendered.output) throw new DiagnosticsError(rendered.diagnostics);
    emails[variant.name] = rendered.output;
    const onDisk = await readFile(path.join(folder, `${variant.name}.eml`)).catch(() => undefined);
    if (!onDisk || !onDisk.equals(rendered.output)) current = false;
  }
  if (!current) {
    const result = await build({ statementsDir, outDir, embargoedDir, slugs: [slug], force: options.force, now }, ctx);
    if (result.failed.length > 0) throw new DiagnosticsError(result.diagnostics.filter(isError));
  }
  return { emails, rebuilt: !current, folder, embargoed: embargo !== undefined, warnings: options.force ? findings.map(forced) : findings.filter((finding) => !isError(finding)) };
}
