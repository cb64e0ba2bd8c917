import { RULES } from './registry.js';
import type { Rule } from './rule.js';

const STAGE_NAMES: Record<Rule['stage'], string> = { statement: 'check', project: 'check (whole project)', load: 'loading', build: 'building', send: 'sending' };

/** Every rule as a Markdown table: what the README lists (`statements check --rules --format markdown`). */
export function rulesTable(): string {
  const rows = RULES.map((rule) => `| \`${rule.id}\` | ${rule.severity} | ${STAGE_NAMES[rule.stage]} | ${rule.description} |`);
  return ['| rule | severity | when | what it catches |', '|---|---|---|---|', ...rows].join('\n');
}
