import { chmod, stat } from 'node:fs/promises';
import path from 'node:path';
import { caughtDiagnostic } from './errors.js';
import { writeFileAtomic } from './write.js';
import { displayPath, MAX_BYTES, readBytes } from '../load/read.js';
import { strictUtf8 } from '../load/encoding.js';
import { loadStatement } from '../load/statement.js';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { STATEMENT_RULES } from '../check/registry.js';
import type { CheckContext } from '../check/rule.js';

/** What `check --fix` did to one statement: how many findings it fixed in each file it changed, and what stopped it. */
export interface StatementFixes {
  slug: string;
  fixed: { file: string; count: number }[];
  diagnostics: Diagnostic[];
}


/** Fix one Markdown file in place with every rule's `fix`, in registry order; written (atomically) only when something changed. */
async function fixFile(source: string, lang: string, ctx: CheckContext): Promise<{ count: number; diagnostics: Diagnostic[] } | undefined> {
  const file = displayPath(source);
  // A file that cannot be read is reported by the check that follows.
  const read = await readBytes(source, { what: `${lang}.md`, maxBytes: MAX_BYTES.statement });
  if (!read.bytes) return undefined;
  const decoded = strictUtf8(read.bytes);
  if (!decoded) {
    const reason = 'not fixed: this file is not UTF-8, and `statements check --fix` writes only UTF-8 files back as they were; save it as UTF-8 and run it again';
    return { count: 0, diagnostics: [diagnostic('warning', 'encoding', reason, { file })] };
  }
  let text = decoded.text;
  let count = 0;
  for (const rule of STATEMENT_RULES) {
    if (!rule.fix) continue;
    const fixed = rule.fix(text, lang, ctx);
    text = fixed.text;
    count += fixed.fixed;
  }
  if (text === decoded.text) return { count: 0, diagnostics: [] };
  try {
    const { mode } = await stat(source);
    await writeFileAtomic(source, Buffer.concat([decoded.bom, Buffer.from(text, 'utf8')]));
    // The new file is the old one edited: it keeps its permissions.
    await chmod(source, mode & 0o7777);
  } catch (error) {
    return { count: 0, diagnostics: [caughtDiagnostic(error, { place: { file }, doing: `writing ${file}`, action: 'write' })] };
  }
  return { count, diagnostics: [] };
}

/**
 * `statements check --fix`: each Markdown file of the given statements, in
 * each configured language, with every registered rule's fix applied. Only
 * the characters the findings name change (line endings, a byte order mark
 * and the last newline stay); a file that is not UTF-8 is left as it is, with
 * a warning.
 */
export async function fixStatementFiles(statementsDir: string, slugs: readonly string[], ctx: CheckContext): Promise<StatementFixes[]> {
  const results: StatementFixes[] = [];
  for (const slug of slugs) {
    const result: StatementFixes = { slug, fixed: [], diagnostics: [] };
    results.push(result);
    // A statement that does not load (bad front matter, Markdown nested too deep) is left for the check to report.
    const loaded = await loadStatement(statementsDir, slug, ctx.settings);
    for (const lang of loaded.value?.languages ?? []) {
      const source = path.join(statementsDir, slug, `${lang}.md`);
      try {
        const done = await fixFile(source, lang, ctx);
        if (!done) continue;
        result.diagnostics.push(...done.diagnostics);
        if (done.count > 0) result.fixed.push({ file: displayPath(source), count: done.count });
      } catch (error) {
        result.diagnostics.push(caughtDiagnostic(error, { place: { file: displayPath(source) }, doing: `fixing ${displayPath(source)}` }));
      }
    }
  }
  return results;
}
