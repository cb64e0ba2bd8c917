import { createRenderContext, projectPaths } from '../../src/build/context.js';
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
