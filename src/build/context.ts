import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createI18n, readLocales } from '../i18n/index.js';
import { loadConfig } from '../load/config.js';
import { displayPath } from '../load/read.js';
import { diagnostic } from '../model/diagnostic.js';
import type { Loaded } from '../load/statement.js';
import type { RenderContext } from '../render/context.js';
import { loadEmailTemplates } from '../render/email/templates.js';
import { loadHtmlTemplates } from '../render/html/templates.js';
import { FontLibrary } from '../render/pdf/fonts.js';

/** The package's own folder, whose templates/ and locales/ are used when the project has none. */
const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ProjectPaths {
  configFile: string;
  templatesDir: string;
  localesDir: string;
}

/** The project's own `templates/` and `locales/` when it has them (to restyle or reword), else the built-in ones. */
export function projectPaths(cwd: string, configFile = 'publisher.yaml'): ProjectPaths {
  const ownOrBuiltIn = (name: string) => (existsSync(path.join(cwd, name)) ? path.join(cwd, name) : path.join(PACKAGE_ROOT, name));
  return { configFile: path.resolve(cwd, configFile), templatesDir: ownOrBuiltIn('templates'), localesDir: ownOrBuiltIn('locales') };
}

/**
 * Working files that must never be published (send journals, dry-run outboxes,
 * staged builds): a folder beside the output folder, so deploying `out/` never
 * carries them, and on the same file system, so a staged folder renames into place.
 */
export function workDir(outDir: string): string {
  return path.join(path.dirname(path.resolve(outDir)), '.statements');
}

export async function createRenderContext(paths: ProjectPaths): Promise<Loaded<RenderContext>> {
  const config = await loadConfig(paths.configFile);
  if (!config.value) return { diagnostics: config.diagnostics };
  const { languages, file, languagePlaces } = config.value;
  const locales = readLocales(paths.localesDir, languages);
  if (locales.problems.length > 0) {
    const problems = locales.problems.map((problem) => {
      const at = { file, ...languagePlaces[languages.indexOf(problem.lang)] };
      const reason = problem.file ? `language \`${problem.lang}\`: ${displayPath(problem.file)} ${problem.reason}` : `language \`${problem.lang}\` ${problem.reason}`;
      return diagnostic('error', 'locales', reason, at);
    });
    return { diagnostics: [...config.diagnostics, ...problems] };
  }
  const i18n = createI18n(locales.resources, languages);
  const fonts = new FontLibrary(config.value.fallbackFontPaths);
  return { value: { config: config.value, i18n, locales: { dir: paths.localesDir, resources: locales.resources }, html: loadHtmlTemplates(paths.templatesDir, i18n), email: loadEmailTemplates(paths.templatesDir, i18n), fonts }, diagnostics: config.diagnostics };
}
