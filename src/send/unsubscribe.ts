import { createHmac, timingSafeEqual } from 'node:crypto';
import { closeSync, constants, fsyncSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { workDir } from '../build/context.js';
import { detectDelimiter } from '../load/csv.js';
import { displayPath } from '../load/read.js';
import { languageSettings } from '../model/config.js';
import { diagnostic, DiagnosticsError } from '../model/diagnostic.js';
import { findVariant } from '../model/languages.js';
import { t, type RenderContext } from '../render/context.js';
import { needsToken, type EmailSettings } from '../render/email/sender.js';
import type { UnsubscribeKeys } from './message.js';
import { Journal } from './journal.js';
import { addressKey, loadSuppressionList } from './recipients.js';

/** Where the secret behind every recipient's token comes from: never the config, which is shared and versioned. */
export const UNSUBSCRIBE_SECRET_VARIABLE = 'STATEMENTS_UNSUBSCRIBE_SECRET';

/** Shorter secrets can be guessed, and with the secret anyone could unsubscribe anyone. */
const MIN_SECRET_LENGTH = 16;

/** 22 base64url characters: 132 bits of the HMAC, beyond guessing, short enough for a URL and a VERP local part. */
const TOKEN_LENGTH = 22;

/**
 * The secret from the environment, or the reason it cannot be used (what to
 * set). `undefined` secret with no reason: none is needed and none is set.
 */
export function unsubscribeSecret(env: NodeJS.ProcessEnv, needed: boolean): { secret?: string; problem?: string } {
  const secret = env[UNSUBSCRIBE_SECRET_VARIABLE];
  if (secret === undefined || secret === '') {
    return needed ? { problem: `${UNSUBSCRIBE_SECRET_VARIABLE} is not set, and each recipient's unsubscribe link and bounce address need a token made with it: set it to a long random text (for example the output of \`openssl rand -base64 32\`), keep it, and use the same one for every send and for \`statements unsubscribe\`` } : {};
  }
  if (secret.length < MIN_SECRET_LENGTH) return { problem: `${UNSUBSCRIBE_SECRET_VARIABLE} is only ${secret.length} characters long: use at least ${MIN_SECRET_LENGTH} random characters (for example the output of \`openssl rand -base64 32\`)` };
  return { secret };
}

/**
 * The secret (from `env`) and the mailto subjects of the editions a send
 * mails; throws a DiagnosticsError pointing at the config when the settings
 * need a token and the secret is missing or too short.
 */
export function unsubscribeKeys(ctx: RenderContext, settings: EmailSettings, editions: Iterable<string>, env: NodeJS.ProcessEnv): UnsubscribeKeys {
  const { secret, problem } = unsubscribeSecret(env, needsToken(settings));
  if (problem) throw new DiagnosticsError([diagnostic('error', 'unsubscribe-secret', `\`email.unsubscribeUrl\` or \`email.returnPath\` uses {token}, but ${problem}`, { file: ctx.config.file })]);
  const languages = languageSettings(ctx.config);
  const mailtoSubjects = Object.fromEntries(
    [...editions].map((edition) => {
      const lang = findVariant(languages, edition)?.langs[0] ?? languages.languages[0]!;
      return [edition, t(ctx, lang)('email:unsubscribeSubject')];
    }),
  );
  return { secret, mailtoSubjects };
}

/** The opaque token of one address on one list: an HMAC, so it names no one and cannot be made without the secret. */
export function unsubscribeToken(secret: string, listId: string, address: string): string {
  return createHmac('sha256', secret).update(listId).update('\0').update(addressKey(address)).digest('base64url').slice(0, TOKEN_LENGTH);
}

/** The address among `addresses` whose token is `token`, compared in constant time. */
export function addressOfToken(token: string, secret: string, listId: string, addresses: Iterable<string>): string | undefined {
  const wanted = Buffer.from(token);
  if (wanted.length !== TOKEN_LENGTH) return undefined;
  for (const address of addresses) {
    if (timingSafeEqual(Buffer.from(unsubscribeToken(secret, listId, address)), wanted)) return address;
  }
  return undefined;
}

/** `.statements/send/` beside the output folder, where every send keeps its journals. */
export function journalsDir(outDir: string): string {
  return path.join(workDir(outDir), 'send');
}

/** Every address the send journals under `dir` (and the extra journal files) record in any round, normalised. */
export function journaledAddresses(dir: string, extraJournals: readonly string[] = []): Set<string> {
  const files = [...journalFiles(dir), ...extraJournals];
  const addresses = new Set<string>();
  for (const file of files) for (const address of Journal.read(file).addresses) addresses.add(address);
  return addresses;
}

function journalFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true, recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.jsonl')).map((entry) => path.join(entry.parentPath, entry.name));
}

/**
 * Add `addresses` to the suppression file at `file` (created if missing), in
 * the format it already has: a line per address, or a row with the address
 * in the `email` column of a spreadsheet export. Those already in it are left
 * out; the new lines go in with one appending write, flushed, so a send
 * reading the file sees all of them or none. Returns the addresses added.
 * Throws a DiagnosticsError when the file cannot be read as a suppression list.
 */
export function appendToSuppressionList(file: string, addresses: Iterable<string>): string[] {
  const shown = displayPath(file);
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw suppressionError(shown, error);
  }
  const listed = loadSuppressionList(shown, text);
  if (!listed.ok) throw new DiagnosticsError(listed.diagnostics);
  const added = [...new Set([...addresses].map(addressKey))].filter((address) => !listed.value.has(address));
  if (added.length === 0) return [];
  const lines = added.map(rowFor(text)).join('\n');
  const glue = text === '' || text.endsWith('\n') ? '' : '\n';
  try {
    const fd = openSync(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, 0o600);
    try {
      const bytes = Buffer.from(`${glue}${lines}\n`);
      for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw suppressionError(shown, error);
  }
  return added;
}

function suppressionError(file: string, error: unknown): DiagnosticsError {
  const reason = `cannot add to the suppression list (${(error as NodeJS.ErrnoException).code ?? String(error)}): check that it is a file you may write, or name another with --suppress`;
  return new DiagnosticsError([diagnostic('error', 'suppression', reason, { file })]);
}

/** A spreadsheet export gets a row with the address under its `email` header and the other cells empty; a plain list, the address. */
function rowFor(text: string): (address: string) => string {
  const header = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .find((line) => line.trim() && !line.trimStart().startsWith('#'));
  if (!header || header.includes('@')) return (address) => address;
  const delimiter = detectDelimiter(header);
  const columns = header.split(delimiter).map((cell) => cell.trim().replace(/^"(.*)"$/, '$1').trim().toLowerCase());
  const at = columns.indexOf('email');
  return (address) => columns.map((_, index) => (index === at ? address : '')).join(delimiter);
}
