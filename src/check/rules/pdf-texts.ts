import type { Nodes, Parents } from 'mdast';
import type { LocaleSet } from '../../i18n/index.js';
import { localeStrings } from '../../i18n/strings.js';
import { publisherName } from '../../model/config.js';
import type { Place } from '../../model/diagnostic.js';
import type { SignatoryField } from '../../model/signatory.js';
import { sourceText, textIn, type Lang, type Statement } from '../../model/statement.js';
import { boldFace, italicFace, type Face } from '../../render/pdf/fonts.js';
import type { CheckContext } from '../rule.js';

/** Where a text the PDF prints was written, precisely enough to place each of its characters. */
export interface TextPlace extends Place {
  /** Columns a Markdown container strips from each continuation line of the text ("> ", a list indent). */
  indent?: number;
  /** The column of each character of the text, all on `line`, where they do not follow one another (a front-matter value with YAML escapes). */
  columns?: readonly number[];
}

/** A text the PDF prints, in the face it is set in (which decides the fonts tried), and where it was written. */
export interface PdfText {
  text: string;
  face: Face;
  place: TextPlace;
  /** What the text is, when its place alone does not say (a UI string's key). */
  label?: string;
}

/**
 * Where each character of `printed` was written, asked in increasing offsets:
 * lines are counted as the text is scanned.
 */
export function placeTracker({ text, place }: PdfText): (offset: number) => Place {
  let line = place.line ?? 0;
  let lineStart = 0;
  let scanned = 0;
  return (offset) => {
    for (; scanned < offset; scanned++) {
      if (text.charCodeAt(scanned) === 10) {
        line++;
        lineStart = scanned + 1;
      }
    }
    if (place.line === undefined) return { file: place.file };
    if (place.columns) return { file: place.file, line: place.line, column: place.columns[offset] ?? place.column };
    if (line > place.line) return { file: place.file, line, column: offset - lineStart + 1 + (place.indent ?? 0) };
    // A value whose column is not known (a signatory's row) gets none rather than a made-up one.
    return place.column === undefined ? { file: place.file, line } : { file: place.file, line, column: place.column + offset };
  };
}

/** Where a front-matter value of `lang` was written: its own file, or the original's for a value the translation inherits. */
function fieldPlace(statement: Statement, lang: Lang, field: string): TextPlace {
  for (const text of [textIn(statement, lang), sourceText(statement)]) {
    const place = text.places[field];
    if (place) return { file: text.file, ...place };
  }
  return { file: textIn(statement, lang).file };
}

/** The title, subtitle, dateline and contacts of `lang`, in the faces the PDF sets them in. */
function frontMatterTexts(statement: Statement, lang: Lang): PdfText[] {
  const text = textIn(statement, lang);
  const field = (value: string | undefined, face: Face, name: string): PdfText[] => (value ? [{ text: value, face, place: fieldPlace(statement, lang, name) }] : []);
  return [
    ...field(text.title, 'sansBold', 'title'),
    ...field(text.subtitle, 'serifItalic', 'subtitle'),
    ...field(text.dateline, 'serifBold', 'dateline'),
    ...text.contacts.flatMap((contact, index) => [
      ...field(contact.name, 'serifBold', `contacts.${index}.name`),
      ...field(contact.organization, 'serif', `contacts.${index}.organization`),
      ...field(contact.email, 'serif', `contacts.${index}.email`),
      ...field(contact.phone, 'serif', `contacts.${index}.phone`),
    ]),
  ];
}

/** Where a node starts, `shift` columns on (past the "`" or "![" that opens its text). */
function nodePlace(file: string, node: Nodes, shift = 0): TextPlace {
  const start = node.position?.start;
  return start ? { file, line: start.line, column: start.column + shift } : { file };
}

/**
 * Where a text node was written. Markdown strips a container's prefix ("> ",
 * a list item's indent) from each continuation line of a paragraph; the
 * node's end position tells how many columns, so a character on a later line
 * is placed at its real column.
 */
function textNodePlace(file: string, node: Nodes & { value: string }): TextPlace {
  const place = nodePlace(file, node);
  const end = node.position?.end;
  const lastBreak = node.value.lastIndexOf('\n');
  if (!end || lastBreak < 0) return place;
  return { ...place, indent: Math.max(0, end.column - 1 - (node.value.length - lastBreak - 1)) };
}

/** The width of the backticks (and padding space) before an inline code's text, from its start and end on one line. */
function codeFence(node: Nodes & { value: string }): number {
  const { start, end } = node.position ?? {};
  if (!start || !end || start.line !== end.line) return 0;
  return Math.max(0, Math.floor((end.column - start.column - node.value.length) / 2));
}

/**
 * The words of a Markdown body as the PDF sets them: headings in the bold
 * sans, code in the sans, emphasis and quotations in the italic, the header
 * row of a table in bold. Raw HTML was resolved at load (nothing of it is
 * printed); an image prints its alternative text.
 */
function bodyTexts(file: string, node: Nodes, face: Face, out: PdfText[]): void {
  switch (node.type) {
    case 'text':
      if (node.value) out.push({ text: node.value, face, place: textNodePlace(file, node) });
      return;
    case 'inlineCode':
      out.push({ text: node.value, face: 'sans', place: nodePlace(file, node, codeFence(node)) });
      return;
    case 'code': {
      const start = node.position?.start;
      // The code starts on the line after its fence.
      out.push({ text: node.value, face: 'sans', place: start ? { file, line: start.line + 1, column: 1 } : { file } });
      return;
    }
    case 'image':
    case 'imageReference':
      if (node.alt) out.push({ text: node.alt, face: italicFace(face), place: nodePlace(file, node, 2) });
      return;
    case 'html':
      return;
    case 'heading':
      return children(file, node, 'sansBold', out);
    case 'emphasis':
    case 'blockquote':
      return children(file, node, italicFace(face), out);
    case 'strong':
      return children(file, node, boldFace(face), out);
    case 'table':
      node.children.forEach((row, index) => bodyTexts(file, row, index === 0 ? boldFace(face) : face, out));
      return;
    default:
      if ('children' in node) children(file, node, face, out);
  }
}

function children(file: string, node: Parents, face: Face, out: PdfText[]): void {
  for (const child of node.children) bodyTexts(file, child as Nodes, face, out);
}

/** Each signatory's name, affiliation and place, at its cell (or its row, when the cell was cleaned into other text: joined lines). */
function signatoryTexts(statement: Statement): PdfText[] {
  const file = statement.signatoriesFile;
  if (!file) return [];
  const fields: [SignatoryField, Face][] = [
    ['name', 'serifBold'],
    ['affiliation', 'serifItalic'],
    ['city', 'sans'],
    ['state', 'sans'],
    ['country', 'sans'],
  ];
  return statement.signatories.flatMap((signatory) =>
    fields.flatMap(([field, face]) => {
      const text = signatory[field];
      if (!text) return [];
      const cell = signatory.cells[field];
      // The cell as written may start with spaces the list's reader trimmed.
      const place = cell && cell.text.trim() === text ? { file, line: cell.line, column: cell.column + cell.text.length - cell.text.trimStart().length } : { file, line: signatory.line };
      return [{ text, face, place }];
    }),
  );
}

/** The namespaces of a locale whose words a PDF prints (headings, labels, the footer); email.json is the email's own. */
const PDF_NAMESPACES = ['ui', 'pdf'];

/** The UI strings of `lang` the PDF may print, each at the line of its key. */
function localeTexts(locales: LocaleSet, lang: Lang): PdfText[] {
  return locales.files
    .filter((file) => file.lang === lang && PDF_NAMESPACES.includes(file.namespace))
    .flatMap((file) => [...localeStrings(file, locales.resources[lang]?.[file.namespace]).entries.values()])
    .map(({ key, text, place }): PdfText => ({ text, face: 'sans', place: { file: place.file, line: place.line }, label: `the UI string \`${key}\`` }));
}

/**
 * Every text of a statement's PDFs that comes from the project's files, with
 * where it was written: each language's front matter, body and UI strings,
 * the signatories and the publisher's name. Dates and numbers that `Intl`
 * formats are not included.
 */
export function pdfTexts(statement: Statement, ctx: CheckContext): PdfText[] {
  const languages = statement.languages.flatMap((lang) => {
    const body: PdfText[] = [];
    bodyTexts(textIn(statement, lang).file, textIn(statement, lang).body, 'serif', body);
    const publisher: PdfText = { text: publisherName(ctx.config, lang), face: 'sansBold', place: { file: ctx.config.file }, label: 'the publisher name' };
    return [...frontMatterTexts(statement, lang), ...body, ...localeTexts(ctx.locales, lang), publisher];
  });
  // Concatenated, not pushed as arguments: a list of 50,000 signatories would overflow the stack.
  return [...languages, ...signatoryTexts(statement)];
}
