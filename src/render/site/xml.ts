/**
 * Characters XML 1.0 cannot hold at all, even escaped. Statement text never
 * has the control characters among them (src/model/fields.ts refuses those),
 * but a noncharacter (U+FFFE, U+FFFF) or a lone surrogate would make the whole
 * file unreadable to every parser, so it is dropped.
 */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text for XML element content or a quoted attribute value. */
export function xmlText(value: string): string {
  return value.replace(NOT_XML, '').replace(/[&<>"']/g, (character) => ENTITIES[character]!);
}
