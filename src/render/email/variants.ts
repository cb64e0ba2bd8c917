import { LANGUAGES, type Lang } from '../../model/statement.js';

/** One email per language, and one with every language in turn. */
export const EMAIL_VARIANTS = [...LANGUAGES, 'bilingual'] as const;
export type EmailVariant = (typeof EMAIL_VARIANTS)[number];

/** The languages an email shows, in order. */
export function variantLanguages(variant: EmailVariant): Lang[] {
  return variant === 'bilingual' ? [...LANGUAGES] : [variant];
}
