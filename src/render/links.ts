import { defaultSchema } from 'rehype-sanitize';

/** The link schemes the HTML sanitizer keeps (GitHub's list); the PDF and the unsafe-link check follow the same list. */
const KEPT_SCHEMES = new Set(defaultSchema.protocols?.href ?? ['http', 'https', 'mailto']);

/** Whether a link from a statement survives publishing: relative links and anchors do, and absolute ones with a kept scheme. */
export function isKeptLink(url: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.trim())?.[1];
  return scheme === undefined || KEPT_SCHEMES.has(scheme.toLowerCase());
}
