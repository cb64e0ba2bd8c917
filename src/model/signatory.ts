import { z } from 'zod';
import { atMost, cellOf, optionalCell, webUrl } from './fields.js';
import type { Lang } from './statement.js';

export const SIGNATORY_TYPES = ['organization', 'individual'] as const;
export type SignatoryType = (typeof SIGNATORY_TYPES)[number];

/** The longest signatory cell (name, affiliation, place, url) that is read. */
export const MAX_SIGNATORY_CELL = 500;
const cellText = cellOf(MAX_SIGNATORY_CELL);

export const signatorySchema = z.strictObject({
  name: cellText,
  type: z.preprocess(
    (value) => (value === '' || value == null ? 'organization' : typeof value === 'string' ? value.trim().toLowerCase() : value),
    z.enum(SIGNATORY_TYPES, { error: 'must be `organization` or `individual`' }),
  ),
  affiliation: optionalCell(cellText),
  city: optionalCell(cellText),
  state: optionalCell(cellText),
  country: optionalCell(cellText),
  url: optionalCell(atMost(webUrl, MAX_SIGNATORY_CELL)),
});

export type SignatoryField = keyof typeof signatorySchema.shape;

/** A cell of the signatory list as written, before it is trimmed and its lines joined, and where its text starts. */
export interface SignatoryCell {
  text: string;
  line: number;
  column: number;
}

export type Signatory = z.output<typeof signatorySchema> & {
  /** Where the signatory was written, for diagnostics. */
  line: number;
  /** Each cell with text, as written: the checks look for what cleaning would hide (a leading tab, markup). */
  cells: Partial<Record<SignatoryField, SignatoryCell>>;
};

export function signatoryLocation(signatory: Signatory): string {
  return [signatory.city, signatory.state, signatory.country].filter(Boolean).join(', ');
}

const collators = new Map<Lang, Intl.Collator>();

/** Organisations first, then individuals, each in the language's alphabetical order. */
export function sortSignatories(signatories: readonly Signatory[], lang: Lang): Signatory[] {
  let collator = collators.get(lang);
  if (!collator) {
    collator = new Intl.Collator(lang, { sensitivity: 'base', numeric: true });
    collators.set(lang, collator);
  }
  const rank = (s: Signatory) => SIGNATORY_TYPES.indexOf(s.type);
  return [...signatories].sort((a, b) => rank(a) - rank(b) || collator.compare(a.name, b.name) || a.line - b.line);
}

export function signatoriesByType(signatories: readonly Signatory[], lang: Lang): Record<SignatoryType, Signatory[]> {
  const sorted = sortSignatories(signatories, lang);
  return {
    organization: sorted.filter((s) => s.type === 'organization'),
    individual: sorted.filter((s) => s.type === 'individual'),
  };
}
