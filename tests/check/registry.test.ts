import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/check/registry.js';
import { rulesTable } from '../../src/check/rules-table.js';
import { PROJECT_ROOT } from '../helpers/cli.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every rule id written in src/: as the rule argument of `diagnostic(…)`, or a constant or option naming one. */
function idsUsedInSource(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [/diagnostic\(\s*'(?:error|warning)',\s*'([a-z-]+)'/g, /\bRULE\s*=\s*'([a-z-]+)'/g, /\brule: '([a-z-]+)'/g, /\bid: '([a-z-]+)'/g];
  for (const file of sourceFiles(path.join(PROJECT_ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.set(match[1]!, path.relative(PROJECT_ROOT, file));
  }
  return found;
}

describe('the registry of rules', () => {
  it('lists each id once', () => {
    const ids = RULES.map((rule) => rule.id);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });

  it('lists every rule id that src/ raises', () => {
    const listed = new Set(RULES.map((rule) => rule.id));
    const unlisted = [...idsUsedInSource()].filter(([id]) => !listed.has(id)).map(([id, file]) => `${id} (${file})`);
    expect(unlisted).toEqual([]);
  });

  it('is never given a rule id built at run time, which no list could keep in step', () => {
    const computed = sourceFiles(path.join(PROJECT_ROOT, 'src')).filter((file) => /diagnostic\(\s*'(?:error|warning)',\s*`/.test(readFileSync(file, 'utf8')));
    expect(computed.map((file) => path.relative(PROJECT_ROOT, file))).toEqual([]);
  });

  it('has a test file with passing and failing cases for every check', () => {
    const checks = RULES.filter((rule) => rule.stage === 'statement' || rule.stage === 'project');
    expect(checks.filter((rule) => !existsSync(path.join(PROJECT_ROOT, `tests/check/rules/${rule.id}.test.ts`))).map((rule) => rule.id)).toEqual([]);
  });

  it('is the table in the README, rule for rule', () => {
    const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    const block = /<!-- rules:start -->\n([\s\S]*?)\n<!-- rules:end -->/.exec(readme)?.[1];
    expect(block, 'README.md has the table between <!-- rules:start --> and <!-- rules:end -->; print it with `statements check --rules --format markdown`').toBe(rulesTable());
  });
});
