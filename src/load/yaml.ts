import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';

/** A YAML text and where it sits in its file, so positions point at the real line. */
export interface YamlSource {
  file: string;
  text: string;
  /** 1-based line of the file on which `text` starts (front matter starts after `---`). */
  firstLine: number;
}

interface ParsedYaml {
  doc: Document.Parsed;
  lineCounter: LineCounter;
  source: YamlSource;
}

export type Validated<T> = { ok: true; value: T; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/** Where a value starts in its file: the first character of its text (inside the quotes of a quoted scalar). */
export interface Point {
  line: number;
  column: number;
}

/** A valid YAML value, and the file position of any node in it, for diagnostics raised later. */
export type ValidatedYaml<T> =
  | ((Validated<T> & { ok: true }) & { lineOf: (path: readonly PropertyKey[]) => number; pointOf: (path: readonly PropertyKey[]) => Point })
  | (Validated<T> & { ok: false });

function positionAt(parsed: ParsedYaml, offset: number): Point {
  const { line, col } = parsed.lineCounter.linePos(offset);
  return { line: line + parsed.source.firstLine - 1, column: col };
}

/** The position of the value at `path`, or of the key that holds it, or of its nearest existing parent. */
function locate(parsed: ParsedYaml, path: readonly PropertyKey[], { preferKey = false, insideQuotes = false } = {}): Point {
  let node: unknown = parsed.doc.contents;
  let best: Point = { line: parsed.source.firstLine, column: 1 };
  for (const key of path) {
    if (!node || typeof node !== 'object' || !('items' in node)) break;
    const items = (node as { items: unknown[] }).items;
    let next: unknown;
    if (isMap(node)) {
      const pair = items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === key);
      if (isPair(pair)) {
        const keyNode = pair.key as YamlNode;
        if (keyNode.range) best = positionAt(parsed, keyNode.range[0]);
        next = pair.value;
        if (preferKey && key === path[path.length - 1]) return best;
      }
    } else if (typeof key === 'number') {
      next = items[key];
    }
    if (!next) break;
    const range = (next as YamlNode).range;
    // A quoted scalar's text starts after its opening quote.
    const quoted = insideQuotes && isScalar(next) && (next.type === 'QUOTE_DOUBLE' || next.type === 'QUOTE_SINGLE');
    if (range) best = positionAt(parsed, range[0] + (quoted ? 1 : 0));
    node = next;
  }
  return best;
}

function describeIssue(issue: z.core.$ZodIssue, fieldHint: (path: readonly PropertyKey[]) => string): string {
  const field = issue.path.map(String).join('.');
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return `missing required field \`${field}\`: ${fieldHint(issue.path)}`;
  }
  if (issue.code === 'unrecognized_keys') {
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `\`${k}\``).join(', ')}${field ? ` in \`${field}\`` : ''}: check the spelling, or remove ${issue.keys.length > 1 ? 'them' : 'it'}`;
  }
  return `\`${field || 'document'}\` ${issue.message}`;
}

/**
 * Parse YAML and validate it against a schema, mapping every YAML error and
 * schema issue to a diagnostic at its file:line:column.
 */
export function parseYaml<S extends z.ZodType>(
  source: YamlSource,
  schema: S,
  rule: string,
  fieldHint: (path: readonly PropertyKey[]) => string,
): ValidatedYaml<z.output<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const parsed: ParsedYaml = { doc, lineCounter, source };
  const diagnostics: Diagnostic[] = [];
  for (const error of doc.errors) {
    const at = positionAt(parsed, error.pos[0]);
    const reason = error.message.split('\n')[0] ?? error.message;
    diagnostics.push(diagnostic('error', `${rule}-syntax`, `invalid YAML: ${reason}; fix the syntax (quote values that contain ": " or start with a special character)`, { file: source.file, ...at }));
  }
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  for (const warning of doc.warnings) {
    const at = positionAt(parsed, warning.pos[0]);
    diagnostics.push(diagnostic('warning', `${rule}-syntax`, warning.message.split('\n')[0] ?? warning.message, { file: source.file, ...at }));
  }
  const result = schema.safeParse(doc.toJS({ maxAliasCount: 100 }) ?? {});
  if (result.success) return { ok: true, value: result.data, diagnostics, lineOf: (path) => locate(parsed, path).line, pointOf: (path) => locate(parsed, path, { insideQuotes: true }) };
  for (const issue of result.error.issues) {
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
    const at = locate(parsed, path, { preferKey: issue.code === 'unrecognized_keys' });
    diagnostics.push(diagnostic('error', rule, describeIssue(issue, fieldHint), { file: source.file, ...at }));
  }
  return { ok: false, diagnostics };
}
