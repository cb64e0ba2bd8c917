/** A 1-based line and column of a file's text. */
export interface SourcePoint {
  line: number;
  column: number;
}

/** Lines and columns of a file's text (`StatementText.source`, the text mdast's offsets count in). */
export interface SourcePoints {
  /** The line and column of an offset. */
  at(offset: number): SourcePoint;
  /** Where a 1-based line starts, and its text without its line ending (past the last line, an empty line at the end). */
  line(line: number): { start: number; text: string };
}

/** The index of the last of `starts` (ascending, starting at 0) at or before `offset`: the line an offset is on. */
function lastAtOrBefore(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Counts `\r\n`, `\n` and `\r` as line endings, as the Markdown parser does. */
export function sourcePoints(source: string): SourcePoints {
  const starts = [0];
  for (const match of source.matchAll(/\r\n|\r|\n/g)) starts.push(match.index + match[0].length);
  return {
    at(offset) {
      const index = lastAtOrBefore(starts, offset);
      return { line: index + 1, column: offset - starts[index]! + 1 };
    },
    line(line) {
      const start = starts[line - 1] ?? source.length;
      const end = starts[line] ?? source.length;
      return { start, text: source.slice(start, end).replace(/\r?\n$|\r$/, '') };
    },
  };
}

/** What a container leaves at the start of a line it continues: `>` markers and indentation. */
const CONTAINER_PREFIX = /^[ \t>]*/;

/**
 * Where each character of a node's value (a text, code or HTML node) is in
 * the file, from where its first character is (`offset`), or from the line
 * its text starts on when the value's first line is not at a known offset (a
 * code block's, after its fence or within its indentation). On every other
 * line the parser dropped what the containers took (`> `, a list item's
 * indent, nothing on a lazy line) and, in prose, the line's indentation: the
 * value's line is found in that line of the file, after the container's prefix.
 */
export function valuePlaces(value: string, points: SourcePoints, first: { offset: number } | { line: number }): (offset: number) => SourcePoint {
  const valueStarts = [0];
  for (let at = value.indexOf('\n'); at >= 0; at = value.indexOf('\n', at + 1)) valueStarts.push(at + 1);
  const firstLine = 'line' in first ? first.line : points.at(first.offset).line;
  const lineOffsets: number[] = [];
  /** The offset in the file of the value's line `index`. */
  const lineOffset = (index: number): number => {
    if (index === 0 && 'offset' in first) return first.offset;
    let found = lineOffsets[index];
    if (found === undefined) {
      const text = value.slice(valueStarts[index], (valueStarts[index + 1] ?? value.length + 1) - 1).replace(/\r$/, '');
      const line = points.line(firstLine + index);
      found = line.start + contentStart(line.text, text);
      lineOffsets[index] = found;
    }
    return found;
  };
  return (offset) => {
    const index = lastAtOrBefore(valueStarts, offset);
    return points.at(lineOffset(index) + offset - valueStarts[index]!);
  };
}

/**
 * Where a value's line starts in its line of the file: after the container's
 * prefix, less the indentation the value kept (code keeps its own); a line of
 * code that itself starts with `>` is found by looking back.
 */
function contentStart(fileLine: string, valueLine: string): number {
  const guess = CONTAINER_PREFIX.exec(fileLine)![0].length - /^[ \t]*/.exec(valueLine)![0].length;
  for (let at = guess; at >= 0; at--) if (fileLine.startsWith(valueLine, at)) return at;
  // An escape or a character reference makes the value differ from the file: the guess is as near as it gets.
  return Math.max(0, guess);
}
