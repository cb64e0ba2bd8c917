import { createRenderContext, projectPaths } from '../../src/build/context.js';
import { checkContextOf } from '../../src/check/context.js';
import type { CheckContext } from '../../src/check/rule.js';
import { loadStatement } from '../../src/load/statement.js';
import type { Statement } from '../../src/model/statement.js';
import type { RenderContext } from '../../src/render/context.js';
import { FIXTURES, PROJECT_ROOT } from './cli.js';

/** The render context of the repository's own config, templates and locales. */
export async function projectContext(): Promise<RenderContext> {
  const { value, diagnostics } = await createRenderContext(projectPaths(PROJECT_ROOT));
  if (!value) throw new Error(diagnostics.map(String).join('\n'));
  return value;
}

export async function fixtureStatement(name: string): Promise<Statement> {
  const { value, diagnostics } = await loadStatement(FIXTURES, name);
  if (!value) throw new Error(diagnostics.map(String).join('\n'));
  return value;
}

/** The checks' context of the repository's own project, at `now` (by default a fixed day in late 2026, so date rules do not depend on the clock). */
export async function projectCheckContext(now = new Date('2026-11-20T12:00:00Z')): Promise<CheckContext> {
  return checkContextOf(await projectContext(), now);
}
