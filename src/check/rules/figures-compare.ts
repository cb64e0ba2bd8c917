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
const FAMILY: Record<FigureKind, string> = { number: 'number', percent: 'number', date: 'date', time: 'time', url: 'url', email: 'email', code: 'code' };
/** Findings listed one by one for a pair of blocks; past this, one more says how many are left (a block left untranslated would give one per figure). */
const SHOWN = 10;

/** Figures a translation writes in its own format: the message says so. */
const LOCALISED = new Set<FigureKind>(['number', 'percent', 'date', 'time']);

/**
 * The figures of a source block that its translation lacks and the other way
 * round, as errors at the translation: a figure that differs where the other
 * side has one of the same kind in its place, else one missing or one extra.
 */
export function figureFindings(source: Side, translation: Side): Diagnostic[] {
  const [sourceLeft, translationLeft] = unmatched(source.figures, translation.figures);
  const found: Diagnostic[] = [];
  const extra = new Map<string, Figure[]>();
  for (const figure of translationLeft) {
    const family = extra.get(FAMILY[figure.kind]);
    if (family) family.push(figure);
    else extra.set(FAMILY[figure.kind], [figure]);
  }
  const taken = new Map<string, number>();
  const paired = new Set<Figure>();
  for (const figure of sourceLeft) {
    const family = FAMILY[figure.kind];
    const index = taken.get(family) ?? 0;
    const counterpart = extra.get(family)?.[index];
    if (counterpart) {
      taken.set(family, index + 1);
      paired.add(counterpart);
      found.push(differs(figure, counterpart, source, translation));
    } else {
      found.push(missing(figure, source, translation));
    }
  }
  for (const figure of translationLeft) if (!paired.has(figure)) found.push(added(figure, source, translation));
  if (found.length <= SHOWN) return found;
  const more = `${found.length - SHOWN + 1} more figures of ${at(source.file, source.block.place)} are missing from this translation or differ in it: compare the two texts figure by figure`;
  return [...found.slice(0, SHOWN - 1), diagnostic('error', RULE, more, { file: translation.file, ...translation.block.place }, note('the original of this text', source.file, source.block.place))];
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
  const keys = (figures: readonly Figure[], field: 'keys' | 'loose') => new Set(figures.flatMap((figure) => figure[field]));
  const without = (figures: readonly Figure[], field: 'keys' | 'loose', others: ReadonlySet<string>) => figures.filter((figure) => !figure[field].some((key) => others.has(key)));
  let sourceLeft = without(source, 'keys', keys(translation, 'keys'));
  let translationLeft = without(translation, 'keys', keys(source, 'keys'));
  [sourceLeft, translationLeft] = [without(sourceLeft, 'loose', keys(translationLeft, 'loose')), without(translationLeft, 'loose', keys(sourceLeft, 'loose'))];
  const sourceDates = datesWrittenAsNumbers(sourceLeft, translation);
  const translationDates = datesWrittenAsNumbers(translationLeft, source);
  const left = (figures: Figure[], dates: ReadonlySet<Figure>, otherDates: ReadonlySet<Figure>) => {
    const covered = coveredBy(otherDates);
    return once(figures.filter((figure) => !dates.has(figure) && !covered(figure)));
  };
  return [left(sourceLeft, sourceDates, translationDates), left(translationLeft, translationDates, sourceDates)];
}

/** Dates with a day whose day and year the other side has as numbers, or within a date without a day (`the 15th of January 2027`). */
function datesWrittenAsNumbers(figures: readonly Figure[], others: readonly Figure[]): Set<Figure> {
  const numbers = new Set(others.flatMap((other) => (other.kind === 'number' ? other.keys : other.date && !other.date.day ? [other.date.year] : [])));
  return new Set(figures.filter(({ date }) => date?.day && numbers.has(date.day) && (!date.year || numbers.has(date.year))));
}

/** Whether a figure is the day, month or year of one of the dates (a number), or a date without a day in the same month. */
function coveredBy(dates: ReadonlySet<Figure>): (figure: Figure) => boolean {
  const parts = new Set<string | undefined>();
  const months = new Set<string>();
  for (const { date } of dates) {
    parts.add(date!.day).add(date!.month).add(date!.year);
    months.add(`${date!.month} ${date!.year}`);
  }
  return (figure) => (figure.kind === 'number' ? figure.keys.some((key) => parts.has(key)) : !!figure.date && !figure.date.day && months.has(`${figure.date.month} ${figure.date.year}`));
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
