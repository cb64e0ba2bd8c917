import { loadLocales } from '../i18n/index.js';
import { loadConfig } from '../load/config.js';
import type { Loaded } from '../load/statement.js';
import { languageSettings } from '../model/config.js';
import type { RenderContext } from '../render/context.js';
import { FontLibrary } from '../render/pdf/fonts.js';
import type { ProjectPaths } from '../build/context.js';
import type { CheckContext } from './rule.js';

/** The checks' view of a render context: what `build` and `send` check with. */
export function checkContextOf(ctx: Pick<RenderContext, 'config' | 'locales' | 'fonts'>, now: Date): CheckContext {
  return { config: ctx.config, settings: languageSettings(ctx.config), locales: ctx.locales, fonts: ctx.fonts, now };
}

/** What `statements check` needs, without the templates a render needs: the config, the UI strings and the fonts. */
export async function createCheckContext(paths: ProjectPaths, now: Date): Promise<Loaded<CheckContext>> {
  const config = await loadConfig(paths.configFile, { drawLogo: false });
  if (!config.value) return { diagnostics: config.diagnostics };
  const locales = loadLocales(paths.localesDir, config.value);
  if (!locales.value) return { diagnostics: [...config.diagnostics, ...locales.diagnostics] };
  return { value: checkContextOf({ config: config.value, locales: locales.value, fonts: new FontLibrary(config.value.fallbackFontPaths) }, now), diagnostics: config.diagnostics };
}
