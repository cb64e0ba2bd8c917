import path from 'node:path';
import { readFile, stat } from 'node:fs/promises';
import { diagnostic, type Diagnostic, type Place } from '../model/diagnostic.js';
import { publisherConfigSchema, type PublisherConfig } from '../model/config.js';
import { displayPath, readTextIfExists } from './read.js';
import type { Loaded } from './statement.js';
import { parseYaml } from './yaml.js';

const HINTS: Record<string, string> = {
  name: 'add `name: Your Coalition` (the publisher shown on every page)',
  baseUrl: 'add `baseUrl: https://…/` (where the out/ folder is published)',
  email: 'add `email:` with `from: press@your-domain.org` (the sender of the email releases)',
};

const FALLBACK = ['pdf', 'fonts', 'fallback'];
/** Larger than any real font (the CJK ones are under 20 MB): a file this big is a mistake. */
const MAX_FONT_BYTES = 64 * 1024 * 1024;

/** Why `bytes` cannot serve as a PDF fallback font, or undefined when fontkit reads it as one font. */
async function fontProblem(bytes: Uint8Array): Promise<string | undefined> {
  const fontkit = await import('fontkit');
  try {
    const font = fontkit.create(bytes);
    if (font.type === 'TTC' || font.type === 'DFont') return 'is a font collection: extract one .ttf or .otf font from it';
    if (font.type !== 'TTF') return `is a ${font.type} web font: use the .ttf or .otf file`;
    // Parse the tables a PDF needs now, so a damaged file fails here rather than in every PDF.
    if (!(font.unitsPerEm > 0)) return 'has no valid font header';
    font.layout('Aa');
    return undefined;
  } catch (error) {
    return `cannot be read as a font (${error instanceof Error ? error.message : String(error)})`;
  }
}

/**
 * `pdf.fonts.fallback` (one path or a list): each must be one .ttf or .otf
 * font file next to the config. Every bad entry is reported at its line, once
 * for the whole build.
 */
async function checkFallbackFonts(setting: string | string[] | undefined, configFile: string, placeOf: (index?: number) => Place): Promise<{ paths: string[]; diagnostics: Diagnostic[] }> {
  const entries = setting === undefined ? [] : typeof setting === 'string' ? [setting] : setting;
  const paths: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [index, entry] of entries.entries()) {
    const fontPath = path.resolve(path.dirname(configFile), entry);
    const info = await stat(fontPath).catch(() => undefined);
    const problem = !info
      ? `does not exist (looked for ${displayPath(fontPath)})`
      : !info.isFile()
        ? `is ${info.isDirectory() ? 'a folder' : 'not a regular file'}`
        : !/\.(ttf|otf)$/i.test(fontPath)
          ? 'is not a .ttf or .otf file'
          : info.size > MAX_FONT_BYTES
            ? 'is larger than 64 MB, too large for a font'
            : await fontProblem(await readFile(fontPath));
    if (problem) {
      const place = placeOf(typeof setting === 'string' ? undefined : index);
      diagnostics.push(diagnostic('error', 'config', `PDF fallback font "${entry}" ${problem}: fix \`pdf.fonts.fallback\` (paths are relative to the config) or remove the entry`, place));
    } else paths.push(fontPath);
  }
  return { paths, diagnostics };
}

/** The publisher config (`publisher.yaml`): name, logo, colours, base URL, email and PDF settings. */
export async function loadConfig(configFile: string): Promise<Loaded<PublisherConfig>> {
  const file = displayPath(configFile);
  const text = await readTextIfExists(configFile);
  if (text === undefined) {
    return { diagnostics: [diagnostic('error', 'config', 'publisher config not found: create publisher.yaml (see README, "Customising") or pass --config FILE', { file })] };
  }
  const result = parseYaml({ file, text, firstLine: 1 }, publisherConfigSchema, 'config', (p) => HINTS[String(p[0])] ?? 'add it to the config');
  if (!result.ok) return { diagnostics: result.diagnostics };
  const config: PublisherConfig = { ...result.value, file, fallbackFontPaths: [] };
  if (config.logo) {
    const logoPath = path.resolve(path.dirname(configFile), config.logo);
    const logoBytes = /\.(png|jpe?g|svg)$/i.test(logoPath) ? await readFile(logoPath).catch(() => undefined) : undefined;
    if (!logoBytes) {
      return { diagnostics: [...result.diagnostics, diagnostic('error', 'config', `logo "${config.logo}" is not a PNG, JPEG or SVG file next to the config: fix the path or remove \`logo\``, { file, line: result.lineOf(['logo']), column: 1 })] };
    }
    config.logoPath = logoPath;
    config.logoBytes = logoBytes;
  }
  const fonts = await checkFallbackFonts(config.pdf.fonts?.fallback, configFile, (index) => ({ file, ...result.pointOf(index === undefined ? FALLBACK : [...FALLBACK, index]) }));
  if (fonts.diagnostics.length) return { diagnostics: [...result.diagnostics, ...fonts.diagnostics] };
  config.fallbackFontPaths = fonts.paths;
  return { value: config, diagnostics: result.diagnostics };
}
