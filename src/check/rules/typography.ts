import { diagnostic, type Diagnostic } from '../../model/diagnostic.js';
import type { Lang } from '../../model/languages.js';
import { sourcePoints } from '../../model/source-points.js';
import type { Statement } from '../../model/statement.js';
import type { CheckContext, Fixed, StatementRule } from '../rule.js';
import { typographyFindings, typographyOf, type Typography } from './typography-marks.js';
import { FROZEN, proseRuns, type ProseRun } from './typography-prose.js';

/** Findings shown per file; the rest are counted in one more line (`check --fix` fixes them all). */
export const MAX_FINDINGS_PER_FILE = 20;

/** A finding placed in the file: `offset` of its character, and the file's characters `[start, end)` its fix replaces. */
interface Placed {
  offset: number;
  reason: string;
  edit?: { start: number; end: number; text: string };
}

/** The file range a fix of run characters `[start, end)` replaces; none when it would touch a character no fix may (code, an escape, a line break). */
function fileRange(run: ProseRun, start: number, end: number): { start: number; end: number } | undefined {
  if (start === end) {
    // An insertion goes before the character at `start`, or after the one before it.
    const at = run.from[start] !== undefined && run.from[start] !== FROZEN ? run.from[start] : run.to[start - 1];
    return at === undefined || at === FROZEN ? undefined : { start: at, end: at };
  }
  for (let index = start; index < end; index++) {
    if (run.from[index] === FROZEN || (index > start && run.from[index] !== run.to[index - 1])) return undefined;
  }
  return { start: run.from[start]!, end: run.to[end - 1]! };
}

/**
 * The typographic findings of one Markdown file's text, in file order, each
 * with its fix. Fixes never overlap: when two would touch the same
 * characters, the finding listed first by {@link typographyFindings} is kept.
 */
function placedFindings(source: string, c: Typography): Placed[] {
  const placed: Placed[] = [];
  for (const run of proseRuns(source)) {
    // The run characters a kept fix replaces, and the places it inserts before: no second fix may touch them.
    const taken = new Set<number>();
    for (const finding of typographyFindings(run, c)) {
      const offset = run.from[finding.at];
      if (offset === undefined || offset === FROZEN) continue;
      if (!finding.fix) {
        placed.push({ offset, reason: finding.reason });
        continue;
      }
      const { start, end, text } = finding.fix;
      const slots = end > start ? Array.from({ length: end - start }, (_, index) => start + index) : [start];
      const range = fileRange(run, start, end);
      if (!range || slots.some((slot) => taken.has(slot))) continue;
      for (const slot of slots) taken.add(slot);
      placed.push({ offset, reason: finding.reason, edit: { ...range, text } });
    }
  }
  return placed.sort((a, b) => a.offset - b.offset);
}

function conventions(ctx: CheckContext, lang: Lang): Typography | undefined {
  return typographyOf(ctx.locales.resources, lang);
}

/** One file's findings, the first {@link MAX_FINDINGS_PER_FILE} of them, then how many more. */
function fileFindings(file: string, source: string, c: Typography): Diagnostic[] {
  const placed = placedFindings(source, c);
  const { at: pointAt } = sourcePoints(source);
  const shown = placed.slice(0, MAX_FINDINGS_PER_FILE).map((finding) => diagnostic('warning', 'typography', finding.reason, { file, ...pointAt(finding.offset) }));
  const more = placed.length - shown.length;
  if (more > 0) {
    const reason = `and ${more} more typography finding${more === 1 ? '' : 's'} in this file, from here on: \`statements check --fix\` fixes what it can`;
    shown.push(diagnostic('warning', 'typography', reason, { file, ...pointAt(placed[MAX_FINDINGS_PER_FILE]!.offset) }));
  }
  return shown;
}

/** The text with edits that do not overlap applied, in one pass. */
function applyEdits(source: string, edits: readonly { start: number; end: number; text: string }[]): string {
  const pieces: string[] = [];
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    pieces.push(source.slice(at, edit.start), edit.text);
    at = edit.end;
  }
  pieces.push(source.slice(at));
  return pieces.join('');
}

/** Enough rounds for fixes that only show once an earlier one is made; one round fixes everything in practice. */
const MAX_ROUNDS = 4;

export const typography: StatementRule = {
  id: 'typography',
  severity: 'warning',
  description:
    "straight quotes and apostrophes, double spaces, the space before punctuation, % and °C, an unbalanced ¿…? or ¡…!, by each language's `locales/<lang>/typography.json` (a language without one is not checked); `check --fix` fixes them",
  stage: 'statement',
  withholds: 'statement',
  check(statement: Statement, ctx: CheckContext): Diagnostic[] {
    return statement.languages.flatMap((lang) => {
      const c = conventions(ctx, lang);
      const text = statement.text[lang];
      return c && text ? fileFindings(text.file, text.source, c) : [];
    });
  },
  fix(source: string, lang: Lang, ctx: CheckContext): Fixed {
    const c = conventions(ctx, lang);
    let text = source;
    let fixed = 0;
    for (let round = 0; c && round < MAX_ROUNDS; round++) {
      const edits = placedFindings(text, c).flatMap((finding) => (finding.edit ? [finding.edit] : []));
      if (edits.length === 0) break;
      text = applyEdits(text, edits);
      fixed += edits.length;
    }
    return { text, fixed };
  },
};
