import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseMarkdown } from '../load/markdown.js';
import { strictUtf8 } from '../load/encoding.js';
import { displayPath, MAX_BYTES, readBytes } from '../load/read.js';
import { loadStatement } from '../load/statement.js';
import { diagnostic, isError, type Diagnostic } from '../model/diagnostic.js';
import type { Lang, LanguageSettings } from '../model/languages.js';
import { stampLine, stampParts, withStampLine } from '../model/stamp.js';
import { sourceText } from '../model/statement.js';
import { writeFileAtomic } from './write.js';

export interface Stamped {
  file: string;
  /** The original's parts the stamp records. */
  parts: number;
  stamped: string;
  /** The translation already had this very stamp's digests: the file was left as it was. */
  unchanged: boolean;
}

export interface StampOptions {
  statementsDir: string;
  slug: string;
  /** The translations to stamp; all the statement has when empty. */
  langs: readonly Lang[];
  settings: LanguageSettings;
  /** The day written into the stamp, YYYY-MM-DD. */
  today: string;
}

/**
 * Record in each translation's front matter the original as it is now (see
 * src/model/stamp.ts): one line added or replaced, every other byte kept.
 * A translation already stamped with the same digests is not written again.
 */
export async function stampStatement({ statementsDir, slug, langs, settings, today }: StampOptions): Promise<{ stamped: Stamped[]; diagnostics: Diagnostic[] }> {
  const dir = path.join(statementsDir, slug);
  if (!(await stat(dir).then((found) => found.isDirectory(), () => false))) {
    const reason = `no statement "${slug}": expected a folder ${displayPath(dir)}; check the name (or pass --statements DIR)`;
    return { stamped: [], diagnostics: [diagnostic('error', 'statement-folder', reason, { file: displayPath(statementsDir) })] };
  }
  const loaded = await loadStatement(statementsDir, slug, settings);
  const statement = loaded.value;
  if (!statement || loaded.diagnostics.some(isError)) return { stamped: [], diagnostics: loaded.diagnostics };
  const original = sourceText(statement);
  const diagnostics = [...loaded.diagnostics];
  const targets = langs.length ? langs : statement.languages.slice(1);
  const absent = targets.filter((lang) => !statement.languages.includes(lang));
  if (absent.length) {
    const reason = `${slug} has no ${absent.map((lang) => `${lang}.md`).join(' or ')} to stamp: translate ${original.file} into it first`;
    return { stamped: [], diagnostics: [...diagnostics, diagnostic('error', 'stale', reason, { file: displayPath(dir) })] };
  }
  if (targets.length === 0) {
    return { stamped: [], diagnostics: [...diagnostics, diagnostic('error', 'stale', `${slug} has no translation to stamp: add one (${settings.languages.slice(1).map((lang) => `${lang}.md`).join(', ')}) first`, { file: displayPath(dir) })] };
  }
  const stamped: Stamped[] = [];
  for (const lang of targets) {
    const text = statement.text[lang]!;
    const digests = stampParts(statement, lang).map((part) => part.digest);
    const previous = text.stamp;
    if (previous && previous.digests.join(' ') === digests.join(' ')) {
      stamped.push({ file: text.file, parts: digests.length, stamped: previous.stamped, unchanged: true });
      continue;
    }
    const file = path.join(dir, `${lang}.md`);
    const read = await readUtf8(file, text.file);
    if (read.text === undefined) {
      diagnostics.push(...read.diagnostics);
      continue;
    }
    const edited = withStamp(read.text, stampLine({ stamped: today, digests }));
    if (edited === undefined) {
      diagnostics.push(diagnostic('error', 'front-matter', `${text.file} lost its front matter while it was being stamped: check the file, then run \`statements stamp\` again`, { file: text.file, line: 1 }));
      continue;
    }
    await writeFileAtomic(file, edited);
    stamped.push({ file: text.file, parts: digests.length, stamped: today, unchanged: false });
  }
  return { stamped, diagnostics };
}

/** The file's text when it is UTF-8: a file the loader decoded from UTF-16 or Windows-1252 is not rewritten, as writing it back would change its every byte. */
async function readUtf8(file: string, shown: string): Promise<{ text?: string; diagnostics: Diagnostic[] }> {
  const read = await readBytes(file, { what: shown, maxBytes: MAX_BYTES.statement });
  if (!read.bytes) return { diagnostics: read.diagnostics };
  const decoded = strictUtf8(read.bytes);
  // The byte order mark stays in the text, so writing the text back keeps it.
  const text = decoded && `${decoded.bom.length ? '\ufeff' : ''}${decoded.text}`;
  if (text === undefined) {
    const reason = `${shown} is not UTF-8 (it is read as UTF-16 or Windows-1252), and stamping it would rewrite it in another encoding: save it as UTF-8 (a text editor: Save with Encoding › UTF-8), then run \`statements stamp\` again`;
    return { diagnostics: [diagnostic('error', 'encoding', reason, { file: shown })] };
  }
  return { text, diagnostics: [] };
}

/** The text with its stamp line set; a UTF-8 byte order mark stays where it was. */
function withStamp(text: string, line: string): string | undefined {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = text.slice(bom.length);
  // Read again rather than taken from the load: the bytes written back must be these.
  const { frontMatter } = parseMarkdown(body);
  if (!frontMatter) return undefined;
  const closingLine = frontMatter.firstLine + (frontMatter.text === '' ? 0 : frontMatter.text.split('\n').length);
  return bom + withStampLine(body, closingLine, line);
}
