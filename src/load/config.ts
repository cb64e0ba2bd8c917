import path from 'node:path';
import { readFile, stat } from 'node:fs/promises';
import { diagnostic } from '../model/diagnostic.js';
import { publisherConfigSchema, type PublisherConfig } from '../model/config.js';
import { displayPath, readTextIfExists } from './read.js';
import type { Loaded } from './statement.js';
import { parseYaml } from './yaml.js';

const HINTS: Record<string, string> = {
  name: 'add `name: Your Coalition` (the publisher shown on every page)',
  baseUrl: 'add `baseUrl: https://…/` (where the out/ folder is published)',
  email: 'add `email:` with `from: press@your-domain.org` (the sender of the email releases)',
};

const TERMS = { rule: 'config', document: 'the publisher config', hint: (p: readonly PropertyKey[]) => HINTS[String(p[0])] ?? 'add it to the config' };

/** The publisher config (`publisher.yaml`): name, logo, colours, base URL, email and PDF settings. */
export async function loadConfig(configFile: string): Promise<Loaded<PublisherConfig>> {
  const file = displayPath(configFile);
  const text = await readTextIfExists(configFile);
  if (text === undefined) {
    return { diagnostics: [diagnostic('error', 'config', 'publisher config not found: create publisher.yaml (see README, "Customising") or pass --config FILE', { file })] };
  }
  const result = parseYaml({ file, text, firstLine: 1 }, publisherConfigSchema, TERMS);
  if (!result.ok) return { diagnostics: result.diagnostics };
  const config: PublisherConfig = { ...result.value, file };
  if (config.logo) {
    const logoPath = path.resolve(path.dirname(configFile), config.logo);
    const logoBytes = /\.(png|jpe?g|svg)$/i.test(logoPath) ? await readFile(logoPath).catch(() => undefined) : undefined;
    if (!logoBytes) {
      return { diagnostics: [...result.diagnostics, diagnostic('error', 'config', `logo "${config.logo}" is not a PNG, JPEG or SVG file next to the config: fix the path or remove \`logo\``, { file, line: result.lineOf(['logo']), column: 1 })] };
    }
    config.logoPath = logoPath;
    config.logoBytes = logoBytes;
  }
  const fallback = config.pdf.fonts?.fallback;
  if (fallback) {
    const fontPath = path.resolve(path.dirname(configFile), fallback);
    const isFont = await stat(fontPath).then((s) => s.isFile(), () => false);
    if (!isFont || !/\.(ttf|otf)$/i.test(fontPath)) {
      return { diagnostics: [...result.diagnostics, diagnostic('error', 'config', `PDF fallback font "${fallback}" is not a .ttf or .otf file next to the config: fix the path or remove \`pdf.fonts.fallback\``, { file, line: result.lineOf(['pdf', 'fonts', 'fallback']), column: 1 })] };
    }
    config.fallbackFontPath = fontPath;
  }
  return { value: config, diagnostics: result.diagnostics };
}
