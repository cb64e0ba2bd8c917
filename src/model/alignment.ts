import type { Definition, FootnoteDefinition, Nodes, Parents, Root } from 'mdast';
import { asciiDigits, EMAIL_IN_TEXT, emailKey, URL_IN_TEXT, urlInText, urlKey } from './figures/text.js';

/**
 * The alignment of a translation's body to its source's, block by block: what
 * the parallel PDF lays side by side and what the translation checks compare.
 * Pure: mdast in, blocks and pairs out (the blocks are the trees' own nodes).
 */

export type BlockKind = 'heading' | 'paragraph' | 'listItem' | 'quoteParagraph' | 'tableRow' | 'code' | 'footnote' | 'thematicBreak' | 'html';

export interface Block {
  kind: BlockKind;
  /** The very mdast node of the tree (renderers find their block by identity). */
  node: Nodes;
  /** Heading level; list nesting (1 = top level); quote nesting for quote paragraphs; 0 otherwise. */
  depth: number;
  /** Index among its same-kind siblings, from 0 (list item number, table row number: 0 is the header row). */
  position: number;
  /** How many same-kind siblings it has, itself included: its place counted from the end is `siblings - 1 - position`. */
  siblings: number;
  /** Where the block starts in its file. */
  place: { line: number; column: number };
  /**
   * What must not change between languages, normalised, each once in order of
   * first appearance: numbers as their digits (`2026`, `1000`), URLs (`https://example.org/report`),
   * email addresses (`press@example.org`) and footnote labels (`[^3]`).
   */
  invariants: string[];
  /** Characters of text the block holds itself (a list item without its nested lists): a weak hint where no invariant decides. */
  textLength: number;
}

export type Aligned =
  | { source: Block; translation: Block } // a pair
  | { source: Block; translation?: undefined } // only in the source: missing from the translation
  | { source?: undefined; translation: Block }; // only in the translation: extra

/**
 * The body's blocks in document order: headings, paragraphs, list items,
 * paragraphs inside quotes, table rows, code blocks, footnote definitions (a
 * list item / table row / footnote is one block; its inner paragraphs are not
 * blocks of their own, its nested lists' items are). Raw elements that hold
 * blocks (`<details>`) are looked into; one that holds text is an `html` block.
 * Recurses as deep as the tree, which the loader bounds.
 */
export function bodyBlocks(root: Root): Block[] {
  const definitions = new Map<string, string>();
  const notes = new Map<string, number>();
  collectDefinitions(root, definitions, notes);
  const blocks: Block[] = [];
  flowBlocks(root, { quoteDepth: 0, listDepth: 0, place: { line: 1, column: 1 }, definitions, notes }, blocks);
  return blocks;
}

interface Walk {
  quoteDepth: number;
  listDepth: number;
  /** The enclosing node's start: the place of a node that has none of its own. */
  place: { line: number; column: number };
  /** Link reference definitions, identifier → URL: a `[text][ref]` link's URL is an invariant too. */
  definitions: ReadonlyMap<string, string>;
  /** Footnote label → its number in order of first reference, what the outputs show (translators often translate labels). */
  notes: ReadonlyMap<string, number>;
}

function collectDefinitions(node: Nodes, into: Map<string, string>, notes: Map<string, number>): void {
  if (node.type === 'definition') {
    const definition = node as Definition;
    if (!into.has(definition.identifier)) into.set(definition.identifier, definition.url);
  }
  if (node.type === 'footnoteReference' && !notes.has(node.identifier)) notes.set(node.identifier, notes.size + 1);
  if ('children' in node) for (const child of node.children) collectDefinitions(child, into, notes);
}

/** A footnote as an invariant: its number when it is referenced (`[^#2]`), else its label. */
function noteKey(identifier: string, notes: ReadonlyMap<string, number>): string {
  const number = notes.get(identifier);
  return number === undefined ? `[^${identifier}]` : `[^#${number}]`;
}

function placeOf(node: Nodes, walk: Walk): { line: number; column: number } {
  const start = node.position?.start;
  return start ? { line: start.line, column: start.column } : walk.place;
}

/** Blocks among the children of a flow container (root, quote, raw element). */
function flowBlocks(parent: Parents, walk: Walk, into: Block[]): void {
  const level: Block[] = [];
  const add = (kind: BlockKind, node: Nodes, depth: number) => {
    const block = measure(kind, node, depth, placeOf(node, walk), walk, false);
    level.push(block);
    into.push(block);
  };
  for (const node of parent.children as Nodes[]) {
    const inner: Walk = { ...walk, place: placeOf(node, walk) };
    switch (node.type) {
      case 'heading':
        add('heading', node, node.depth);
        break;
      case 'paragraph':
        if (walk.quoteDepth > 0) add('quoteParagraph', node, walk.quoteDepth);
        else add('paragraph', node, 0);
        break;
      case 'code':
      case 'thematicBreak':
      case 'html':
        add(node.type, node, 0);
        break;
      case 'footnoteDefinition':
        add('footnote', node, 0);
        break;
      case 'blockquote':
        flowBlocks(node, { ...inner, quoteDepth: walk.quoteDepth + 1 }, into);
        break;
      case 'list':
        listBlocks(node, { ...inner, listDepth: walk.listDepth + 1 }, into);
        break;
      case 'table':
        for (const row of numbered(node.children.map((row) => measure('tableRow', row, 0, placeOf(row, inner), walk, false)))) into.push(row);
        break;
      case 'rawElement':
        if (node.children.some((child) => !FLOW.has(child.type))) add('html', node, 0);
        else flowBlocks(node, inner, into);
        break;
      default:
        // Link definitions and front matter print nothing where they stand.
        break;
    }
  }
  for (const kind of new Set(level.map((block) => block.kind))) numbered(level.filter((block) => block.kind === kind));
}

/** Node types that stand as blocks: a raw element holding only these is looked into. */
const FLOW = new Set<string>(['heading', 'paragraph', 'code', 'thematicBreak', 'html', 'footnoteDefinition', 'blockquote', 'list', 'table', 'rawElement', 'definition']);

/** Each item is a block (without its nested lists), followed by its nested lists' items one level deeper. */
function listBlocks(list: Extract<Nodes, { type: 'list' }>, walk: Walk, into: Block[]): void {
  const items: Block[] = [];
  for (const item of list.children) {
    const block = measure('listItem', item, walk.listDepth, placeOf(item, walk), walk, true);
    items.push(block);
    into.push(block);
    for (const child of item.children) {
      if (child.type === 'list') listBlocks(child, { ...walk, place: block.place, listDepth: walk.listDepth + 1 }, into);
    }
  }
  numbered(items);
}

/** Sets position and sibling count on blocks that are siblings of one kind. */
function numbered(siblings: Block[]): Block[] {
  siblings.forEach((block, index) => {
    block.position = index;
    block.siblings = siblings.length;
  });
  return siblings;
}

function measure(kind: BlockKind, node: Nodes, depth: number, place: Block['place'], { definitions, notes }: Walk, skipLists: boolean): Block {
  const found = new Set<string>();
  let textLength = 0;
  const read = (text: string) => {
    textLength += text.length;
    scanText(text, found);
  };
  const visit = (current: Nodes) => {
    switch (current.type) {
      case 'text':
      case 'inlineCode':
      case 'code':
      case 'html':
        read(current.value);
        return;
      case 'definition':
        return;
      case 'link':
        addUrl(current.url, found);
        break;
      case 'image':
        addUrl(current.url, found);
        read(current.alt ?? '');
        break;
      case 'linkReference':
      case 'imageReference': {
        const url = definitions.get(current.identifier);
        if (url !== undefined) addUrl(url, found);
        if (current.type === 'imageReference') read(current.alt ?? '');
        break;
      }
      case 'footnoteReference':
      case 'footnoteDefinition':
        found.add(noteKey(current.identifier, notes));
        break;
      default:
        break;
    }
    if ('children' in current) for (const child of current.children) visit(child);
  };
  // A list item's own nested lists are blocks of their own; lists deeper inside it (in a quote) stay part of it.
  if (skipLists && 'children' in node) {
    for (const child of node.children) if (child.type !== 'list') visit(child);
  } else {
    visit(node);
  }
  return { kind, node, depth, position: 0, siblings: 1, place, invariants: [...found], textLength };
}

/**
 * A number as written in any of our languages: digits (any script's decimal
 * digits) joined by `.`, `,` or the Arabic separators, or by a space, no-break
 * space, thin space or apostrophe before a group of exactly three digits
 * (`1 000`, `1'000`), so two numbers a space apart stay two.
 */
const NUMBER_IN_TEXT = /\p{Nd}+(?:[.,\u066B\u066C]\p{Nd}+|[ \u00A0\u2009\u202F'\u2019]\p{Nd}{3}(?!\p{Nd}))*/gu;

function scanText(text: string, found: Set<string>): void {
  // URLs and addresses are taken out before numbers are read, so `report-2026` in a URL is no number of its own.
  let rest = text;
  if (rest.includes('://')) {
    rest = rest.replace(URL_IN_TEXT, (url) => {
      addUrl(urlInText(url), found);
      return ' ';
    });
  }
  if (rest.includes('@')) {
    rest = rest.replace(EMAIL_IN_TEXT, (address) => {
      found.add(emailKey(address));
      return ' ';
    });
  }
  for (const [number] of rest.matchAll(NUMBER_IN_TEXT)) found.add(normalizeNumber(number));
}

/**
 * The digits alone, in ASCII, without leading zeros: `1,000` (en), `1.000`
 * (es, pt), `1 000` (fr) and `١٬٠٠٠` are all `1000`; `31%` and `31 %` are `31`.
 * Dropping the decimal separator makes `3.5` and `35` the same number: rare in
 * one block's place, and the price of not knowing which separator is decimal.
 */
function normalizeNumber(written: string): string {
  return asciiDigits(written)
    .replace(/[^0-9]/g, '')
    .replace(/^0+(?=\d)/, '');
}

function addUrl(url: string, found: Set<string>): void {
  const key = urlKey(url);
  if (key) found.add(key.key);
}

/**
 * Pairs footnote definitions by label, then the rest by their number (the
 * order of first reference, which the outputs show), so a translated label
 * (`[^one]`, `[^uno]`) still pairs. Every other block is
 * aligned with `alignBlocks`. The body's entries come first in document
 * order, then the footnotes in the source's order, then the translation's
 * footnotes the source lacks.
 */
export function alignBodies(source: Root, translation: Root): Aligned[] {
  const sourceBlocks = bodyBlocks(source);
  const translationBlocks = bodyBlocks(translation);
  const footnote = (block: Block) => block.kind === 'footnote';
  const body = (block: Block) => !footnote(block);
  return [...alignBlocks(sourceBlocks.filter(body), translationBlocks.filter(body)), ...pairFootnotes(sourceBlocks.filter(footnote), translationBlocks.filter(footnote))];
}

function pairFootnotes(source: readonly Block[], translation: readonly Block[]): Aligned[] {
  const label = (block: Block) => (block.node as FootnoteDefinition).identifier;
  // A definition's first invariant is its number (`[^#2]`, or its label when nothing refers to it): measure visits it before its text.
  const number = (block: Block) => block.invariants[0];
  const matches = new Map<Block, Block>();
  const taken = new Set<Block>();
  // The same label first (a missing note shifts the numbers of those after it), then the same number (a translated label).
  for (const key of [label, number]) {
    const byKey = new Map<string | undefined, Block>();
    for (const block of translation) if (!taken.has(block) && !byKey.has(key(block))) byKey.set(key(block), block);
    for (const block of source) {
      const match = matches.has(block) ? undefined : byKey.get(key(block));
      if (!match || taken.has(match)) continue;
      matches.set(block, match);
      taken.add(match);
    }
  }
  const aligned: Aligned[] = source.map((block) => {
    const match = matches.get(block);
    return match ? { source: block, translation: match } : { source: block };
  });
  for (const block of translation) if (!taken.has(block)) aligned.push({ translation: block });
  return aligned;
}

/**
 * What a step of the alignment costs, in integers so that equal alignments tie
 * exactly. A pair of blocks that agree costs nothing; a gap costs GAP; a pair
 * whose invariants all differ costs more than one gap and less than two, so a
 * mistyped number still pairs while two swapped blocks do not (one pairs, the
 * other is a gap on each side). Structure that differs (heading level, list
 * or quote nesting, place in a list or table) costs less than a gap: such a
 * pair forms unless a better one is at hand. Blocks of different kinds never pair.
 */
const GAP = 1000;
const INVARIANTS_DIFFER = 1500;
const DEPTH_DIFFERS = 400;
const POSITION_DIFFERS = 200;
const HEADER_DIFFERS = 400;
/** Text length in characters added before comparing lengths, so that short blocks do not swing the hint. */
const LENGTH_SMOOTHING = 20;

/**
 * Monotone alignment (order kept) of two block lists: the cheapest sequence of
 * pairs and gaps by the costs above, ties broken first by how close the
 * paired blocks' text lengths are (a weak hint: words are never compared),
 * then by putting gaps as late as possible, so bodies without any invariant
 * pair by position.
 *
 * Complexity: up to FULL_CELLS cells (about 1,000 blocks a side) an exact
 * dynamic programme over every (source, translation) prefix pair. Beyond
 * that, blocks that share an invariant found once on each side (a URL, a
 * footnote reference, a number) and agree are anchors (kept in order by a
 * longest increasing subsequence, O(k log k)), and each stretch between
 * anchors is aligned within a band of BAND blocks either side of its
 * diagonal: O((n + m) × BAND) time and memory (one byte a cell), linear in the
 * number of blocks (20,000 a side without one anchor: about 5 million cells,
 * 5 MB and 0.4 s). A stretch whose best alignment strays further than BAND
 * blocks from its diagonal gets the best alignment inside the band.
 */
export function alignBlocks(source: readonly Block[], translation: readonly Block[]): Aligned[] {
  const costs = new Costs(source, translation);
  const aligned: Aligned[] = [];
  if ((source.length + 1) * (translation.length + 1) <= FULL_CELLS) {
    alignStretch(costs, 0, source.length, 0, translation.length, true, aligned);
    return aligned;
  }
  let sourceFrom = 0;
  let translationFrom = 0;
  for (const [sourceAt, translationAt] of anchors(costs)) {
    alignStretch(costs, sourceFrom, sourceAt, translationFrom, translationAt, false, aligned);
    aligned.push({ source: source[sourceAt]!, translation: translation[translationAt]! });
    sourceFrom = sourceAt + 1;
    translationFrom = translationAt + 1;
  }
  alignStretch(costs, sourceFrom, source.length, translationFrom, translation.length, false, aligned);
  return aligned;
}

const FULL_CELLS = 1 << 20;
const BAND = 64;

/** The blocks of both sides in the form the alignment compares them fast: invariants as sorted ids, lengths as logarithms. */
class Costs {
  readonly sourceIds: Int32Array[];
  readonly translationIds: Int32Array[];
  readonly invariantCount: number;
  private readonly sourceLength: Float64Array;
  private readonly translationLength: Float64Array;

  constructor(
    readonly source: readonly Block[],
    readonly translation: readonly Block[],
  ) {
    const ids = new Map<string, number>();
    const idsOf = (block: Block) => Int32Array.from(block.invariants, (value) => ids.get(value) ?? ids.set(value, ids.size).get(value)!).sort();
    this.sourceIds = source.map(idsOf);
    this.translationIds = translation.map(idsOf);
    this.invariantCount = ids.size;
    const logLength = (block: Block) => Math.log(block.textLength + LENGTH_SMOOTHING);
    this.sourceLength = Float64Array.from(source, logLength);
    this.translationLength = Float64Array.from(translation, logLength);
  }

  /** What pairing the two blocks costs, or -1 when they cannot pair (different kinds). */
  pair(sourceAt: number, translationAt: number): number {
    const a = this.source[sourceAt]!;
    const b = this.translation[translationAt]!;
    if (a.kind !== b.kind) return -1;
    let cost = 0;
    if (a.depth !== b.depth) cost += DEPTH_DIFFERS;
    if (a.kind === 'listItem' || a.kind === 'tableRow') {
      // Counted from the start or from the end: the items after a missing one still match from the end.
      if (a.position !== b.position && a.siblings - a.position !== b.siblings - b.position) cost += POSITION_DIFFERS;
      if (a.kind === 'tableRow' && (a.position === 0) !== (b.position === 0)) cost += HEADER_DIFFERS;
    }
    return cost + Math.round(INVARIANTS_DIFFER * jaccardDistance(this.sourceIds[sourceAt]!, this.translationIds[translationAt]!));
  }

  /**
   * How far apart the two blocks' lengths are, as a ratio: the tie-break. Against 1, not the bodies' overall
   * ratio, which the very blocks missing from one side would skew; a language that runs uniformly longer
   * adds about the same to every pair and so changes no choice.
   */
  lengthMisfit(sourceAt: number, translationAt: number): number {
    return Math.round(1000 * Math.abs(this.translationLength[translationAt]! - this.sourceLength[sourceAt]!));
  }
}

/** Share of the invariants on either side that are not on both: 0 when they agree (or neither has any), 1 when none is shared. */
function jaccardDistance(a: Int32Array, b: Int32Array): number {
  if (a.length === 0 && b.length === 0) return 0;
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return 1 - shared / (a.length + b.length - shared);
}

/**
 * Pairs of blocks certain enough to pin the alignment: they share an
 * invariant that no other block on either side has, and pair cheaply. Kept in
 * increasing order on both sides (longest increasing subsequence).
 */
function anchors(costs: Costs): [number, number][] {
  const onlyIn = (sides: Int32Array[]) => {
    const where = new Int32Array(costs.invariantCount).fill(-1);
    sides.forEach((ids, at) => {
      for (const id of ids) where[id] = where[id] === -1 ? at : -2;
    });
    return where;
  };
  const inSource = onlyIn(costs.sourceIds);
  const inTranslation = onlyIn(costs.translationIds);
  const candidates: [number, number][] = [];
  for (let id = 0; id < costs.invariantCount; id++) {
    const sourceAt = inSource[id]!;
    const translationAt = inTranslation[id]!;
    if (sourceAt < 0 || translationAt < 0) continue;
    const cost = costs.pair(sourceAt, translationAt);
    if (cost >= 0 && cost <= GAP / 2) candidates.push([sourceAt, translationAt]);
  }
  // Source order, and for one source block its later candidates first, so the subsequence takes one of them at most.
  candidates.sort((x, y) => x[0] - y[0] || y[1] - x[1]);
  return longestIncreasing(candidates);
}

/** The longest run of candidates strictly increasing in translation order (patience sorting), first found on ties. */
function longestIncreasing(candidates: readonly [number, number][]): [number, number][] {
  const tails: number[] = [];
  const previous = new Int32Array(candidates.length);
  candidates.forEach(([, translationAt], index) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (candidates[tails[middle]!]![1] < translationAt) low = middle + 1;
      else high = middle;
    }
    previous[index] = low > 0 ? tails[low - 1]! : -1;
    tails[low] = index;
  });
  const run: [number, number][] = [];
  for (let index = tails.length ? tails[tails.length - 1]! : -1; index >= 0; index = previous[index]!) {
    run.push(candidates[index]!);
  }
  return run.reverse();
}

const FROM_PAIR = 0;
const FROM_SOURCE_GAP = 1;
const FROM_TRANSLATION_GAP = 2;

/**
 * The cheapest alignment of source[sourceFrom, sourceTo) with
 * translation[translationFrom, translationTo), appended to `aligned`. Row i
 * holds the columns j of the cells within BAND rows or BAND columns of the
 * line from (0, 0) to (n, m): however steep the line, a path may stray BAND
 * blocks on either side, and consecutive rows meet. That is about
 * (2 × BAND + 1) × (n + m) cells.
 */
function alignStretch(costs: Costs, sourceFrom: number, sourceTo: number, translationFrom: number, translationTo: number, full: boolean, aligned: Aligned[]): void {
  const n = sourceTo - sourceFrom;
  const m = translationTo - translationFrom;
  const source = (i: number) => costs.source[sourceFrom + i]!;
  const translation = (j: number) => costs.translation[translationFrom + j]!;
  if (n === 0 || m === 0) {
    for (let i = 0; i < n; i++) aligned.push({ source: source(i) });
    for (let j = 0; j < m; j++) aligned.push({ translation: translation(j) });
    return;
  }
  const banded = !full && (n + 1) * (m + 1) > (n + m + 2) * (2 * BAND + 2);
  const low = (i: number) => (banded ? Math.max(0, Math.floor(((i - BAND) * m) / n) - BAND) : 0);
  const high = (i: number) => (banded ? Math.min(m, Math.ceil(((i + 1 + BAND) * m) / n) + BAND) : m);
  const rowStart = new Float64Array(n + 2);
  for (let i = 0; i <= n; i++) rowStart[i + 1] = rowStart[i]! + high(i) - low(i) + 1;
  const from = new Uint8Array(rowStart[n + 1]!);
  // Costs of the previous and current row, by column; a column outside a row's band is never read.
  let previousCost = new Float64Array(m + 1);
  let previousFit = new Float64Array(m + 1);
  let cost = new Float64Array(m + 1);
  let fit = new Float64Array(m + 1);
  for (let j = 0; j <= high(0); j++) {
    previousCost[j] = j * GAP;
    from[j] = FROM_TRANSLATION_GAP;
  }
  for (let i = 1; i <= n; i++) {
    const lo = low(i);
    const hi = high(i);
    const previousLo = low(i - 1);
    const previousHi = high(i - 1);
    for (let j = lo; j <= hi; j++) {
      let bestCost = Infinity;
      let bestFit = Infinity;
      let move = FROM_PAIR;
      // Tried in this order, the first of equal cost kept: gaps before pairs, so gaps fall as late as they can.
      if (j > lo) {
        bestCost = cost[j - 1]! + GAP;
        bestFit = fit[j - 1]!;
        move = FROM_TRANSLATION_GAP;
      }
      if (j >= previousLo && j <= previousHi) {
        const c = previousCost[j]! + GAP;
        const f = previousFit[j]!;
        if (c < bestCost || (c === bestCost && f < bestFit)) {
          bestCost = c;
          bestFit = f;
          move = FROM_SOURCE_GAP;
        }
      }
      if (j > previousLo && j - 1 <= previousHi) {
        const pair = costs.pair(sourceFrom + i - 1, translationFrom + j - 1);
        if (pair >= 0) {
          const c = previousCost[j - 1]! + pair;
          const f = previousFit[j - 1]! + costs.lengthMisfit(sourceFrom + i - 1, translationFrom + j - 1);
          if (c < bestCost || (c === bestCost && f < bestFit)) {
            bestCost = c;
            bestFit = f;
            move = FROM_PAIR;
          }
        }
      }
      cost[j] = bestCost;
      fit[j] = bestFit;
      from[rowStart[i]! + j - lo] = move;
    }
    [previousCost, cost] = [cost, previousCost];
    [previousFit, fit] = [fit, previousFit];
  }
  const steps: Aligned[] = [];
  for (let i = n, j = m; i > 0 || j > 0; ) {
    const move = i === 0 ? FROM_TRANSLATION_GAP : from[rowStart[i]! + j - low(i)]!;
    if (move === FROM_PAIR) steps.push({ source: source(--i), translation: translation(--j) });
    else if (move === FROM_SOURCE_GAP) steps.push({ source: source(--i) });
    else steps.push({ translation: translation(--j) });
  }
  for (let k = steps.length - 1; k >= 0; k--) aligned.push(steps[k]!);
}
