import path from 'node:path';
import { projectPaths } from '../build/context.js';
import { caughtDiagnostic } from '../build/errors.js';
import { createCheckContext } from '../check/context.js';
import { fixStatementFiles } from '../build/fix.js';
import { checkProject, checkStatement } from '../check/index.js';
import { RULES } from '../check/registry.js';
import { rulesTable } from '../check/rules-table.js';
import type { CheckContext } from '../check/rule.js';
import { displayPath } from '../load/read.js';
import { listStatements, loadStatement } from '../load/statement.js';
import { diagnostic, findingJson, formatFinding, isError, type Diagnostic } from '../model/diagnostic.js';
import { plural } from './report.js';
import { COMMON_OPTIONS, parseCommandArgs, parseNow, UsageError } from './usage.js';

const OPTIONS = {
  statements: COMMON_OPTIONS.statements,
  config: COMMON_OPTIONS.config,
  format: { type: 'string', default: 'text' },
  rules: { type: 'boolean', default: false },
  now: { type: 'string' },
  fix: { type: 'boolean', default: false },
} as const;

const FORMATS = ['text', 'json', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

/** The findings about one statement (or, with `slug` undefined, about the project). */
interface Group {
  slug?: string;
  findings: Diagnostic[];
}

function counts(findings: readonly Diagnostic[]): string {
  const errors = findings.filter(isError).length;
  return `${plural(errors, 'error')}, ${plural(findings.length - errors, 'warning')}`;
}

/** Load and check one statement; an exception is this statement's error only. */
async function checkOne(statementsDir: string, slug: string, ctx: CheckContext): Promise<Diagnostic[]> {
  try {
    const loaded = await loadStatement(statementsDir, slug, ctx.settings);
    if (!loaded.value) return loaded.diagnostics;
    return [...loaded.diagnostics, ...(await checkStatement(loaded.value, ctx))];
  } catch (error) {
    return [caughtDiagnostic(error, { place: { file: displayPath(path.join(statementsDir, slug)) }, doing: `checking ${slug}` })];
  }
}

function printRules(format: Format): void {
  if (format === 'markdown') {
    process.stdout.write(`${rulesTable()}\n`);
    return;
  }
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(RULES.map(({ id, severity, stage, description }) => ({ id, severity, stage, description })), null, 2)}\n`);
    return;
  }
  const width = Math.max(...RULES.map((rule) => rule.id.length));
  for (const rule of RULES) process.stdout.write(`${rule.id.padEnd(width)}  ${rule.severity.padEnd(7)}  ${rule.stage.padEnd(9)}  ${rule.description}\n`);
}

function print(groups: readonly Group[], format: Format, checked: number): void {
  const all = groups.flatMap((group) => group.findings);
  if (format === 'json') {
    const list = groups.flatMap((group) => group.findings.map((finding) => ({ ...(group.slug ? { statement: group.slug } : {}), ...findingJson(finding) })));
    process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    return;
  }
  for (const finding of all) process.stdout.write(`${formatFinding(finding)}\n`);
  const bySlug = groups.filter((group) => group.slug && group.findings.length > 0).map((group) => `${group.slug}: ${counts(group.findings)}`);
  process.stdout.write(`Checked ${plural(checked, 'statement')}: ${counts(all)}${bySlug.length ? ` (${bySlug.join('; ')})` : ''}\n`);
}

/**
 * `statements check [slug…]`: load and check without rendering; findings on
 * stdout, one per line (or a JSON list); exit 1 when any is an error.
 */
export async function checkCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  const format = values.format as Format;
  if (!FORMATS.includes(format) || (format === 'markdown' && !values.rules)) throw new UsageError(`--format must be text or json (or markdown with --rules), not "${values.format}"`);
  if (values.rules) {
    printRules(format);
    return 0;
  }
  const now = parseNow(values.now);
  const cwd = process.cwd();
  const context = await createCheckContext(projectPaths(cwd, values.config), now);
  const groups: Group[] = [{ findings: [...context.diagnostics] }];
  let checked = 0;
  if (context.value) {
    const ctx = context.value;
    const statementsDir = path.resolve(cwd, values.statements);
    const listed = await listStatements(statementsDir);
    groups[0]!.findings.push(...listed.diagnostics, ...(await checkProject(ctx)));
    const available = listed.value ?? [];
    const slugs = positionals.length ? positionals : available;
    // Fix first, then check the fixed files: what is reported is what is left.
    const fixes = values.fix ? await fixStatementFiles(statementsDir, slugs.filter((slug) => available.includes(slug)), ctx) : [];
    for (const { file, count } of fixes.flatMap((fix) => fix.fixed)) (format === 'json' ? process.stderr : process.stdout).write(`fixed ${plural(count, 'finding')} in ${file}\n`);
    for (const slug of slugs) {
      const findings = available.includes(slug)
        ? await checkOne(statementsDir, slug, ctx)
        : [diagnostic('error', 'statement-folder', `no statement "${slug}": expected a folder ${displayPath(path.join(statementsDir, slug))}`, { file: displayPath(statementsDir) })];
      findings.unshift(...(fixes.find((fix) => fix.slug === slug)?.diagnostics ?? []));
      groups.push({ slug, findings });
      if (available.includes(slug)) checked++;
    }
  }
  print(groups, format, checked);
  return groups.some((group) => group.findings.some(isError)) ? 1 : 0;
}
