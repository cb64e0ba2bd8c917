import path from 'node:path';
import type { Root } from 'mdast';
import { diagnostic, isError, type Diagnostic } from '../model/diagnostic.js';
import type { Signatory } from '../model/signatory.js';
import { alignBodies } from '../model/alignment.js';
import { DEFAULT_LANGUAGE_SETTINGS, languageName, sourceLanguage, type Lang, type LanguageSettings } from '../model/languages.js';
import type { Stamp } from '../model/stamp.js';
import { SLUG_PATTERN, type FrontMatter, type Statement, type StatementText } from '../model/statement.js';
import { loadFrontMatter } from './frontmatter.js';
import { parseMarkdown } from './markdown.js';
import { inlineTooCostly, MAX_NESTING, MAX_TREE_DEPTH, tooDeeplyNested, treeTooDeep } from './nesting.js';
import { displayPath, listFolders, MAX_BYTES, readInput } from './read.js';
import { sanitizeBody } from './sanitize.js';
import { loadSignatoriesCsv, loadSignatoriesYaml } from './signatories.js';
import type { Validated, ValuePlace } from './yaml.js';

export interface Loaded<T> {
  value?: T;
  diagnostics: Diagnostic[];
}

/** Every statement folder's slug; folders with invalid names are reported, not skipped silently. */
export async function listStatements(statementsDir: string): Promise<Loaded<string[]>> {
  const listing = await listFolders(statementsDir, 'the statements folder (--statements)');
  if (listing.missing) {
    const reason = 'statements folder not found: run `statements new <slug>` to create one, or pass --statements DIR';
    return { diagnostics: [diagnostic('error', 'statement-folder', reason, { file: displayPath(statementsDir) })] };
  }
  if (!listing.folders) return { diagnostics: listing.diagnostics };
  const diagnostics = listing.folders
    .filter((name) => !SLUG_PATTERN.test(name) && !name.startsWith('.'))
    .map((name) =>
      diagnostic('error', 'slug', `invalid statement folder name "${name}": use lowercase letters, digits and hyphens, starting with a letter or digit (e.g. ${suggestSlug(name)})`, {
        file: displayPath(path.join(statementsDir, name)),
      }),
    );
  return { value: listing.folders.filter((name) => SLUG_PATTERN.test(name)), diagnostics: [...listing.diagnostics, ...diagnostics] };
}

export function suggestSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'my-statement';
}

interface LoadedText {
  file: string;
  frontMatter: FrontMatter;
  body: StatementText['body'];
  places: Record<string, ValuePlace>;
  source: string;
}

/** The place of every leaf value, keyed by dotted path (`contacts.0.email`). */
function leafPlaces(value: unknown, placeOf: (path: readonly PropertyKey[]) => ValuePlace, prefix: (string | number)[] = []): Record<string, ValuePlace> {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
    return Object.assign({}, ...entries.map(([key, item]) => leafPlaces(item, placeOf, [...prefix, key])));
  }
  return { [prefix.join('.')]: placeOf(prefix) };
}

const CONTAINERS_TOO_DEEP = `block quotes and lists nest more than ${MAX_NESTING} levels deep here (they count together, in Markdown or HTML): flatten the structure, e.g. make the deepest items a separate list`;

/** A body too deep for the outputs' recursive walks, reported at the node that goes too deep. */
function deepTreeDiagnostic(body: Root, file: string): Diagnostic | undefined {
  const tooDeep = treeTooDeep(body);
  if (!tooDeep) return undefined;
  const reason = tooDeep.kind === 'containers' ? CONTAINERS_TOO_DEEP : `the text nests more than ${MAX_TREE_DEPTH} levels deep here (emphasis inside links inside lists…): simplify it`;
  const start = tooDeep.node.position?.start;
  return diagnostic('error', 'nesting', reason, { file, line: start?.line, column: start?.column });
}

/** A language's text, or nothing at all when its file does not exist (`missing`): the caller knows whether that is an error. */
async function loadText(dir: string, lang: Lang, isOriginal: boolean): Promise<Loaded<LoadedText> & { missing?: boolean }> {
  const source = path.join(dir, `${lang}.md`);
  const file = displayPath(source);
  const role = `the ${languageName(lang)} ${isOriginal ? 'original' : 'translation'}`;
  const read = await readInput(source, { what: `${role} (${lang}.md)`, maxBytes: MAX_BYTES.statement });
  if (read.missing) {
    if (!isOriginal) return { diagnostics: [], missing: true };
    return { diagnostics: [diagnostic('error', 'missing-file', `missing ${lang}.md (${role}): create it with front matter and the text, or run \`statements new\``, { file })] };
  }
  const text = read.text;
  if (text === undefined) return { diagnostics: read.diagnostics };
  const tooDeep = tooDeeplyNested(text);
  if (tooDeep) {
    return { diagnostics: [...read.diagnostics, diagnostic('error', 'nesting', CONTAINERS_TOO_DEEP, { file, ...tooDeep })] };
  }
  const costly = inlineTooCostly(text);
  if (costly) {
    const reason = 'emphasis, strikethrough or link brackets nest so deeply here that the text cannot be read in reasonable time: close what you open, or remove the extra `*`, `_`, `~` and `[`';
    return { diagnostics: [...read.diagnostics, diagnostic('error', 'nesting', reason, { file, ...costly })] };
  }
  const markdown = parseMarkdown(text);
  const frontMatter = loadFrontMatter(file, text, markdown, isOriginal);
  if (!frontMatter.ok) return { diagnostics: [...read.diagnostics, ...frontMatter.diagnostics] };
  const places = leafPlaces(frontMatter.value, frontMatter.placeOf);
  const parsedTooDeep = deepTreeDiagnostic(markdown.body, file);
  if (parsedTooDeep) return { diagnostics: [...read.diagnostics, ...frontMatter.diagnostics, parsedTooDeep] };
  const sanitized = sanitizeBody(markdown.body, file);
  const sanitizedTooDeep = sanitized.some(isError) ? undefined : deepTreeDiagnostic(markdown.body, file);
  return {
    value: { file, frontMatter: frontMatter.value, body: markdown.body, places, source: text },
    diagnostics: [...read.diagnostics, ...frontMatter.diagnostics, ...sanitized, ...(sanitizedTooDeep ? [sanitizedTooDeep] : [])],
  };
}

const SIGNATORY_LOADERS: Record<string, (file: string, text: string) => Validated<Signatory[]>> = {
  'signatories.csv': loadSignatoriesCsv,
  'signatories.yaml': loadSignatoriesYaml,
  'signatories.yml': loadSignatoriesYaml,
};

/** The names a statement's signatory list may have. */
export const SIGNATORY_FILES = Object.keys(SIGNATORY_LOADERS);

async function loadSignatories(dir: string): Promise<Loaded<{ file?: string; signatories: Signatory[] }>> {
  const candidates = Object.entries(SIGNATORY_LOADERS);
  const found: { file: string; text: string; load: (file: string, text: string) => Validated<Signatory[]> }[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [name, load] of candidates) {
    const read = await readInput(path.join(dir, name), { what: 'the signatory list', maxBytes: MAX_BYTES.signatories });
    diagnostics.push(...read.diagnostics);
    if (read.text !== undefined) found.push({ file: displayPath(path.join(dir, name)), text: read.text, load });
  }
  if (diagnostics.some(isError)) return { diagnostics };
  const [first, second] = found;
  if (!first) return { value: { signatories: [] }, diagnostics };
  if (second) {
    return { diagnostics: [...diagnostics, diagnostic('error', 'signatories', `both ${path.basename(first.file)} and ${path.basename(second.file)} exist: keep one list of signatories`, { file: second.file })] };
  }
  const result = first.load(first.file, first.text);
  return result.ok ? { value: { file: first.file, signatories: result.value }, diagnostics: [...diagnostics, ...result.diagnostics] } : { diagnostics: [...diagnostics, ...result.diagnostics] };
}

/** A translation inherits the facts it does not restate (date, contacts, embargo…) from the original. */
function toText(lang: Lang, { file, frontMatter: own, body, places, source }: LoadedText, original: FrontMatter): StatementText {
  return {
    lang,
    file,
    places,
    title: own.title,
    subtitle: own.subtitle,
    summary: own.summary,
    dateline: own.dateline ?? original.dateline,
    date: own.date ?? (original.date as string),
    embargo: own.embargo ?? original.embargo,
    timezone: own.timezone ?? original.timezone,
    contacts: own.contacts ?? original.contacts ?? [],
    pdfLayout: own.pdf?.layout ?? original.pdf?.layout,
    stamp: stampOf(own),
    body,
    source,
  };
}

function stampOf(frontMatter: FrontMatter): Stamp | undefined {
  const stamp = frontMatter['translated-from'];
  return stamp && { stamped: stamp.stamped, digests: stamp.blocks === '' ? [] : stamp.blocks.split(' ') };
}

/** A configured translation that is not there: the statement is published without it, which may be on purpose. */
function missingTranslation(dir: string, lang: Lang): Diagnostic {
  const name = languageName(lang);
  return diagnostic('warning', 'missing-translation', `no ${lang}.md: this statement is published without its ${name} translation (no ${lang}.html, ${lang}.pdf or ${lang}.eml, and no side-by-side edition with ${name}); add ${lang}.md to publish it in ${name}`, { file: displayPath(dir) });
}

/**
 * Load and validate one statement folder into the model every renderer reads:
 * the source language's file is required, each translation is optional. A
 * statement is returned with errors only when they are about rows of its
 * signatory list: callers that publish refuse any error.
 */
export async function loadStatement(statementsDir: string, slug: string, settings: LanguageSettings = DEFAULT_LANGUAGE_SETTINGS): Promise<Loaded<Statement>> {
  const dir = path.join(statementsDir, slug);
  if (!SLUG_PATTERN.test(slug)) {
    return { diagnostics: [diagnostic('error', 'slug', `invalid statement name "${slug}": use lowercase letters, digits and hyphens (e.g. ${suggestSlug(slug)})`, { file: displayPath(dir) })] };
  }
  const source = sourceLanguage(settings);
  const [signatories, ...texts] = await Promise.all([loadSignatories(dir), ...settings.languages.map((lang) => loadText(dir, lang, lang === source))]);
  const textDiagnostics = texts.flatMap((text) => text.diagnostics);
  const diagnostics = [...textDiagnostics, ...signatories.diagnostics];
  const original = texts[0]!.value;
  // Rows of the signatory list that are not valid leave the others loaded (the checks still run on them); any other error stops here.
  if (!original || !signatories.value || textDiagnostics.some(isError) || texts.some((text) => !text.value && !text.missing)) return { diagnostics };
  const languages = settings.languages.filter((_, index) => texts[index]!.value);
  settings.languages.forEach((lang, index) => {
    if (texts[index]!.missing) diagnostics.push(missingTranslation(dir, lang));
  });
  const text = Object.fromEntries(languages.map((lang) => [lang, toText(lang, texts[settings.languages.indexOf(lang)]!.value!, original.frontMatter)]));
  const alignments = Object.fromEntries(languages.slice(1).map((lang) => [lang, alignBodies(original.body, text[lang]!.body)]));
  return {
    value: { slug, dir: displayPath(dir), languages, text, alignments, signatories: signatories.value.signatories, signatoriesFile: signatories.value.file },
    diagnostics,
  };
}
