import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRenderContext, projectPaths } from '../../src/build/context.js';
import { checkContextOf } from '../../src/check/context.js';
import type { CheckContext } from '../../src/check/rule.js';
import { loadStatement } from '../../src/load/statement.js';
import { languageSettings } from '../../src/model/config.js';
import type { Statement } from '../../src/model/statement.js';
import type { RenderContext } from '../../src/render/context.js';
import { FIXTURES, PROJECT_ROOT } from './cli.js';

/** The render context of the repository's own config, templates and locales. */
export async function projectContext(): Promise<RenderContext> {
  const { value, diagnostics } = await createRenderContext(projectPaths(PROJECT_ROOT));
  if (!value) throw new Error(diagnostics.map(String).join('\n'));
  return value;
}

/** The render context of another publisher config (`publisher.yaml` text), with the repository's templates and locales. */
export async function configuredContext(configYaml: string): Promise<RenderContext> {
  const configFile = path.join(await mkdtemp(path.join(tmpdir(), 'statements-config-')), 'publisher.yaml');
  await writeFile(configFile, configYaml);
  const { value, diagnostics } = await createRenderContext({ ...projectPaths(PROJECT_ROOT), configFile });
  if (!value) throw new Error(diagnostics.map(String).join('\n'));
  return value;
}

/** A fixture statement, loaded for the languages of `ctx` (by default those of the repository's config). */
export async function fixtureStatement(name: string, ctx?: RenderContext): Promise<Statement> {
  const { value, diagnostics } = await loadStatement(FIXTURES, name, ctx && languageSettings(ctx.config));
  if (!value) throw new Error(diagnostics.map(String).join('\n'));
  return value;
}

/** The checks' context of the repository's own project, at `now` (by default a fixed day in late 2026, so date rules do not depend on the clock). */
export async function projectCheckContext(now = new Date('2026-11-20T12:00:00Z')): Promise<CheckContext> {
  return checkContextOf(await projectContext(), now);
}
