import chardet from 'chardet';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';

export interface DecodedText {
  text?: string;
  diagnostics: Diagnostic[];
}

/** The legacy encodings decoded without asking: what Excel and Windows editors write for English and Spanish. */
const WESTERN = new Set(['ISO-8859-1', 'ISO-8859-15', 'windows-1252']);
/** chardet reads this much of a file's non-ASCII lines: enough to tell, cheap on a 64 MiB list. */
const SAMPLE_BYTES = 64 * 1024;

const SAVE_AS_UTF8 = 'save it as UTF-8 (Excel: Save As › "CSV UTF-8"; a text editor: Save with Encoding › UTF-8)';

/** 1-based line and column of a string index. */
function pointAt(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) {
    line += 1;
    lineStart = at + 1;
  }
  return { line, column: index - lineStart + 1 };
}

/** The encoding named by a byte order mark, and the mark's length. */
function byteOrderMark(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** UTF-16 without a BOM, told by where the zero bytes fall: text in Latin script is every other byte zero. */
function utf16WithoutBom(bytes: Uint8Array): string | undefined {
  const pairs = Math.min(bytes.length, 4096) >> 1;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let pair = 0; pair < pairs; pair++) {
    if (bytes[2 * pair] === 0) zeroEven++;
    if (bytes[2 * pair + 1] === 0) zeroOdd++;
  }
  if (bytes.length % 2 !== 0 || pairs === 0) return undefined;
  if (zeroOdd >= pairs / 3 && zeroEven === 0) return 'utf-16le';
  if (zeroEven >= pairs / 3 && zeroOdd === 0) return 'utf-16be';
  return undefined;
}

function decodeStrict(bytes: Uint8Array, encoding: string): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Where the first byte that is not UTF-8 is (UTF-8 never uses a newline byte inside a character, so lines decode alone). */
function firstInvalidUtf8(bytes: Uint8Array): { line: number; column: number } {
  let line = 1;
  for (let start = 0; start < bytes.length; line++) {
    const end = bytes.indexOf(0x0a, start) === -1 ? bytes.length : bytes.indexOf(0x0a, start);
    const slice = bytes.subarray(start, end);
    if (decodeStrict(slice, 'utf-8') === undefined) {
      return { line, column: new TextDecoder('utf-8').decode(slice).indexOf('\uFFFD') + 1 };
    }
    start = end + 1;
  }
  return { line: 1, column: 1 };
}

/** The lines that hold non-ASCII bytes, up to a sample's size: what chardet needs to see. */
function nonAsciiSample(bytes: Uint8Array): Uint8Array {
  const lines: Uint8Array[] = [];
  let size = 0;
  for (let start = 0; start < bytes.length && size < SAMPLE_BYTES; ) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline === -1 ? bytes.length : newline + 1;
    const line = bytes.subarray(start, end);
    if (line.some((byte) => byte >= 0x80)) {
      lines.push(line);
      size += line.length;
    }
    start = end;
  }
  return Buffer.concat(lines);
}

/** Windows-1252's characters for bytes 0x80–0x9F, where it differs from Latin-1 (five bytes it leaves undefined stay C1 controls). */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/** Windows-1252 by hand: Node 20's TextDecoder reads it as Latin-1, turning “quotes” into control characters. */
function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (character) => WINDOWS_1252_HIGH[character.charCodeAt(0) - 0x80] ?? character);
}

/**
 * Text that reads as Western European: no C1 control (a byte Windows-1252 leaves
 * undefined), no symbol inside a word other than an apostrophe or a dash (Côte
 * d’Ivoire), no accented capital after a small letter ("£ódŸ" is Polish "Łódź"
 * read in the wrong encoding).
 */
function readsAsWestern(text: string): boolean {
  if (/[\u0080-\u009f]/.test(text)) return false;
  return !/\p{Ll}[\u00c0-\u00de\u0152\u0160\u0178\u017d]|\p{L}[^\p{L}\x00-\x7f’‘·–—]\p{L}/u.test(text);
}

/**
 * Decode an input file: UTF-8 (with or without BOM) as is; UTF-16 (BOM, or told
 * by its zero bytes); Windows-1252 when the bytes are not UTF-8, chardet names a
 * Western encoding and the text reads as one (with a warning to save as UTF-8).
 * Anything else is an error at its first bad line. A replacement character
 * (U+FFFD) or NUL in the text is an error at its line and column: it would be published.
 */
export function decodeText(file: string, bytes: Uint8Array, what: string): DecodedText {
  const bom = byteOrderMark(bytes);
  const encoding = bom?.encoding ?? (bytes.includes(0) ? utf16WithoutBom(bytes) : undefined) ?? 'utf-8';
  const body = bytes.subarray(bom?.length ?? 0);
  let text = decodeStrict(body, encoding);
  const diagnostics: Diagnostic[] = [];
  if (text === undefined) {
    if (encoding !== 'utf-8') {
      return { diagnostics: [diagnostic('error', 'encoding', `${what} starts like ${encoding.toUpperCase()} text but is not valid ${encoding.toUpperCase()}: ${SAVE_AS_UTF8}`, { file, line: 1, column: 1 })] };
    }
    const at = { file, ...firstInvalidUtf8(body) };
    const candidates = chardet.analyse(nonAsciiSample(body)).map((match) => match.name);
    const western = decodeWindows1252(body);
    if (!candidates.some((name) => WESTERN.has(name)) || !readsAsWestern(western)) {
      const guess = candidates.find((name) => name !== 'ASCII' && name !== 'UTF-8');
      const reason = `${what} is not UTF-8 text, and its encoding cannot be told for sure${guess ? ` (it may be ${guess})` : ''}; this is its first byte that is not UTF-8: ${SAVE_AS_UTF8}`;
      return { diagnostics: [diagnostic('error', 'encoding', reason, at)] };
    }
    text = western;
    diagnostics.push(diagnostic('warning', 'encoding', `${what} is not UTF-8: read it as Windows-1252 (Western European, what Excel on Windows writes), starting here; check its accented letters, and ${SAVE_AS_UTF8}`, at));
  }
  const damaged = text.search(/[\u0000\uFFFD]/);
  if (damaged !== -1) {
    const reason = text[damaged] === '\0'
      ? `${what} contains a NUL character (U+0000), which text never holds: remove it (or, if this is a binary file, put the right file here)`
      : `${what} contains the replacement character U+FFFD (shown as �), left where an earlier conversion lost a letter: retype the damaged word (and look for others)`;
    return { diagnostics: [...diagnostics, diagnostic('error', 'encoding', reason, { file, ...pointAt(text, damaged) })] };
  }
  return { text, diagnostics };
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * A file's text when it is strictly UTF-8 (with or without a byte order mark,
 * returned apart so a rewrite keeps it); nothing for any other encoding: what
 * may be edited in place and written back as it was.
 */
export function strictUtf8(bytes: Uint8Array): { bom: Uint8Array; text: string } | undefined {
  const bomLength = UTF8_BOM.every((byte, index) => bytes[index] === byte) ? UTF8_BOM.length : 0;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(bomLength));
    // UTF-16 text in Latin script is valid UTF-8 with a NUL in every other byte.
    return text.includes('\0') ? undefined : { bom: bytes.subarray(0, bomLength), text };
  } catch {
    return undefined;
  }
}
