import path from 'node:path';
import { checkStatement, forced, withheld } from '../check/index.js';
import type { CheckContext } from '../check/rule.js';
import { displayPath } from '../load/read.js';
import { loadStatement } from '../load/statement.js';
import { isError, type Diagnostic } from '../model/diagnostic.js';
import type { Statement } from '../model/statement.js';
import type { RenderContext } from '../render/context.js';
import { archiveEntry } from '../render/html/page.js';
import { statementOutputs, type StatementOutput } from '../render/index.js';
import type { RenderResult } from '../render/result.js';
import { manifestText } from './archive.js';
import { caughtDiagnostic } from './errors.js';
import type { Produced, ProducedFile, ProduceJob } from './produced.js';

async function renderOutput(output: StatementOutput, statement: Statement, ctx: RenderContext): Promise<RenderResult> {
  try {
    return await output.render(statement, ctx);
  } catch (error) {
    const consequence = `${output.file} was not built; the statement's other files were`;
    return { diagnostics: [caughtDiagnostic(error, { place: { file: statement.dir }, doing: `building ${output.file} of ${statement.slug}`, consequence })] };
  }
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
    if (withholds === 'statement') return { diagnostics };
    const files: ProducedFile[] = [];
    for (const output of statementOutputs(statement, checks.settings)) {
      const wanted = (job.formats?.includes(output.format) ?? true) && !job.fresh.includes(output.file);
      if (!wanted || withholds === output.format) {
        files.push({ file: output.file, format: output.format, made: wanted, diagnostics: [] });
        continue;
      }
      const rendered = await renderOutput(output, statement, ctx);
      const bytes = typeof rendered.output === 'string' ? Buffer.from(rendered.output) : rendered.output;
      files.push({ file: output.file, format: output.format, made: true, bytes, diagnostics: rendered.diagnostics });
    }
    return { diagnostics, publish: { files, manifest: manifestText(archiveEntry(statement)) } };
  } catch (error) {
    diagnostics.push(caughtDiagnostic(error, { place: { file: displayPath(path.join(job.statementsDir, job.slug)) }, doing: `loading and checking ${job.slug}` }));
    return { diagnostics };
  }
}
