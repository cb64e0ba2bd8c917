import type { Block } from '../../model/alignment.js';
import { diagnostic, type Diagnostic } from '../../model/diagnostic.js';
import type { Figure, FigureKind } from '../../model/figures/index.js';

const RULE = 'figures';

/** One side of an aligned pair: its file, its block and the block's figures. */
export interface Side {
  file: string;
  block: Block;
  figures: readonly Figure[];
}

/** Figures that can stand for one another in a message ("2026 differs from 2027"): a percentage is a number. */
const FAMILY: Record<FigureKind, string> = { number: 'number', percent: 'number', date: 'date', url: 'url', email: 'email', code: 'code' };
/** Figures a translation writes in its own format: the message says so. */
const LOCALISED = new Set<FigureKind>(['number', 'percent', 'date']);

/**
 * The figures of a source block that its translation lacks and the other way
 * round, as errors at the translation: a figure that differs where the other
 * side has one of the same kind in its place, else one missing or one extra.
 */
export function figureFindings(source: Side, translation: Side): Diagnostic[] {
  const [sourceLeft, translationLeft] = unmatched(source.figures, translation.figures);
  const found: Diagnostic[] = [];
  const extra = [...translationLeft];
  for (const figure of sourceLeft) {
    const counterpart = extra.findIndex((other) => FAMILY[other.kind] === FAMILY[figure.kind]);
    if (counterpart >= 0) found.push(differs(figure, extra.splice(counterpart, 1)[0]!, source, translation));
    else found.push(missing(figure, source, translation));
  }
  for (const figure of extra) found.push(added(figure, source, translation));
  return found;
}

function differs(original: Figure, figure: Figure, source: Side, translation: Side): Diagnostic {
  const format = LOCALISED.has(original.kind) ? ` (in this language's format)` : '';
  const reason = `${figure.written} differs from ${original.written} in the original (${at(source.file, original.place)}): write ${original.written} here${format}, or correct the original if it is the one that is wrong`;
  return diagnostic('error', RULE, reason, { file: translation.file, ...figure.place }, note(`the original's ${original.written}`, source.file, original.place));
}

function missing(original: Figure, source: Side, translation: Side): Diagnostic {
  const format = LOCALISED.has(original.kind) ? ` (in this language's format)` : '';
  const reason = `${original.written} (${at(source.file, original.place)}) is missing from this translation of ${at(source.file, source.block.place)}: add it${format}, or remove it from the original`;
  return diagnostic('error', RULE, reason, { file: translation.file, ...translation.block.place }, note(`${original.written} in the original`, source.file, original.place));
}

function added(figure: Figure, source: Side, translation: Side): Diagnostic {
  const reason = `${figure.written} is not in the original of this text (${at(source.file, source.block.place)}): remove it, or add it to the original`;
  return diagnostic('error', RULE, reason, { file: translation.file, ...figure.place }, note(`the original of ${at(translation.file, translation.block.place)}`, source.file, source.block.place));
}

function note(reason: string, file: string, place: Figure['place']): Diagnostic {
  return diagnostic('error', RULE, reason, { file, ...place });
}

function at(file: string, place: Figure['place']): string {
  return `${file}:${place.line}:${place.column}`;
}

/**
 * The figures of each side that nothing on the other side agrees with, each
 * once: first by their readings; what is left by looser readings (`31 per
 * cent` and `31 %`, a page in the translation's language on the same site);
 * then a date with a day against the same day and year written as numbers
 * (`15/01/2027`), which covers those numbers.
 */
function unmatched(source: readonly Figure[], translation: readonly Figure[]): [Figure[], Figure[]] {
  const agreeing = (field: 'keys' | 'loose', figure: Figure, others: readonly Figure[]) => others.some((other) => other[field].some((key) => figure[field].includes(key)));
  let sourceLeft = source.filter((figure) => !agreeing('keys', figure, translation));
  let translationLeft = translation.filter((figure) => !agreeing('keys', figure, source));
  [sourceLeft, translationLeft] = [
    sourceLeft.filter((figure) => !agreeing('loose', figure, translationLeft)),
    translationLeft.filter((figure) => !agreeing('loose', figure, sourceLeft)),
  ];
  const sourceDates = datesWrittenAsNumbers(sourceLeft, translation);
  const translationDates = datesWrittenAsNumbers(translationLeft, source);
  const left = (figures: Figure[], dates: Set<Figure>, otherDates: Set<Figure>) =>
    once(figures.filter((figure) => !dates.has(figure) && !coveredBy(figure, otherDates)));
  return [left(sourceLeft, sourceDates, translationDates), left(translationLeft, translationDates, sourceDates)];
}

function datesWrittenAsNumbers(figures: readonly Figure[], others: readonly Figure[]): Set<Figure> {
  const numbers = new Set(others.filter((other) => other.kind === 'number').flatMap((other) => other.keys));
  return new Set(figures.filter((figure) => figure.parts?.written.every((key) => numbers.has(key))));
}

function coveredBy(figure: Figure, dates: ReadonlySet<Figure>): boolean {
  return figure.kind === 'number' && [...dates].some((date) => figure.keys.some((key) => date.parts!.covers.includes(key)));
}

/** The first of figures that read the same: a figure written twice is reported once. */
function once(figures: readonly Figure[]): Figure[] {
  const seen = new Set<string>();
  return figures.filter((figure) => {
    const key = figure.keys[0]!;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
