import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FontkitFont } from 'fontkit';

/** The faces a PDF uses: a serif for reading, a sans for the letterhead, headings and labels. */
export const FACES = ['serif', 'serifBold', 'serifItalic', 'serifBoldItalic', 'sans', 'sansBold'] as const;
export type Face = (typeof FACES)[number];
/** A face name as registered in a document: one of FACES, or `fallback`. */
export type FontName = Face | 'fallback';

const require = createRequire(import.meta.url);

const PACKAGE_FILES: Record<Face, string> = {
  serif: '@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf',
  serifBold: '@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf',
  serifItalic: '@expo-google-fonts/noto-serif/400Regular_Italic/NotoSerif_400Regular_Italic.ttf',
  serifBoldItalic: '@expo-google-fonts/noto-serif/700Bold_Italic/NotoSerif_700Bold_Italic.ttf',
  sans: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  sansBold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
};

export interface LoadedFont {
  name: FontName;
  font: FontkitFont;
  /** Advance width of each measured string at size 1, shared by every document of this process. */
  widths: Map<string, number>;
  /** pdfkit's own layout cache for this font, shared across documents (see `shareLayoutCache`). */
  layoutCache: Record<string, unknown>;
  /** Whether the font has a glyph for a code point, looked up once per process. */
  coverage: Map<number, boolean>;
}

export interface FontSet {
  faces: Record<Face, LoadedFont>;
  fallback?: LoadedFont;
}

type Fontkit = typeof import('fontkit');

function loadFont(fontkit: Fontkit, name: FontName, file: string): LoadedFont {
  const font = fontkit.create(readFileSync(file));
  if (typeof font.hasGlyphForCodePoint !== 'function') throw new Error(`${file} is a font collection; use a single .ttf or .otf file`);
  return { name, font, widths: new Map(), layoutCache: Object.create(null) as Record<string, unknown>, coverage: new Map() };
}

let packageFaces: Record<Face, LoadedFont> | undefined;
const fallbacks = new Map<string, LoadedFont>();

/**
 * Parse the fonts once per process, lazily (fontkit is imported on first
 * use, so HTML-only commands never load it): the first PDF pays for parsing,
 * later ones reuse the parsed fonts.
 */
export async function fontSet(fallbackPath?: string): Promise<FontSet> {
  const fontkit = await import('fontkit');
  packageFaces ??= Object.fromEntries(FACES.map((face) => [face, loadFont(fontkit, face, require.resolve(PACKAGE_FILES[face]))])) as Record<Face, LoadedFont>;
  if (!fallbackPath) return { faces: packageFaces };
  let fallback = fallbacks.get(fallbackPath);
  if (!fallback) {
    fallback = loadFont(fontkit, 'fallback', fallbackPath);
    fallbacks.set(fallbackPath, fallback);
  }
  return { faces: packageFaces, fallback };
}

/** Width of `text` at `size` points, measured once per process per font. */
export function measure(font: LoadedFont, text: string, size: number): number {
  let width = font.widths.get(text);
  if (width === undefined) {
    width = font.font.layout(text).advanceWidth / font.font.unitsPerEm;
    font.widths.set(text, width);
  }
  return width * size;
}

/** Characters that are never drawn as glyphs, so need no font coverage. */
export function isInvisible(codePoint: number): boolean {
  return codePoint < 0x20 || codePoint === 0x200b || codePoint === 0x00ad || codePoint === 0xfeff || (codePoint >= 0xfe00 && codePoint <= 0xfe0f);
}

/**
 * Which font draws `char` in `face`: the face itself, else the configured
 * fallback, else undefined (the caller reports it; pdfkit would draw an empty box).
 */
export function fontFor(fonts: FontSet, face: Face, char: string): LoadedFont | undefined {
  const codePoint = char.codePointAt(0) ?? 0;
  const main = fonts.faces[face];
  if (codePoint < 0x7f || isInvisible(codePoint) || hasGlyph(main, codePoint)) return main;
  if (fonts.fallback && hasGlyph(fonts.fallback, codePoint)) return fonts.fallback;
  return undefined;
}

/** Printable ASCII is in every face; anything else is looked up in the font once. */
function hasGlyph(font: LoadedFont, codePoint: number): boolean {
  let has = font.coverage.get(codePoint);
  if (has === undefined) {
    has = font.font.hasGlyphForCodePoint(codePoint);
    font.coverage.set(codePoint, has);
  }
  return has;
}

export function codePointLabel(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}
