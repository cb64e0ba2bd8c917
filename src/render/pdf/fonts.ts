import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FontkitFont, FontkitGlyphRun } from 'fontkit';
import { displayPath } from '../../load/read.js';
import { diagnostic, type Diagnostic } from '../../model/diagnostic.js';
import { fontForPdfkit, runForPdfkit, Shape, ShapeParts, type GlyphRun, type GlyphRunView } from './shape.js';
import { fullLayout, markAwareLayout } from './marks.js';
import { GlyphRecords } from './subset.js';

/** The faces a PDF uses: a serif for reading, a sans for the letterhead, headings and labels. */
export const FACES = ['serif', 'serifBold', 'serifItalic', 'serifBoldItalic', 'sans', 'sansBold'] as const;
export type Face = (typeof FACES)[number];

const BOLD_FACES: ReadonlySet<Face> = new Set(['serifBold', 'serifBoldItalic', 'sansBold']);

const BOLD: Record<Face, Face> = { serif: 'serifBold', serifItalic: 'serifBoldItalic', serifBold: 'serifBold', serifBoldItalic: 'serifBoldItalic', sans: 'sansBold', sansBold: 'sansBold' };
/** There is no sans italic: emphasis in sans text is set in the serif italic. */
const ITALIC: Record<Face, Face> = { serif: 'serifItalic', serifBold: 'serifBoldItalic', serifItalic: 'serifItalic', serifBoldItalic: 'serifBoldItalic', sans: 'serifItalic', sansBold: 'serifBoldItalic' };

/** The face strong text in `face` is set in. */
export function boldFace(face: Face): Face {
  return BOLD[face];
}

/** The face emphasised text in `face` is set in. */
export function italicFace(face: Face): Face {
  return ITALIC[face];
}

const require = createRequire(import.meta.url);

const FACE_FILES: Record<Face, string> = {
  serif: '@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf',
  serifBold: '@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf',
  serifItalic: '@expo-google-fonts/noto-serif/400Regular_Italic/NotoSerif_400Regular_Italic.ttf',
  serifBoldItalic: '@expo-google-fonts/noto-serif/700Bold_Italic/NotoSerif_700Bold_Italic.ttf',
  sans: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  sansBold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
};

/** The TTF file of a main face. */
export function faceFile(face: Face): string {
  return require.resolve(FACE_FILES[face]);
}

interface FallbackFiles {
  label: string;
  regular: string;
  bold?: string;
  /** The coalition's own font (`pdf.fonts.fallback`), not a bundled one. */
  own?: boolean;
}

/** Which font file, for a message when it cannot be read. */
export interface FontSource {
  /** "Noto Serif", or the file name of the coalition's own font. */
  label: string;
  file: string;
  /** One of the coalition's own fonts (`pdf.fonts.fallback`), rather than a bundled one. */
  own: boolean;
}

/**
 * A font whose data fontkit cannot read (a damaged file), met while a PDF or
 * a share image is drawn: the renderer reports it naming the file, as a
 * user's problem, not as a bug.
 */
export class FontFailure extends Error {
  constructor(
    readonly source: FontSource,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'FontFailure';
  }
}

/**
 * A font that failed, as an error naming its file and what to do. The same
 * for every PDF it breaks, so the build reports it once.
 */
export function fontFailureDiagnostic({ source, message }: FontFailure): Diagnostic {
  const file = displayPath(source.file);
  const fix = source.own
    ? `the file is damaged: replace it with a fresh copy of the .ttf or .otf file, or remove it from \`pdf.fonts.fallback\` in the publisher config`
    : 'this bundled font is damaged: reinstall the dependencies with `npm ci`';
  const font = source.own ? 'this font of `pdf.fonts.fallback`' : `the bundled font ${source.label}`;
  return diagnostic('error', 'pdf-font', `${font} cannot be read while the PDFs and share images are drawn (${message}): ${fix}. The HTML pages and the emails are not affected`, { file });
}

/** `read` (a call into fontkit on the font of `source`), any exception it throws becoming a FontFailure naming the font. */
export function readFont<T>(source: FontSource, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw error instanceof FontFailure ? error : new FontFailure(source, error);
  }
}

/** A font of the @expo-google-fonts packages, which ship whole TTF files: `NotoSansArabic` is in `noto-sans-arabic`. */
function expo(label: string, file: string, bold = true): FallbackFiles {
  const pkg = `@expo-google-fonts/${label.toLowerCase().replace(/ /g, '-')}`;
  return { label, regular: `${pkg}/400Regular/${file}_400Regular.ttf`, bold: bold ? `${pkg}/700Bold/${file}_700Bold.ttf` : undefined };
}

/**
 * The bundled fallback chain, tried after the main face and the coalition's
 * own fonts, character by character. Script fonts come first: they shape
 * their script properly, and Noto Sans Math carries unshaped Arabic letters
 * for formulas that must never win over Noto Sans Arabic. The symbol fonts
 * follow for bullets, arrows, dingbats and operators, Math last among them as
 * it fills what the general ones lack. Emoji (monochrome) comes after every
 * text font, since it also draws ©, ™ and arrows in emoji style. The CJK
 * fonts come last: they are large (5 to 11 MB) and also hold symbols, so they
 * are opened only for what no smaller font has (Han and kana from Simplified
 * Chinese, Hangul from Korean).
 */
const BUNDLED_FALLBACKS: readonly FallbackFiles[] = [
  expo('Noto Sans Arabic', 'NotoSansArabic'),
  expo('Noto Sans Hebrew', 'NotoSansHebrew'),
  expo('Noto Sans Devanagari', 'NotoSansDevanagari'),
  expo('Noto Sans Symbols 2', 'NotoSansSymbols2', false),
  expo('Noto Sans Symbols', 'NotoSansSymbols'),
  expo('Noto Sans Math', 'NotoSansMath', false),
  expo('Noto Emoji', 'NotoEmoji'),
  expo('Noto Sans SC', 'NotoSansSC'),
  expo('Noto Sans JP', 'NotoSansJP'),
  expo('Noto Sans KR', 'NotoSansKR'),
];

/** Characters never drawn as glyphs (controls, joiners, marks of direction, soft hyphens), so they need no font. */
const IGNORABLE = /[\p{Cc}\p{Default_Ignorable_Code_Point}]/u;
const IGNORABLES = /[\p{Cc}\p{Default_Ignorable_Code_Point}]/gu;
/** Invisible characters that change how a script or an emoji sequence is shaped. */
const SHAPING_CONTROL = /^[\u200c\u200d\ufe00-\ufe0f\u{e0100}-\u{e01ef}]$/u;

/** Letters (and digits) of the scripts fontkit lays out from the right. */
export const RIGHT_TO_LEFT_SCRIPT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}]/u;

/** Text cut into words and the spaces between them, each shaped (and cached) on its own, for measuring and drawing alike. */
function words(text: string): string[] {
  return text.split(/( +)/).filter(Boolean);
}

export function isIgnorable(char: string): boolean {
  return IGNORABLE.test(char);
}

/**
 * A map of pure results with bounded memory: when the newer half fills up it
 * becomes the older half and the oldest results are dropped, so what is used
 * often (common words) stays while one-off text (names, numbers) goes.
 */
class BoundedCache<K, V> {
  private newer = new Map<K, V>();
  private older = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K, make: () => V): V {
    let value = this.newer.get(key);
    if (value !== undefined) return value;
    value = this.older.get(key) ?? make();
    if (this.newer.size >= this.limit) {
      this.older = this.newer;
      this.newer = new Map();
    }
    this.newer.set(key, value);
    return value;
  }
}

/**
 * One parsed font, shared by every document of the process. Everything it
 * caches is a pure function of the font and the text (never of which
 * document asked first), so sharing it cannot change any PDF's bytes.
 */
export class LoadedFont {
  private readonly shaped = new BoundedCache<string, Shape>(4_000);
  private readonly nominalIds = new Map<number, number>();
  private readonly parts = new ShapeParts((codePoint) => this.nominal(codePoint));
  private readonly embeddings: FontkitFont[] = [];
  private readonly glyphRecords = new GlyphRecords();
  /** fontkit's layout, or for a bundled face (never a fallback) one that skips mark positioning where no mark is drawn. */
  private readonly fontkitLayout: (text: string, direction?: 'ltr') => FontkitGlyphRun;
  /** Read once: fontkit computes it on every access. */
  readonly unitsPerEm: number;

  constructor(
    /** Name it is registered under in a document. */
    readonly key: string,
    /** The file, named in a message when fontkit cannot read it. */
    readonly source: FontSource,
    readonly font: FontkitFont,
    /** A fallback: a font that may need joiners and selectors kept for shaping (emoji sequences, Arabic, Indic). */
    readonly fallback: boolean,
  ) {
    this.unitsPerEm = this.read(() => font.unitsPerEm);
    this.fontkitLayout = fallback ? fullLayout(font) : markAwareLayout(font);
  }

  /** A call into fontkit on this font (which parses its tables and glyphs as they are first needed). */
  private read<T>(call: () => T): T {
    return readFont(this.source, call);
  }

  /** The font as registered in a pdfkit document: `variant` 0, or an extra embedding for glyphs that stand for other text. */
  pdfkitFont(variant: number): FontkitFont {
    this.embeddings[variant] ??= fontForPdfkit(this.font, variant, (text) => this.layout(text), (call) => this.read(call), this.glyphRecords);
    return this.embeddings[variant]!;
  }

  /**
   * What pdfkit gets when it lays out `text` itself: the words of `text` shaped
   * as for measuring. Our text is shown as measured (show.ts); pdfkit lays out
   * only what svg-to-pdfkit writes for the text of an SVG logo.
   */
  private layout(text: string): GlyphRunView {
    return runForPdfkit(words(text).map((word) => this.shape(word)));
  }

  /** The font's own glyph for a code point (0 when it has none), looked up once. */
  nominal(codePoint: number): number {
    let id = this.nominalIds.get(codePoint);
    if (id === undefined) {
      id = this.read(() => (this.font.hasGlyphForCodePoint(codePoint) ? this.font.glyphForCodePoint(codePoint).id : 0));
      this.nominalIds.set(codePoint, id);
    }
    return id;
  }

  has(codePoint: number): boolean {
    return this.nominal(codePoint) !== 0;
  }

  /** `text` shaped by fontkit, in the direction of its script unless `direction` says otherwise. */
  shape(text: string, direction?: 'ltr'): Shape {
    return this.shaped.get(direction ? `${direction}\0${text}` : text, () => {
      const { glyphs, positions, direction: laidOut } = this.read(() => this.fontkitLayout(text, direction));
      return new Shape(text, { glyphs, positions, rtl: laidOut === 'rtl', forcedLeftToRight: direction === 'ltr' }, this.parts);
    });
  }

  /**
   * `text` as drawn: invisible characters removed (fontkit would draw them as
   * an empty glyph that text extraction maps back to whatever it first stood
   * for), except the joiners and selectors a fallback script or emoji font
   * shapes with.
   */
  drawable(text: string): string {
    return IGNORABLE.test(text) ? text.replace(IGNORABLES, (char) => (this.fallback && SHAPING_CONTROL.test(char) ? char : '')) : text;
  }

  /**
   * The glyphs of a right-to-left `text` (logical order), as drawn from the
   * right: its words in reverse order, each laid out from the right (fontkit
   * does that itself for a word of a right-to-left script; spaces and
   * punctuation are reversed here).
   */
  rightToLeft(text: string): GlyphRun {
    const run: GlyphRun = { glyphs: [], positions: [] };
    for (const word of words(this.drawable(text)).reverse()) {
      const shape = this.shape(RIGHT_TO_LEFT_SCRIPT.test(word) ? word : Array.from(word).reverse().join(''));
      run.glyphs.push(...shape.glyphs);
      run.positions.push(...shape.positions);
    }
    return run;
  }

  /** The words and spaces of `text`, shaped as drawn (`ltr`: left to right, even numbers of a right-to-left script). */
  shapes(text: string, direction?: 'ltr'): Shape[] {
    return words(this.drawable(text)).map((word) => this.shape(word, direction));
  }

  /** Width of `text` at `size` points, as drawn: word by word. */
  width(text: string, size: number): number {
    return (this.shapes(text).reduce((sum, shape) => sum + shape.advanceWidth, 0) / this.unitsPerEm) * size;
  }
}

type Fontkit = typeof import('fontkit');

/** A main face or a font of the chain, parsed by fontkit; a failure names the file. */
function loadFont(fontkit: Fontkit, key: string, source: FontSource, fallback: boolean): LoadedFont {
  return new LoadedFont(key, source, readFont(source, () => fontkit.create(readFileSync(source.file))), fallback);
}

/** A fallback in the chain, opened the first time a character reaches it. */
class FallbackSlot {
  private readonly loaded = new Map<'regular' | 'bold', LoadedFont>();

  constructor(
    private readonly fontkit: Fontkit,
    private readonly index: number,
    private readonly files: FallbackFiles,
  ) {}

  get opened(): string[] {
    return [...this.loaded.values()].map((font) => font.font.postscriptName);
  }

  font(face: Face): LoadedFont {
    const weight = BOLD_FACES.has(face) && this.files.bold ? 'bold' : 'regular';
    let font = this.loaded.get(weight);
    if (!font) {
      const source = { label: this.files.label, file: weight === 'bold' ? this.files.bold! : this.files.regular, own: this.files.own === true };
      font = loadFont(this.fontkit, `fallback${this.index}${weight === 'bold' ? 'Bold' : ''}`, source, true);
      this.loaded.set(weight, font);
    }
    return font;
  }
}

/** The main faces and the fallback chain, parsed on first use. */
export class FontSet {
  readonly faces: Record<Face, LoadedFont>;
  private readonly chain: FallbackSlot[];

  constructor(fontkit: Fontkit, ownFallbacks: readonly string[]) {
    this.faces = Object.fromEntries(
      FACES.map((face) => [face, loadFont(fontkit, face, { label: face.startsWith('serif') ? 'Noto Serif' : 'Noto Sans', file: faceFile(face), own: false }, false)]),
    ) as Record<Face, LoadedFont>;
    const own = ownFallbacks.map((file): FallbackFiles => ({ label: path.basename(file), regular: file, own: true }));
    const bundled = BUNDLED_FALLBACKS.map((files) => ({ ...files, regular: require.resolve(files.regular), bold: files.bold && require.resolve(files.bold) }));
    this.chain = [...own, ...bundled].map((files, index) => new FallbackSlot(fontkit, index, files));
  }

  /**
   * The first font, of `face` and then the fallback chain, that has a glyph
   * for every code point of `cluster` (a letter with its marks stays in one
   * font); undefined when none has.
   */
  fontFor(face: Face, cluster: readonly number[]): LoadedFont | undefined {
    const main = this.faces[face];
    if (cluster.every((codePoint) => main.has(codePoint))) return main;
    for (const slot of this.chain) {
      const font = slot.font(face);
      if (cluster.every((codePoint) => font.has(codePoint))) return font;
    }
    return undefined;
  }

  /** The fallback fonts opened so far, in chain order. */
  get opened(): string[] {
    return this.chain.flatMap((slot) => slot.opened);
  }
}

/**
 * The fonts of one render context: nothing is read or parsed until the first
 * PDF asks (so an HTML-only run parses no font); then the main faces are
 * parsed once, and each fallback when a character first needs it.
 */
export class FontLibrary {
  private loading?: Promise<FontSet>;

  /** `ownFallbacks`: absolute paths of the coalition's fonts (`pdf.fonts.fallback`), tried before the bundled ones. */
  constructor(private readonly ownFallbacks: readonly string[] = []) {}

  /** Whether a PDF has asked for the fonts yet. */
  get started(): boolean {
    return this.loading !== undefined;
  }

  load(): Promise<FontSet> {
    this.loading ??= import('fontkit').then((fontkit) => new FontSet(fontkit, this.ownFallbacks));
    return this.loading;
  }
}
