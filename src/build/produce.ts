import path from 'node:path';
import { checkStatement, forced, withheld } from '../check/index.js';
import type { CheckContext } from '../check/rule.js';
import { displayPath } from '../load/read.js';
import { loadStatement } from '../load/statement.js';
import { isError, type Diagnostic } from '../model/diagnostic.js';
import { embargoAt, latestEmbargo } from '../model/embargo.js';
import type { Statement } from '../model/statement.js';
import type { RenderContext } from '../render/context.js';
import { archiveEntry } from '../render/html/page.js';
import { statementOutputs, type Format, type StatementOutput } from '../render/index.js';
import type { RenderResult } from '../render/result.js';
import { manifestText } from './archive.js';
import { caughtDiagnostic } from './errors.js';
import type { Produced, ProducedFile, ProduceJob } from './produced.js';

/** What journalists get before an embargo lifts; pages and share images are for the public, only once it has. */
const PRESS_COPIES: ReadonlySet<Format> = new Set(['email', 'pdf']);

async function renderOutput(output: StatementOutput, statement: Statement, ctx: RenderContext): Promise<RenderResult> {
  try {
    return await output.render(statement, ctx);
  } catch (error) {
    const consequence = `${output.file} was not built; the statement's other files were`;
    return { diagnostics: [caughtDiagnostic(error, { place: { file: statement.dir }, doing: `building ${output.file} of ${statement.slug}`, consequence })] };
  }
}

/**
 * Render `outputs` of the statement, in order: those of a kind not wanted, or
 * still fresh in the output folder, are kept (not made); those the checks hold
 * back are made without bytes, so their earlier versions go.
 */
async function renderFiles(outputs: StatementOutput[], statement: Statement, ctx: RenderContext, job: { formats?: readonly Format[]; fresh: readonly string[]; withholds?: Format | 'statement' }): Promise<ProducedFile[]> {
  const files: ProducedFile[] = [];
  for (const output of outputs) {
    const ofKindBuilt = job.formats?.includes(output.format) ?? true;
    // Held back by the checks: made without bytes even when the cache had it fresh (built earlier with --force).
    if (ofKindBuilt && job.withholds === output.format) {
      files.push({ file: output.file, format: output.format, made: true, diagnostics: [] });
      continue;
    }
    if (!ofKindBuilt || job.fresh.includes(output.file)) {
      files.push({ file: output.file, format: output.format, made: false, diagnostics: [] });
      continue;
    }
    const rendered = await renderOutput(output, statement, ctx);
    const bytes = typeof rendered.output === 'string' ? Buffer.from(rendered.output) : rendered.output;
    files.push({ file: output.file, format: output.format, made: true, bytes, diagnostics: rendered.diagnostics });
  }
  return files;
}

/**
 * Load, check and render one statement: everything but the writing, so it
 * can run in a worker. An exception (a bug, a file that cannot be read) is
 * this statement's error only. Check errors hold back the statement (or only
 * its PDFs) unless `force`, when they are shown as warnings.
 */
export async function produce(job: ProduceJob, ctx: RenderContext, checks: CheckContext): Promise<Produced> {
  const diagnostics: Diagnostic[] = [];
  try {
    const loaded = await loadStatement(job.statementsDir, job.slug, checks.settings);
    diagnostics.push(...loaded.diagnostics);
    if (!loaded.value || loaded.diagnostics.some(isError)) return { diagnostics };
    const statement = loaded.value;
    const findings = await checkStatement(statement, checks);
    diagnostics.push(...(job.force ? findings.map(forced) : findings));
    const withholds = job.force ? undefined : withheld(findings);
    const outputs = statementOutputs(statement, checks.settings);
    const embargo = latestEmbargo(statement);
    const underEmbargo = embargoAt(statement, job.now) !== undefined;
    const known = { diagnostics, ...(embargo ? { embargo } : {}) };
    if (withholds === 'statement') return underEmbargo ? { ...known, embargoed: {} } : known;
    if (underEmbargo) {
      // Nothing is made for the output folder; the press copies and previews say they are embargoed.
      const held = { ...statement, underEmbargo: embargo };
      const files = await renderFiles(outputs.filter((output) => PRESS_COPIES.has(output.format)), held, ctx, { formats: job.formats, fresh: [], withholds });
      const preview = job.preview ? await renderFiles(outputs.filter((output) => output.format === 'page'), held, ctx, { fresh: [] }) : undefined;
      return { ...known, embargoed: { files, ...(preview ? { preview } : {}) } };
    }
    const files = await renderFiles(outputs, statement, ctx, { formats: job.formats, fresh: job.fresh, withholds });
    return { ...known, publish: { files, manifest: manifestText(archiveEntry(statement)) } };
  } catch (error) {
    diagnostics.push(caughtDiagnostic(error, { place: { file: displayPath(path.join(job.statementsDir, job.slug)) }, doing: `loading and checking ${job.slug}` }));
    return { diagnostics };
  }
}
