import type { Nodes } from 'mdast';
import type { Block } from '../../model/alignment.js';
import { diagnostic, type Diagnostic, type Place } from '../../model/diagnostic.js';
import type { Lang } from '../../model/languages.js';
import { STAMP_FIELD, stampParts, type StampPart } from '../../model/stamp.js';
import { sourceText, textIn, type Statement, type StatementText } from '../../model/statement.js';
import type { StatementRule } from '../rule.js';
import { NOUNS } from './structure-gaps.js';

const RULE = 'stale';

export const stale: StatementRule = {
  id: RULE,
  severity: 'error',
  description: 'a translation whose original changed since `statements stamp` recorded it (the changed parts are named), or that has no stamp (a warning)',
  stage: 'statement',
  withholds: 'statement',
  check(statement) {
    return statement.languages.slice(1).flatMap((lang) => staleParts(statement, lang));
  },
};

function staleParts(statement: Statement, lang: Lang): Diagnostic[] {
  const original = sourceText(statement);
  const translation = textIn(statement, lang);
  const restamp = `\`statements stamp ${statement.slug} ${lang}\``;
  if (!translation.stamp) {
    const reason = `${translation.file} has no \`${STAMP_FIELD}\` stamp, so a later edit of ${original.file} cannot be told from what was translated: once it is up to date with ${original.file}, run ${restamp}`;
    return [diagnostic('warning', RULE, reason, { file: translation.file, line: 1, column: 1 })];
  }
  const { stamped, digests } = translation.stamp;
  const parts = stampParts(statement, lang);
  const since = `since ${translation.file} was stamped (${stamped})`;
  const stampPlace = { file: translation.file, line: translation.places[`${STAMP_FIELD}.stamped`]?.line };
  const stampNote = diagnostic('error', RULE, `the stamp of ${stamped}`, stampPlace);
  const counterparts = counterpartsOf(statement, lang);
  return changedRuns(digests, parts.map((part) => part.digest)).map(({ removed, added: [from, to] }) => {
    const added = parts.slice(from, to);
    if (added.length === 0) {
      // Only removed: pointed at the part that now follows them (or the last one, when they were at the end).
      const next = parts[from] ?? parts[parts.length - 1];
      const where = parts[from] ? 'before' : 'after';
      const reason = `${removed === 1 ? 'a part' : `${removed} parts`} of ${original.file} ${where} ${next ? `line ${next.line}` : 'here'} ${removed === 1 ? 'was' : 'were'} removed ${since}: remove ${removed === 1 ? 'its' : 'their'} translation from ${translation.file}, then run ${restamp}`;
      return diagnostic('error', RULE, reason, { file: original.file, line: next?.line ?? 1, column: next?.column ?? 1 }, stampNote);
    }
    const first = added[0]!;
    const last = added[added.length - 1]!;
    const lines = last.endLine > first.line ? `${first.line}–${last.endLine}` : String(first.line);
    const counterpart = counterparts(first, translation);
    const todo = counterpart ? `bring its translation (${translation.file}:${counterpart.line}) up to date` : `translate it into ${translation.file}`;
    const verb = removed > 0 ? 'changed' : added.length === 1 ? 'was added' : 'were added';
    const reason = `${original.file}:${lines} (${describe(added)}) ${verb} ${since}: ${todo}, then run ${restamp}`;
    const note = counterpart ? diagnostic('error', RULE, `the translation of ${original.file}:${first.line}`, counterpart) : stampNote;
    return diagnostic('error', RULE, reason, { file: original.file, line: first.line, column: first.column }, note);
  });
}

/** Where a part of the original is translated: the aligned block, or the translation's own front-matter field. */
function counterpartsOf(statement: Statement, lang: Lang): (part: StampPart, translation: StatementText) => Place | undefined {
  const aligned = new Map<Nodes, Block>();
  for (const entry of statement.alignments[lang] ?? []) if (entry.source && entry.translation) aligned.set(entry.source.node, entry.translation);
  return (stampPart, translation) => {
    const { part } = stampPart;
    if ('field' in part) {
      const place = translation.places[part.field];
      return place && { file: translation.file, line: place.line, column: place.column };
    }
    const block = aligned.get(part.block.node);
    return block && { file: translation.file, ...block.place };
  };
}

/** "a paragraph", "the title", "2 paragraphs and a list item". */
function describe(parts: readonly StampPart[]): string {
  const counts = new Map<string, { many: string; count: number }>();
  for (const { part } of parts) {
    const [one, many] = 'field' in part ? [`the ${part.field}`, `the ${part.field}`] : [withArticle(NOUNS[part.block.kind][0]), NOUNS[part.block.kind][1]];
    const entry = counts.get(one) ?? { many, count: 0 };
    entry.count++;
    counts.set(one, entry);
  }
  const words = [...counts].map(([one, { many, count }]) => (count === 1 ? one : `${count} ${many}`));
  return words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function withArticle(noun: string): string {
  return `${/^(?:[aeiou]|HTML)/.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** A run of the original's parts that differ from the stamp: `removed` stamped digests gave way to the current parts [from, to). */
export interface ChangedRun {
  removed: number;
  added: [from: number, to: number];
}

/** Beyond this many cells the longest common subsequence is not computed: what lies between the common start and end is one run. */
const MAX_CELLS = 4_000_000;

/**
 * The runs where `current` differs from `stamped`, by a longest common
 * subsequence: an inserted paragraph is one run of its own, not a change of
 * everything after it. The common start and end are set aside first, so a
 * local edit of a long text costs little.
 */
export function changedRuns(stamped: readonly string[], current: readonly string[]): ChangedRun[] {
  let prefix = 0;
  while (prefix < stamped.length && prefix < current.length && stamped[prefix] === current[prefix]) prefix++;
  let suffix = 0;
  while (suffix < stamped.length - prefix && suffix < current.length - prefix && stamped[stamped.length - 1 - suffix] === current[current.length - 1 - suffix]) suffix++;
  const a = stamped.slice(prefix, stamped.length - suffix);
  const b = current.slice(prefix, current.length - suffix);
  const n = a.length;
  const m = b.length;
  if (n === 0 && m === 0) return [];
  if ((n + 1) * (m + 1) > MAX_CELLS) return [{ removed: n, added: [prefix, prefix + m] }];
  // common[i * width + j]: the length of the longest common subsequence of a[i…] and b[j…].
  const width = m + 1;
  const common = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      common[i * width + j] = a[i] === b[j] ? common[(i + 1) * width + j + 1]! + 1 : Math.max(common[(i + 1) * width + j]!, common[i * width + j + 1]!);
    }
  }
  const runs: ChangedRun[] = [];
  let run: ChangedRun | undefined;
  for (let i = 0, j = 0; i < n || j < m; ) {
    if (i < n && j < m && a[i] === b[j]) {
      run = undefined;
      i++;
      j++;
      continue;
    }
    if (!run) {
      run = { removed: 0, added: [prefix + j, prefix + j] };
      runs.push(run);
    }
    if (i === n || (j < m && common[i * width + j + 1]! >= common[(i + 1) * width + j]!)) run.added[1] = prefix + ++j;
    else {
      run.removed++;
      i++;
    }
  }
  return runs;
}
