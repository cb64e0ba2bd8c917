import type { FootnoteDefinition } from 'mdast';
import type { Aligned, Block, BlockKind } from '../../model/alignment.js';
import { diagnostic, type Diagnostic } from '../../model/diagnostic.js';

const RULE = 'structure';

type Side = 'source' | 'translation';

export const NOUNS: Record<BlockKind, [one: string, many: string]> = {
  heading: ['heading', 'headings'],
  paragraph: ['paragraph', 'paragraphs'],
  listItem: ['list item', 'list items'],
  quoteParagraph: ['quotation paragraph', 'quotation paragraphs'],
  tableRow: ['table row', 'table rows'],
  code: ['code block', 'code blocks'],
  footnote: ['footnote', 'footnotes'],
  thematicBreak: ['horizontal rule', 'horizontal rules'],
  html: ['HTML block', 'HTML blocks'],
};

/** How many footnote labels a message names before it says how many more there are. */
const LABELS_SHOWN = 3;

/**
 * One warning per run of consecutive blocks found on one side only (a missing
 * section is one warning, not one per paragraph), at the run's first block,
 * with a note at the block of the other file it would go next to. A block
 * found on each side, once in a different place ({@link moves}), is one
 * finding that says where to move the translation's.
 */
export function translationGaps(aligned: readonly Aligned[], sourceFile: string, translationFile: string): Diagnostic[] {
  const files: Record<Side, string> = { source: sourceFile, translation: translationFile };
  const moved = moves(aligned);
  const taken = new Set([...moved.keys(), ...moved.values()]);
  const found: Diagnostic[] = [];
  for (let start = 0; start < aligned.length; ) {
    let end = start + 1;
    const original = moved.get(start);
    const side = taken.has(start) ? undefined : gapSide(aligned[start]!);
    if (original !== undefined) {
      found.push(moveError(aligned, original, start, files));
    } else if (side) {
      while (end < aligned.length && !taken.has(end) && gapSide(aligned[end]!) === side && isFootnote(aligned[end]!) === isFootnote(aligned[start]!)) end++;
      found.push(gapWarning(aligned, start, end, side, files));
    }
    start = end;
  }
  return found;
}

/** How far apart the text lengths of a block and its moved translation may be: translations run longer or shorter, not twice or half as long. */
const MOVED_LENGTH_RATIO = 2;
/** Characters added to both lengths so that short blocks compare loosely. */
const LENGTH_SMOOTHING = 20;

/**
 * Body blocks on one side only that are the same text as a block on the other
 * side only: the same kind, the same invariants (at least one: numbers,
 * URLs, footnote references; blocks without any could be any text) and
 * lengths of one order. The alignment keeps order, so a moved paragraph is a
 * gap on each side. Maps the translation's entry to the original's; each
 * original is taken once, by the nearest in length.
 */
function moves(aligned: readonly Aligned[]): Map<number, number> {
  const moved = new Map<number, number>();
  const taken = new Set<number>();
  const sourceOnly = aligned.flatMap((entry, at) => (gapSide(entry) === 'source' && !isFootnote(entry) && entry.source!.invariants.length ? [at] : []));
  aligned.forEach((entry, translationAt) => {
    const translation = entry.translation;
    if (entry.source || !translation || isFootnote(entry) || translation.invariants.length === 0) return;
    const key = invariantKey(translation);
    let best: { at: number; misfit: number } | undefined;
    for (const sourceAt of sourceOnly) {
      const source = aligned[sourceAt]!.source!;
      if (taken.has(sourceAt) || source.kind !== translation.kind || invariantKey(source) !== key) continue;
      const misfit = Math.abs(Math.log((translation.textLength + LENGTH_SMOOTHING) / (source.textLength + LENGTH_SMOOTHING)));
      if (misfit <= Math.log(MOVED_LENGTH_RATIO) && (!best || misfit < best.misfit)) best = { at: sourceAt, misfit };
    }
    if (!best) return;
    moved.set(translationAt, best.at);
    taken.add(best.at);
  });
  return moved;
}

function invariantKey(block: Block): string {
  return [...block.invariants].sort().join('\n');
}

/**
 * `es.md:11 translates en.md:20 but stands in another place`, at the
 * translation's block, with where it belongs: by the translation of the
 * nearest block after the original that pairs, or else before it.
 */
function moveError(aligned: readonly Aligned[], sourceAt: number, translationAt: number, files: Record<Side, string>): Diagnostic {
  const source = aligned[sourceAt]!.source!;
  const translation = aligned[translationAt]!.translation!;
  const paired = (k: number) => (aligned[k]!.source && aligned[k]!.translation && !isFootnote(aligned[k]!) ? aligned[k]!.translation : undefined);
  let there = '';
  for (let k = sourceAt + 1; k < aligned.length && !there; k++) if (paired(k)) there = `before line ${paired(k)!.place.line}`;
  for (let k = sourceAt - 1; k >= 0 && !there; k--) if (paired(k)) there = `after line ${paired(k)!.place.line}`;
  const where = there ? `: move it ${there}` : `: move it to where ${files.source} has it`;
  const reason = `${files.translation}:${translation.place.line} translates ${files.source}:${source.place.line} but stands in another place${where}`;
  const note = diagnostic('error', RULE, `the original of ${files.translation}:${translation.place.line}`, { file: files.source, ...source.place });
  return diagnostic('error', RULE, reason, { file: files.translation, ...translation.place }, note);
}

/** The side a gap's block is on, or undefined for a pair. */
function gapSide(entry: Aligned): Side | undefined {
  if (entry.source && entry.translation) return undefined;
  return entry.source ? 'source' : 'translation';
}

/** Footnotes are paired by label after the body, so a footnote's neighbours are footnotes and a body block's are body blocks. */
function isFootnote(entry: Aligned): boolean {
  return (entry.source ?? entry.translation)!.kind === 'footnote';
}

function gapWarning(aligned: readonly Aligned[], start: number, end: number, side: Side, files: Record<Side, string>): Diagnostic {
  const other: Side = side === 'source' ? 'translation' : 'source';
  const blocks = aligned.slice(start, end).map((entry) => entry[side]!);
  const first = blocks[0]!;
  const lines = lineRange(first, blocks[blocks.length - 1]!);
  const neighbour = findNeighbour(aligned, start, end, other);
  const there = neighbour ? ` (${neighbour.relation} line ${neighbour.block.place.line})` : '';
  const pronoun = blocks.length === 1 ? 'it' : 'them';
  const what = describe(blocks, lines);
  const hint = first.kind === 'footnote' ? ' (footnotes pair by label, or else by their number: the order in which the text first refers to them)' : '';
  const todo =
    side === 'source'
      ? `translate ${pronoun} into ${files.translation}${there}, or remove ${pronoun} from ${files.source}`
      : `remove ${pronoun} from ${files.translation}, or add the original to ${files.source}${there}`;
  const reason = `${what} ${blocks.length === 1 ? 'has' : 'have'} no counterpart in ${files[other]}: ${todo}${hint}`;
  const counterpart = `${side === 'source' ? 'the translation' : 'the original'} of ${files[side]}:${lines} ${side === 'source' ? 'belongs' : 'would go'}`;
  const note = neighbour
    ? diagnostic('error', RULE, `${counterpart} ${neighbour.relation} this ${NOUNS[neighbour.block.kind][0]}`, { file: files[other], ...neighbour.block.place })
    : diagnostic('error', RULE, `${counterpart} in this file, which has no ${first.kind === 'footnote' ? 'footnotes' : 'body text'} yet`, { file: files[other] });
  return diagnostic('error', RULE, reason, { file: files[side], ...first.place }, note);
}

/** `12` or `12–20`, from where the first block starts to where the last one ends. */
function lineRange(first: Block, last: Block): string {
  const endLine = last.node.position?.end.line ?? last.place.line;
  return endLine > first.place.line ? `${first.place.line}–${endLine}` : String(first.place.line);
}

/**
 * The block of the other file the run would go next to: before the first
 * block after the run that has a counterpart there, or else after the last one
 * before it; undefined when that part of the other file is empty.
 */
function findNeighbour(aligned: readonly Aligned[], start: number, end: number, other: Side): { relation: 'before' | 'after'; block: Block } | undefined {
  const footnote = isFootnote(aligned[start]!);
  for (let k = end; k < aligned.length && isFootnote(aligned[k]!) === footnote; k++) {
    const block = aligned[k]![other];
    if (block) return { relation: 'before', block };
  }
  for (let k = start - 1; k >= 0 && isFootnote(aligned[k]!) === footnote; k--) {
    const block = aligned[k]![other];
    if (block) return { relation: 'after', block };
  }
  return undefined;
}

/** "this paragraph", "footnote [^3]", or "3 paragraphs and 1 heading (lines 12–20)". */
function describe(blocks: readonly Block[], lines: string): string {
  const first = blocks[0]!;
  if (first.kind === 'footnote') {
    const labels = blocks.map((block) => `[^${(block.node as FootnoteDefinition).label ?? (block.node as FootnoteDefinition).identifier}]`);
    if (labels.length === 1) return `footnote ${labels[0]}`;
    const more = labels.length > LABELS_SHOWN ? ` and ${labels.length - LABELS_SHOWN} more` : '';
    return `${labels.length} footnotes (${labels.slice(0, LABELS_SHOWN).join(', ')}${more}; ${linesWord(lines)})`;
  }
  if (blocks.length === 1) return `this ${NOUNS[first.kind][0]}`;
  const counts = new Map<BlockKind, number>();
  for (const block of blocks) counts.set(block.kind, (counts.get(block.kind) ?? 0) + 1);
  const parts = [...counts].map(([kind, count]) => `${count} ${NOUNS[kind][count === 1 ? 0 : 1]}`);
  const list = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `${list} (${linesWord(lines)})`;
}

function linesWord(lines: string): string {
  return lines.includes('–') ? `lines ${lines}` : `line ${lines}`;
}
