import { isMap, isPair, isScalar, LineCounter, parseDocument, visit, type Document, type Node as YamlNode, type Scalar } from 'yaml';
import type { z } from 'zod';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';

/** A YAML text and where it sits in its file, so positions point at the real line. */
export interface YamlSource {
  file: string;
  text: string;
  /** 1-based line of the file on which `text` starts (front matter starts after `---`). */
  firstLine: number;
}

/** How to talk about a YAML document's fields in diagnostics. */
export interface YamlTerms {
  /** Rule name of the diagnostics (`front-matter`, `config`, `signatories`). */
  rule: string;
  /** The whole document, for messages: "the front matter". */
  document: string;
  /** What to write for a missing field, or one of the wrong shape (a list written as text). */
  hint: (path: readonly PropertyKey[]) => string;
}

interface ParsedYaml {
  doc: Document.Parsed;
  lineCounter: LineCounter;
  source: YamlSource;
}

export type Validated<T> = { ok: true; value: T; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/** Where a value starts in its file: the first character of its text (inside the quotes of a quoted scalar, on the first line of a block scalar's text). */
export interface Point {
  line: number;
  column: number;
}

/**
 * Where a value starts, and where each of its characters was written when
 * they do not follow one another from there: a YAML escape (`''`, `\"`,
 * `\u00e9`) stands for one character, so `columns` holds the column of each
 * UTF-16 unit of the value, all on `line`. A value whose characters cannot be
 * placed exactly (it folds several lines into one) has every column at its start.
 */
export interface ValuePlace extends Point {
  columns?: readonly number[];
}

/** A valid YAML value, and the file position of any node in it, for diagnostics raised later. */
export type ValidatedYaml<T> =
  | ((Validated<T> & { ok: true }) & {
      /** The value as YAML read it, before the schema trimmed or converted anything. */
      input: unknown;
      lineOf: (path: readonly PropertyKey[]) => number;
      pointOf: (path: readonly PropertyKey[]) => Point;
      placeOf: (path: readonly PropertyKey[]) => ValuePlace;
    })
  | (Validated<T> & { ok: false });

/** YAML aliases (`*name`) allowed in one file, counting the copies they expand to: more is an alias bomb. */
export const MAX_YAML_ALIASES = 100;

function positionAt(parsed: ParsedYaml, offset: number): Point {
  const { line, col } = parsed.lineCounter.linePos(offset);
  return { line: line + parsed.source.firstLine - 1, column: col };
}

/** The value node at `path`, and the key node that holds it (absent for list items). */
function nodeAt(parsed: ParsedYaml, path: readonly PropertyKey[]): { key?: YamlNode; value?: YamlNode } {
  let node: unknown = parsed.doc.contents;
  let key: YamlNode | undefined;
  for (const step of path) {
    if (!node || typeof node !== 'object' || !('items' in node)) return {};
    const items = (node as { items: unknown[] }).items;
    if (isMap(node)) {
      const pair = items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === step);
      if (!isPair(pair)) return {};
      key = pair.key as YamlNode;
      node = pair.value;
    } else {
      key = undefined;
      node = typeof step === 'number' ? items[step] : undefined;
    }
  }
  return { key, value: (node ?? undefined) as YamlNode | undefined };
}

/** The position of the value at `path`, or of the key that holds it, or of its nearest existing parent. */
function locate(parsed: ParsedYaml, path: readonly PropertyKey[], { preferKey = false } = {}): Point {
  let best: Point = { line: parsed.source.firstLine, column: 1 };
  for (let length = 0; length <= path.length; length++) {
    const { key, value } = nodeAt(parsed, path.slice(0, length));
    if (key?.range) best = positionAt(parsed, key.range[0]);
    if (preferKey && length === path.length && key) return best;
    if (!value?.range) {
      if (length > 0 && !key) break;
      continue;
    }
    best = positionAt(parsed, value.range[0]);
  }
  return best;
}

/** What a double-quoted scalar's two-character escapes (`\n`, `\"`) stand for. */
const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ',
  '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};
const HEX_DIGITS: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * The text of a one-line quoted scalar read as YAML reads it, with the offset
 * in the text at which each UTF-16 unit of the result was written; undefined
 * for an escape this does not know (the caller then places nothing exactly).
 */
function unquote(text: string, double: boolean): { value: string; offsets: number[] } | undefined {
  let value = '';
  const offsets: number[] = [];
  for (let at = 0; at < text.length; ) {
    const start = at;
    let char = text[at]!;
    at++;
    if (!double && char === "'" && text[at] === "'") at++;
    else if (double && char === '\\') {
      const escape = text[at] ?? '';
      const digits = HEX_DIGITS[escape];
      const hex = digits === undefined ? '' : text.slice(at + 1, at + 1 + digits);
      if (digits !== undefined && new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex) && Number.parseInt(hex, 16) <= 0x10ffff) {
        char = String.fromCodePoint(Number.parseInt(hex, 16));
        at += 1 + digits;
      } else if (ESCAPES[escape] !== undefined) {
        char = ESCAPES[escape];
        at++;
      } else return undefined;
    }
    value += char;
    for (let unit = 0; unit < char.length; unit++) offsets.push(start);
  }
  return { value, offsets };
}

/**
 * Where a scalar's value starts, and where each of its characters is
 * ({@link ValuePlace}): exactly when its text is one line, read through the
 * escapes of a quoted scalar; for a block scalar (`>-`, `|`), on the line
 * where its text starts; for text folded from several lines, at its start.
 */
function scalarPlace(parsed: ParsedYaml, node: Scalar): ValuePlace {
  const { text } = parsed.source;
  const [start, end] = node.range!;
  const value = node.value;
  const atStart = (offset: number): ValuePlace => {
    const point = positionAt(parsed, offset);
    return typeof value === 'string' ? { ...point, columns: Array.from({ length: value.length }, () => point.column) } : point;
  };
  if (node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL') {
    // The text starts on a line after the header (`>-`, `|2`), at its first character that is not blank.
    const header = text.indexOf('\n', start);
    const first = header < 0 ? -1 : text.slice(header + 1, end).search(/\S/);
    if (first < 0) return positionAt(parsed, start);
    const textAt = header + 1 + first;
    const lineStart = text.lastIndexOf('\n', textAt) + 1;
    const lineEnd = text.indexOf('\n', textAt);
    const line = text.slice(lineStart, lineEnd < 0 ? end : lineEnd).replace(/\r$/, '');
    const shown = typeof value === 'string' ? value.replace(/\n+$/, '') : undefined;
    // The value is that one line less the block's indentation (an indentation indicator may leave spaces in it).
    const indentation = shown === undefined ? '' : line.slice(0, line.length - shown.length);
    if (shown !== undefined && line.endsWith(shown) && /^ *$/.test(indentation)) return positionAt(parsed, lineStart + indentation.length);
    return atStart(textAt);
  }
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  const textStart = start + (quoted ? 1 : 0);
  const written = text.slice(textStart, end - (quoted ? 1 : 0));
  if (typeof value !== 'string' || written === value) return positionAt(parsed, textStart);
  const read = quoted && !/[\r\n]/.test(written) ? unquote(written, node.type === 'QUOTE_DOUBLE') : undefined;
  if (read?.value !== value) return atStart(textStart);
  const point = positionAt(parsed, textStart);
  return { ...point, columns: read.offsets.map((offset) => point.column + offset) };
}

/**
 * Where the value at `path` starts, and how its characters map to columns;
 * `validated` is the value the schema made of it, which may be trimmed
 * (`title: "  Addis"` is "Addis", whose first character is two columns on).
 */
function placeOf(parsed: ParsedYaml, path: readonly PropertyKey[], validated: unknown): ValuePlace {
  const { value: node } = nodeAt(parsed, path);
  if (!isScalar(node) || !node.range) return locate(parsed, path);
  const place = scalarPlace(parsed, node);
  const written = node.value;
  if (typeof written !== 'string' || typeof validated !== 'string' || validated === written || written.trim() !== validated) return place;
  const lead = written.length - written.trimStart().length;
  return place.columns ? { ...place, column: place.columns[lead] ?? place.column, columns: place.columns.slice(lead) } : { ...place, column: place.column + lead };
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list (one `- ` line per item)',
  object: 'fields (`name: value` lines)',
};

/** What YAML made of a value, in words: "a number", "a list". */
function kindOf(input: unknown): string {
  if (typeof input === 'number') return 'a number';
  if (typeof input === 'boolean') return 'a yes/no value';
  if (typeof input === 'string') return 'text';
  return Array.isArray(input) ? 'a list' : 'fields';
}

/** The value as written, short: `42`, `"Jane"`. */
function shown(input: unknown, node: YamlNode | undefined): string {
  if (isScalar(node) && node.source) return node.source.length > 40 ? `${node.source.slice(0, 40)}…` : node.source;
  return typeof input === 'string' ? JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input) : '';
}

/**
 * The value a comment swallowed: `color: #1f4e79` is the key `color`, empty,
 * and a comment. A second ` #` on the line starts what was meant as the
 * comment (`accent: #b5462b # the accent`), so the value ends before it.
 */
function swallowedByComment(parsed: ParsedYaml, key: YamlNode | undefined): string | undefined {
  const end = key?.range?.[1];
  if (end === undefined) return undefined;
  const rest = parsed.source.text.slice(end).split(/\r?\n/, 1)[0] ?? '';
  return /^\s*:\s+(#.*?)(?:\s+#.*)?\s*$/.exec(rest)?.[1];
}

type Issue = z.core.$ZodIssue;

function describeIssue(parsed: ParsedYaml, issue: Issue, terms: YamlTerms, afterQuoting: Issue | undefined | 'valid'): string {
  const field = issue.path.map(String).join('.');
  const name = `\`${field}\``;
  const keyName = String(issue.path[issue.path.length - 1] ?? '');
  if (issue.code === 'unrecognized_keys') {
    const listed = issue.keys.slice(0, 5).map((k) => `\`${k}\``).join(', ');
    const more = issue.keys.length > 5 ? ` and ${issue.keys.length - 5} more` : '';
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${listed}${more}${field ? ` in ${name}` : ''}: check the spelling, or remove ${issue.keys.length > 1 ? 'them' : 'it'}`;
  }
  if (issue.code === 'invalid_union') return describeIssue(parsed, { ...(issue.errors[0]?.[0] ?? issue), path: issue.path } as Issue, terms, undefined);
  if (issue.code !== 'invalid_type') return `${field ? name : terms.document} ${issue.message}`;
  const { key, value } = nodeAt(parsed, issue.path);
  if (issue.input === undefined) return `missing required field ${name}: ${terms.hint(issue.path)}`;
  const expected = EXPECTED[issue.expected] ?? issue.expected;
  if (issue.input === null) {
    const comment = swallowedByComment(parsed, key);
    return comment
      ? `${name} is empty: \`#\` starts a YAML comment, so "${comment}" is not its value; put the value in quotes: \`${keyName}: "${comment}"\``
      : `${name} is empty: write ${expected} after \`${keyName}:\``;
  }
  const found = `${kindOf(issue.input)}${shown(issue.input, value) ? ` (${shown(issue.input, value)})` : ''}`;
  if (issue.path.length === 0) {
    const fix = issue.expected === 'object' ? 'write one `name: value` field per line, with no `- ` in front' : 'start each item with `- `';
    return `${terms.document} must be ${expected}, not ${kindOf(issue.input)}: ${fix}`;
  }
  if (issue.expected === 'string' && isScalar(value) && afterQuoting) {
    const source = value.source ?? String(issue.input);
    return afterQuoting === 'valid'
      ? `${name} must be text, but YAML reads ${source} as ${kindOf(issue.input)}: put it in quotes, \`${keyName}: "${source}"\``
      : `${name} ${afterQuoting.message} (YAML reads ${source} as ${kindOf(issue.input)})`;
  }
  return `${name} must be ${expected}, not ${found}: ${terms.hint(issue.path)}`;
}

/** Where to point at an alias bomb: its first alias (the document expands to more copies than allowed). */
function firstAlias(parsed: ParsedYaml): Point {
  let offset = 0;
  visit(parsed.doc, {
    Alias(_, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return positionAt(parsed, offset);
}

function toJs(parsed: ParsedYaml, rule: string): { value?: unknown; diagnostic?: Diagnostic } {
  try {
    return { value: parsed.doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) };
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    const reason = /resource exhaustion/.test(error.message)
      ? `these YAML aliases (\`*name\`) expand to more than ${MAX_YAML_ALIASES} copies: write the values out instead of repeating aliases`
      : `${error.message}: define the anchor (\`&name\`) before its alias (\`*name\`)`;
    return { diagnostic: diagnostic('error', rule, reason, { file: parsed.source.file, ...firstAlias(parsed) }) };
  }
}

/** What is at `path` inside `value`, or undefined. */
function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((node, step) => (node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[step] : undefined), value);
}

function setIn(target: unknown, path: readonly PropertyKey[], value: unknown): void {
  const parent = valueAt(target, path.slice(0, -1));
  (parent as Record<PropertyKey, unknown>)[path[path.length - 1] as PropertyKey] = value;
}

/**
 * For each number or yes/no value where text is expected (`title: 42`,
 * `date: 20260101`), whether putting it in quotes would make it valid, or the
 * issue that would remain: one more validation for all of them.
 */
function quotingOutcomes(parsed: ParsedYaml, schema: z.ZodType, value: unknown, issues: readonly Issue[]): Map<Issue, Issue | 'valid'> {
  const scalars = issues.filter((issue) => issue.code === 'invalid_type' && issue.expected === 'string' && (typeof issue.input === 'number' || typeof issue.input === 'boolean') && issue.path.length > 0);
  const outcomes = new Map<Issue, Issue | 'valid'>();
  if (scalars.length === 0) return outcomes;
  const quoted = structuredClone(value);
  for (const issue of scalars) {
    const node = nodeAt(parsed, issue.path).value;
    setIn(quoted, issue.path, isScalar(node) && node.source ? node.source : String(issue.input));
  }
  // The first issue of each path: the format, before refinements that follow from it.
  const remaining = new Map((schema.safeParse(quoted).error?.issues ?? []).reverse().map((issue) => [issue.path.join('\0'), issue]));
  for (const issue of scalars) outcomes.set(issue, remaining.get(issue.path.join('\0')) ?? 'valid');
  return outcomes;
}

/**
 * Parse YAML and validate it against a schema, mapping every YAML error and
 * schema issue to a diagnostic at its file:line:column.
 */
export function parseYaml<S extends z.ZodType>(source: YamlSource, schema: S, terms: YamlTerms): ValidatedYaml<z.output<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const parsed: ParsedYaml = { doc, lineCounter, source };
  const diagnostics: Diagnostic[] = [];
  for (const error of doc.errors) {
    const at = positionAt(parsed, error.pos[0]);
    const reason = error.code === 'RESOURCE_EXHAUSTION'
      ? 'the YAML nests too deeply to read (lists or fields inside each other thousands of times): write it flat'
      : `invalid YAML: ${error.message.split('\n')[0] ?? error.message}; fix the syntax (quote values that contain ": " or start with a special character)`;
    diagnostics.push(diagnostic('error', terms.rule, reason, { file: source.file, ...at }));
  }
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  for (const warning of doc.warnings) {
    const at = positionAt(parsed, warning.pos[0]);
    diagnostics.push(diagnostic('warning', terms.rule, warning.message.split('\n')[0] ?? warning.message, { file: source.file, ...at }));
  }
  const js = toJs(parsed, terms.rule);
  if (js.diagnostic) return { ok: false, diagnostics: [...diagnostics, js.diagnostic] };
  const value = js.value ?? {};
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) {
    const validatedPlace = (path: readonly PropertyKey[]) => placeOf(parsed, path, valueAt(result.data, path));
    const pointOf = (path: readonly PropertyKey[]) => {
      const { line, column } = validatedPlace(path);
      return { line, column };
    };
    return { ok: true, value: result.data, input: value, diagnostics, lineOf: (path) => locate(parsed, path).line, pointOf, placeOf: validatedPlace };
  }
  const quoting = quotingOutcomes(parsed, schema, value, result.error.issues);
  for (const issue of result.error.issues) {
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
    const at = locate(parsed, path, { preferKey: issue.code === 'unrecognized_keys' });
    diagnostics.push(diagnostic('error', terms.rule, describeIssue(parsed, issue, terms, quoting.get(issue)), { file: source.file, ...at }));
  }
  return { ok: false, diagnostics };
}
