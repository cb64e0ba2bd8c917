import { diagnostic, type Diagnostic } from '../../model/diagnostic.js';
import type { Signatory, SignatoryCell, SignatoryField } from '../../model/signatory.js';
import type { Statement } from '../../model/statement.js';
import type { StatementRule } from '../rule.js';

/**
 * Legal forms written after an organisation's name (a registration, not part
 * of who signs): "Alianza Ríos Vivos A.C." and "Alianza Ríos Vivos" are one
 * signatory. Data, not language: each is matched by its letters alone, so
 * "A.C.", "AC" and "A. C." are one form.
 */
const LEGAL_FORMS = [
  'Inc.', 'Incorporated', 'LLC', 'Ltd.', 'Limited', 'PLC', 'CIC', 'CIO',
  'A.C.', 'S.C.', 'I.A.P.', 'A.B.P.', 'S.A.', 'S.A. de C.V.', 'S. de R.L.', 'S.R.L.', 'S.L.', 'S.A.S.',
  'Ltda.', 'Ltée', 'A.S.B.L.', 'e.V.', 'GmbH', 'gGmbH', 'gUG', 'eG',
];

/** Lower case, no accents, each run of punctuation and spaces one space: how two spellings of a name are compared. */
function words(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

const LEGAL_FORM_KEYS = new Set(LEGAL_FORMS.map((form) => words(form).join('')));
const LONGEST_FORM = Math.max(...LEGAL_FORMS.map((form) => words(form).length));

/** Names that differ only in case, accents, punctuation, spacing or a legal form at the end are the same signatory typed twice. */
function nameKey(name: string): string {
  const kept = words(name);
  for (let stripped = true; stripped; ) {
    stripped = false;
    for (let length = Math.min(LONGEST_FORM, kept.length - 1); length > 0; length--) {
      if (LEGAL_FORM_KEYS.has(kept.slice(-length).join(''))) {
        kept.splice(-length);
        stripped = true;
        break;
      }
    }
  }
  return kept.join(' ');
}

/** Where a signatory's cell starts (`offset` characters on, on its first line), or its row when the cell has no text. */
function placeOf(file: string, signatory: Signatory, field: SignatoryField, offset = 0) {
  const cell = signatory.cells[field];
  return { file, line: cell?.line ?? signatory.line, column: (cell?.column ?? 1) + offset };
}

/** The same signatory listed twice under spellings that differ only in case, accents, punctuation, spacing or legal form. */
function duplicates(signatories: readonly Signatory[], file: string): Diagnostic[] {
  const firsts = new Map<string, Signatory>();
  const found: Diagnostic[] = [];
  for (const signatory of signatories) {
    const key = `${signatory.type}:${nameKey(signatory.name)}`;
    const first = firsts.get(key);
    if (!first) {
      firsts.set(key, signatory);
      continue;
    }
    const names = first.name === signatory.name ? `"${signatory.name}" is` : `"${first.name}" and "${signatory.name}" are the same signatory,`;
    const reason = `${names} listed twice: lines ${first.line} and ${signatory.line}; remove one of them`;
    const note = diagnostic('error', 'signatories', 'first listed here', placeOf(file, first, 'name'));
    found.push(diagnostic('error', 'signatories', reason, placeOf(file, signatory, 'name'), note));
  }
  return found;
}

/**
 * What a spreadsheet reads as the start of a formula (OWASP's list): a list
 * opened or exported again would run `=HYPERLINK(…)`. Spaces before it do not
 * help, since the loader trims them and the outputs show what follows.
 */
const FORMULA_START = /^ *([=+\-@\t\r\n])/;
const UNSEEN_NAMES: Record<string, string> = { '\t': 'tab', '\r': 'line break', '\n': 'line break' };

function formulaStart(file: string, signatory: Signatory, field: SignatoryField, cell: SignatoryCell): Diagnostic | undefined {
  const found = FORMULA_START.exec(cell.text);
  if (!found) return undefined;
  const start = found[1]!;
  const unseen = UNSEEN_NAMES[start];
  const what = unseen ?? `"${start}"`;
  const reason = `signatory \`${field}\` starts with ${unseen ? `a ${unseen}` : what}, which makes a spreadsheet read the cell as a formula (and run it when the list is opened or exported): delete the ${what} at its start`;
  return diagnostic('error', 'signatories', reason, placeOf(file, signatory, field, found[0].length - 1));
}

/** Markup that the outputs would show as typed: signatory cells are plain text. */
const MARKUP: readonly { pattern: RegExp; what: string }[] = [
  { pattern: /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/, what: 'an HTML tag' },
  { pattern: /!?\[[^\]\n]*\]\([^)\n]*\)/, what: 'a Markdown link' },
  { pattern: /(\*\*|__)\S(?:.*?\S)?\1/, what: 'Markdown emphasis' },
  { pattern: /&(?:[A-Za-z][A-Za-z0-9]*|#\d+|#x[0-9A-Fa-f]+);/, what: 'an HTML entity' },
];

function markup(file: string, signatory: Signatory, field: SignatoryField, cell: SignatoryCell): Diagnostic | undefined {
  for (const { pattern, what } of MARKUP) {
    const found = pattern.exec(cell.text)?.[0];
    if (found === undefined) continue;
    const shown = found.length > 40 ? `${found.slice(0, 40)}…` : found;
    const reason = `signatory \`${field}\` holds ${what} (${JSON.stringify(shown)}), which every output would show as typed (signatories are plain text): write the text without it`;
    return diagnostic('error', 'signatories', reason, placeOf(file, signatory, field));
  }
  return undefined;
}

/** Formula starts in every cell; markup in every cell but the web address, which its own check keeps to one http(s) address. */
function cellProblems(signatories: readonly Signatory[], file: string): Diagnostic[] {
  return signatories.flatMap((signatory) =>
    (Object.entries(signatory.cells) as [SignatoryField, SignatoryCell][]).flatMap(([field, cell]) => [
      formulaStart(file, signatory, field, cell),
      field === 'url' ? undefined : markup(file, signatory, field, cell),
    ].filter((found): found is Diagnostic => found !== undefined)),
  );
}

function check(statement: Statement): Diagnostic[] {
  const file = statement.signatoriesFile;
  if (!file) return [];
  return [...cellProblems(statement.signatories, file), ...duplicates(statement.signatories, file)].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

export const signatories: StatementRule = {
  id: 'signatories',
  severity: 'error',
  description: 'a signatory list that cannot be read, an empty name or bad web address, a signatory listed twice (even spelled with other case, accents, punctuation or legal form: A.C., Inc., e.V.), a cell a spreadsheet would run as a formula (=, +, -, @, tab), or a cell with markup',
  stage: 'statement',
  withholds: 'statement',
  check,
};
