import type { Root } from 'mdast';
import { z } from 'zod';
import { atMost, emailAddress, ianaTimeZone, isoDate, isoDateTimeWithOffset, oneLineOf, optionalCell, paragraphOf, phoneNumber } from './fields.js';
import type { Aligned } from './alignment.js';
import type { Embargo } from './embargo.js';
import type { Lang } from './languages.js';
import type { Signatory } from './signatory.js';
import type { Stamp } from './stamp.js';

export type { Lang, Variant } from './languages.js';

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
  // What `statements stamp` writes (src/model/stamp.ts): which version of the original a translation follows.
  'translated-from': z
    .strictObject({
      stamped: isoDate,
      blocks: z
        .string()
        .regex(/^(?:[0-9a-f]{8}(?: [0-9a-f]{8})*)?$/, 'must be the digests `statements stamp` writes: run it again rather than editing them'),
    })
    .optional(),
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
  /** A translation's record of the original it follows (`statements stamp`); never inherited. */
  stamp?: Stamp;
  /** The Markdown body (front matter removed), positions pointing into `file`. */
  body: Root;
  /** The file's text as read (decoded, without a byte order mark): what the body's offsets count in. */
  source: string;
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
  /** The languages it is published in: the source first, then each translation it has, in the config's order. */
  languages: Lang[];
  text: Record<Lang, StatementText>;
  /** Each translation's body aligned to the original's, block by block, by the translation's language. */
  alignments: Record<Lang, Aligned[]>;
  signatories: Signatory[];
  signatoriesFile?: string;
  /**
   * Set when the statement is rendered before its embargo lifts (the embargoed
   * press copies, preview pages): outputs then say so (embargo.ts).
   */
  underEmbargo?: Embargo;
}

/** The text in one of the statement's languages (a renderer is only ever asked for those). */
export function textIn(statement: Statement, lang: Lang): StatementText {
  const text = statement.text[lang];
  if (!text) throw new Error(`statement ${statement.slug} has no ${lang} text`);
  return text;
}

/** The original every translation follows. */
export function sourceText(statement: Statement): StatementText {
  return textIn(statement, statement.languages[0]!);
}

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
