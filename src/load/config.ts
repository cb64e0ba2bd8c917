import path from 'node:path';
import { stat } from 'node:fs/promises';
import { diagnostic, isError, type Diagnostic, type Place } from '../model/diagnostic.js';
import { publisherConfigSchema, type PublisherConfig } from '../model/config.js';
import { logoAdvice, logoKind, logoProblem, pngProblem } from '../render/pdf/logo.js';
import { decodeText } from './encoding.js';
import { displayPath, MAX_BYTES, readBytes, readInput } from './read.js';
import type { Loaded } from './statement.js';
import { checkSvg } from './svg.js';
import { parseYaml } from './yaml.js';

const HINTS: Record<string, string> = {
  name: 'add `name: Your Coalition` (the publisher shown on every page)',
  baseUrl: 'add `baseUrl: https://…/` (where the out/ folder is published)',
  email: 'add `email:` with `from: press@your-domain.org` (the sender of the email releases)',
};

const TERMS = { rule: 'config', document: 'the publisher config', hint: (p: readonly PropertyKey[]) => HINTS[String(p[0])] ?? 'add it to the config' };

/** What a PNG's or JPEG's first bytes must be. */
const SIGNATURES: Record<'PNG' | 'JPEG', number[]> = {
  PNG: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  JPEG: [0xff, 0xd8, 0xff],
};

/**
 * The logo named in the config: a PNG, JPEG or SVG file in the config's folder
 * or below, at most MAX_BYTES.logo, whose bytes are what its name says; an SVG
 * is checked for script and external references ({@link checkSvg}). Then it is
 * drawn once as the PDF draws it (when `draw`; a PNG's structure is checked
 * either way), so a logo that cannot be drawn is one error at its line here,
 * not one in every PDF.
 */
async function loadLogo(configFile: string, logo: string, at: { file: string; line: number; column: number }, draw: boolean): Promise<{ logoPath?: string; bytes?: Uint8Array; diagnostics: Diagnostic[] }> {
  const configDir = path.dirname(path.resolve(configFile));
  const logoPath = path.resolve(configDir, logo);
  const inside = path.relative(configDir, logoPath);
  const refuse = (reason: string, rule = 'config') => ({ diagnostics: [diagnostic('error', rule, reason, at)] });
  if (path.isAbsolute(logo) || inside.startsWith('..') || path.isAbsolute(inside)) {
    return refuse(`logo "${logo}" is outside the config's folder: put the logo in that folder (or a folder below it, e.g. assets/logo.svg) and give its path relative to the config`);
  }
  const kind = logoKind(logoPath);
  if (!kind) return refuse(`logo "${logo}" must be a PNG, JPEG or SVG file (.png, .jpg, .jpeg or .svg): convert it, or fix the path`);
  const read = await readBytes(logoPath, { what: 'the logo', maxBytes: MAX_BYTES.logo });
  if (read.missing) return refuse(`logo "${logo}" not found next to the config: fix the path (relative to the config's folder) or remove \`logo\``);
  if (!read.bytes) return { diagnostics: read.diagnostics };
  const logoFile = displayPath(logoPath);
  const diagnostics: Diagnostic[] = [];
  if (kind !== 'SVG') {
    if (!SIGNATURES[kind].every((byte, index) => read.bytes?.[index] === byte)) {
      return { diagnostics: [diagnostic('error', 'logo', `the logo is not a ${kind} image, whatever its name says: export it again as ${kind}, or name the file after what it is`, { file: logoFile, line: 1, column: 1 })] };
    }
  } else {
    const text = decodeText(logoFile, read.bytes, 'the logo');
    if (text.text === undefined) return { diagnostics: text.diagnostics };
    diagnostics.push(...text.diagnostics, ...checkSvg(logoFile, text.text));
    if (diagnostics.some(isError)) return { diagnostics };
  }
  // Without drawing, a PNG's own structure is still checked (no pdfkit needed for that).
  const problem = draw ? await logoProblem(kind, read.bytes) : kind === 'PNG' ? pngProblem(read.bytes) : undefined;
  if (problem) return refuse(`logo "${logo}" cannot be drawn in the PDF (${problem}): ${logoAdvice(kind)}`, 'logo');
  return { logoPath, bytes: read.bytes, diagnostics };
}

const FALLBACK = ['pdf', 'fonts', 'fallback'];
/** Larger than any real font (the CJK ones are under 20 MB): a file this big is a mistake. */
const MAX_FONT_BYTES = 64 * 1024 * 1024;

/** The tables pdfkit reads besides the glyphs (metrics, names, flags). */
const PDF_TABLES = ['head', 'hhea', 'maxp', 'OS/2', 'post', 'name', 'hmtx', 'cmap'];

/** Why `bytes` cannot serve as a PDF fallback font, or undefined when fontkit reads it as one font. */
async function fontProblem(bytes: Uint8Array): Promise<string | undefined> {
  const fontkit = await import('fontkit');
  try {
    const font = fontkit.create(bytes);
    if (font.type === 'TTC' || font.type === 'DFont') return 'is a font collection: extract one .ttf or .otf font from it';
    if (font.type !== 'TTF') return `is a ${font.type} web font: use the .ttf or .otf file`;
    // fontkit parses a font as it is read: read now what a PDF may use (its tables, every character's
    // glyph, every glyph as pdfkit embeds it), so a damaged file fails here once rather than in every PDF.
    if (!(font.unitsPerEm > 0)) return 'has no valid font header';
    for (const table of PDF_TABLES) void (font as unknown as Record<string, unknown>)[table];
    void font.characterSet;
    const subset = font.createSubset();
    for (let glyph = 0; glyph < font.numGlyphs; glyph++) subset.includeGlyph(glyph);
    subset.encode();
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
    const read = async () => {
      const font = await readBytes(fontPath, { what: 'the font', maxBytes: MAX_FONT_BYTES });
      return font.bytes ? fontProblem(font.bytes) : (font.diagnostics[0]?.reason ?? 'cannot be read');
    };
    const problem = !info
      ? `does not exist (looked for ${displayPath(fontPath)})`
      : !info.isFile()
        ? `is ${info.isDirectory() ? 'a folder' : 'not a regular file'}`
        : !/\.(ttf|otf)$/i.test(fontPath)
          ? 'is not a .ttf or .otf file'
          : info.size > MAX_FONT_BYTES
            ? 'is larger than 64 MB, too large for a font'
            : await read();
    if (problem) {
      const place = placeOf(typeof setting === 'string' ? undefined : index);
      diagnostics.push(diagnostic('error', 'config', `PDF fallback font "${entry}" ${problem}: fix \`pdf.fonts.fallback\` (paths are relative to the config) or remove the entry`, place));
    } else paths.push(fontPath);
  }
  return { paths, diagnostics };
}

export interface LoadConfigOptions {
  /**
   * Draw the logo as the PDF will (default true). Commands that make no PDF
   * (`check`, `new`, `stamp`) skip it: drawing loads pdfkit, which they have no other use for.
   */
  drawLogo?: boolean;
}

/** The publisher config (`publisher.yaml`): name, logo, colours, base URL, email and PDF settings. */
export async function loadConfig(configFile: string, { drawLogo = true }: LoadConfigOptions = {}): Promise<Loaded<PublisherConfig>> {
  const file = displayPath(configFile);
  const read = await readInput(configFile, { what: 'the publisher config', maxBytes: MAX_BYTES.config });
  if (read.missing) {
    return { diagnostics: [diagnostic('error', 'config', 'publisher config not found: create publisher.yaml (see README, "Customising") or pass --config FILE', { file })] };
  }
  if (read.text === undefined) return { diagnostics: read.diagnostics };
  const result = parseYaml({ file, text: read.text, firstLine: 1 }, publisherConfigSchema, TERMS);
  const diagnostics = [...read.diagnostics, ...result.diagnostics];
  if (!result.ok) return { diagnostics };
  const config: PublisherConfig = { ...result.value, file, fallbackFontPaths: [], languagePlaces: result.value.languages.map((_, index) => result.pointOf(['languages', index])) };
  const { dkim } = config.email;
  if (dkim) {
    // The key itself is read only by `send`: a build needs no secret.
    const keyPath = dkim.privateKey === undefined ? undefined : path.resolve(path.dirname(path.resolve(configFile)), dkim.privateKey);
    config.dkimSource = { place: result.pointOf(['email', 'dkim']), keyPath, keyPlace: keyPath ? result.pointOf(['email', 'dkim', 'privateKey']) : undefined };
  }
  if (config.logo) {
    const logo = await loadLogo(configFile, config.logo, { file, ...result.pointOf(['logo']) }, drawLogo);
    diagnostics.push(...logo.diagnostics);
    if (!logo.bytes) return { diagnostics };
    config.logoPath = logo.logoPath;
    config.logoBytes = logo.bytes;
  }
  const fonts = await checkFallbackFonts(config.pdf.fonts?.fallback, configFile, (index) => ({ file, ...result.pointOf(index === undefined ? FALLBACK : [...FALLBACK, index]) }));
  if (fonts.diagnostics.length) return { diagnostics: [...diagnostics, ...fonts.diagnostics] };
  config.fallbackFontPaths = fonts.paths;
  return { value: config, diagnostics };
}
