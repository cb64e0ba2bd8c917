import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createI18n, loadLocales } from '../i18n/index.js';
import { loadConfig } from '../load/config.js';
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

/** A folder beside the output folder: `embargoed/` and `preview/` by default, which are never published. */
export function siblingFolder(outDir: string, name: string): string {
  return path.join(path.dirname(path.resolve(outDir)), name);
}

export async function createRenderContext(paths: ProjectPaths): Promise<Loaded<RenderContext>> {
  const config = await loadConfig(paths.configFile);
  if (!config.value) return { diagnostics: config.diagnostics };
  const locales = loadLocales(paths.localesDir, config.value);
  if (!locales.value) return { diagnostics: [...config.diagnostics, ...locales.diagnostics] };
  const i18n = createI18n(locales.value.resources, config.value.languages);
  const fonts = new FontLibrary(config.value.fallbackFontPaths);
  return { value: { config: config.value, i18n, locales: locales.value, html: loadHtmlTemplates(paths.templatesDir, i18n), email: loadEmailTemplates(paths.templatesDir, i18n), fonts }, diagnostics: config.diagnostics };
}
