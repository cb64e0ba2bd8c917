import type { Lang } from '../../model/languages.js';

/** The share image's size in pixels: the 1.91:1 card that Open Graph and X show whole. */
export const SHARE_IMAGE = { width: 1200, height: 630 } as const;

/** Its file in `out/<slug>/`: one per language edition. */
export function shareImageFile(lang: Lang): string {
  return `${lang}.png`;
}
