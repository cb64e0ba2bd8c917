import type { Root } from 'mdast';
import { z } from 'zod';
import { atMost, emailAddress, ianaTimeZone, isoDate, isoDateTimeWithOffset, oneLineOf, optionalCell, paragraphOf, phoneNumber } from './fields.js';
import type { Signatory } from './signatory.js';

export const LANGUAGES = ['en', 'es'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const SOURCE_LANGUAGE: Lang = 'en';

/** Every output comes once per language and once bilingual, with each language in turn. */
export const VARIANTS = [...LANGUAGES, 'bilingual'] as const;
export type Variant = (typeof VARIANTS)[number];

/** The languages a variant shows, in order. */
export function variantLanguages(variant: Variant): Lang[] {
  return variant === 'bilingual' ? [...LANGUAGES] : [variant];
}

export const PDF_LAYOUTS = ['parallel', 'sequential'] as const;
export type PdfLayout = (typeof PDF_LAYOUTS)[number];

/** The longest value of each front-matter field, in characters (the README documents them). */
export const FIELD_LIMITS = { title: 300, subtitle: 500, dateline: 200, summary: 1000, contact: 200 } as const;

export const contactSchema = z.strictObject({
  name: oneLineOf(FIELD_LIMITS.contact),
  organization: optionalCell(oneLineOf(FIELD_LIMITS.contact)),
  email: optionalCell(atMost(emailAddress, FIELD_LIMITS.contact)),
  phone: optionalCell(atMost(phoneNumber, FIELD_LIMITS.contact)),
});
export type Contact = z.output<typeof contactSchema>;

export const frontMatterSchema = z.strictObject({
  title: oneLineOf(FIELD_LIMITS.title),
  subtitle: optionalCell(oneLineOf(FIELD_LIMITS.subtitle)),
  summary: optionalCell(paragraphOf(FIELD_LIMITS.summary)),
  date: optionalCell(isoDate),
  dateline: optionalCell(oneLineOf(FIELD_LIMITS.dateline)),
  embargo: optionalCell(isoDateTimeWithOffset),
  timezone: optionalCell(ianaTimeZone),
  contacts: z.array(contactSchema).optional(),
  pdf: z.strictObject({ layout: z.enum(PDF_LAYOUTS).optional() }).optional(),
});
export type FrontMatter = z.output<typeof frontMatterSchema>;

/** One language's text of a statement, with what it inherits from the original already filled in. */
export interface StatementText {
  lang: Lang;
  /** Path of the Markdown file as the user wrote it, for diagnostics. */
  file: string;
  title: string;
  subtitle?: string;
  summary?: string;
  dateline?: string;
  /** Release date, YYYY-MM-DD. */
  date: string;
  /** ISO 8601 instant with offset; absent means for immediate release. */
  embargo?: string;
  /** IANA zone used to show the embargo time; absent means the offset written in `embargo`. */
  timezone?: string;
  contacts: Contact[];
  pdfLayout?: PdfLayout;
  /** The Markdown body (front matter removed), positions pointing into `file`. */
  body: Root;
  /**
   * Where in `file` each front-matter value this text sets itself starts, keyed
   * by dotted path (`title`, `contacts.0.name`), for diagnostics raised after
   * loading. Inherited values have no entry here: they point into the original's file.
   * `columns`: where each character of the value is, when they do not follow
   * one another from `column` (YAML escapes, folded lines).
   */
  places: Record<string, { line: number; column: number; columns?: readonly number[] }>;
}

/** The one model every renderer reads: loaded and validated once. */
export interface Statement {
  slug: string;
  /** Folder of the statement as the user wrote it. */
  dir: string;
  text: Record<Lang, StatementText>;
  signatories: Signatory[];
  signatoriesFile?: string;
}

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
