import { defaultSchema, type Schema } from 'hast-util-sanitize';

/**
 * The one HTML schema for statement text: GitHub's, with the content of every
 * element that would otherwise leave code as visible text stripped too (GFM's
 * tagfilter list). The loader sanitizes with it; the HTML renderer sanitizes
 * its finished tree with it again, last, which also prefixes ids.
 */
export const htmlSchema: Schema = {
  ...defaultSchema,
  strip: [...(defaultSchema.strip ?? []), 'style', 'title', 'textarea', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext', 'noscript'],
};

/** The link schemes kept (GitHub's lists): `href` for links, `src` for images. */
const SCHEMES = { href: defaultSchema.protocols?.href ?? [], src: defaultSchema.protocols?.src ?? [] };

/**
 * A statement's URL as a browser reads it, if it is safe to publish: ASCII
 * tabs and line breaks removed and C0 controls and spaces trimmed (so
 * `java&#x09;script:` is seen as `javascript:`), then kept when relative or
 * when its scheme is one the HTML sanitizer keeps. Undefined when unsafe.
 */
export function safeUrl(url: string, kind: keyof typeof SCHEMES = 'href'): string | undefined {
  // eslint-disable-next-line no-control-regex
  const normalized = url.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  const colon = normalized.indexOf(':');
  const firstOther = normalized.search(/[/?#]/);
  if (colon < 0 || (firstOther >= 0 && firstOther < colon)) return normalized;
  return SCHEMES[kind].includes(normalized.slice(0, colon).toLowerCase()) ? normalized : undefined;
}
