/**
 * How URLs, email addresses and digits are recognised in a statement's text:
 * shared by the alignment's invariants and by the `figures` check, so both
 * read the same things the same way.
 */

export const URL_IN_TEXT = /\b(?:https?|ftp):\/\/[^\s<>"'`]+/giu;
/** Bounded as the standard bounds an address's parts (64 before the `@`, 63 a label): unbounded, a long word before an `@` took time in the square of its length. */
export const EMAIL_IN_TEXT = /[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63})+/gu;
/** Punctuation that ends a sentence after a URL rather than belonging to it. */
export const TRAILING_PUNCTUATION = /[.,;:!?)\]}»”’'"]+$/u;

/** A URL written in running text, without the punctuation that follows it in the sentence. */
export function urlInText(written: string): string {
  return written.replace(TRAILING_PUNCTUATION, '');
}

/** An address compares without case. */
export function emailKey(address: string): string {
  return address.toLowerCase();
}

export type UrlKey = { kind: 'url'; key: string } | { kind: 'email'; key: string };

/**
 * What a link's URL compares as: without the case of scheme and host and
 * without a trailing slash; a `mailto:` link is its address; in-page anchors
 * (`#top`) differ by language and compare as nothing.
 */
export function urlKey(url: string): UrlKey | undefined {
  const trimmed = url.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return undefined;
  if (/^mailto:/i.test(trimmed)) {
    const address = trimmed.slice('mailto:'.length).split('?')[0]!;
    return { kind: 'email', key: emailKey(decoded(address)) };
  }
  let href = trimmed;
  try {
    href = new URL(trimmed).href;
  } catch {
    // A relative URL stays as written.
  }
  return { kind: 'url', key: href.replace(/\/+$/, '') };
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const DECIMAL_DIGIT = /^\p{Nd}$/u;

/** Every decimal digit of any script (`١`, `१`, `𝟙`) as its ASCII digit; other characters kept. */
export function asciiDigits(written: string): string {
  let result = '';
  // The zero of the digits last read: the next digit of the same script is found without looking again.
  let zero = 0x30;
  for (const char of written) {
    const code = char.codePointAt(0)!;
    if (code - zero >= 0 && code - zero <= 9) {
      result += String(code - zero);
    } else if (DECIMAL_DIGIT.test(char)) {
      zero = zeroOf(code);
      result += String(code - zero);
    } else {
      result += char;
    }
  }
  return result;
}

/** Unicode encodes each script's decimal digits as one run of ten from zero (some runs back to back), so a digit's zero is found by walking back to the start of its runs. */
function zeroOf(code: number): number {
  let start = code;
  while (DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start--;
  return code - ((code - start) % 10);
}
