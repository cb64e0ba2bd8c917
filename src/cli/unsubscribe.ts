import path from 'node:path';
import { projectPaths } from '../build/context.js';
import { loadConfig } from '../load/config.js';
import { displayPath } from '../load/read.js';
import { languageSettings } from '../model/config.js';
import { diagnostic, DiagnosticsError } from '../model/diagnostic.js';
import { sourceLanguage } from '../model/languages.js';
import { emailSettings, type EmailSettings } from '../render/email/sender.js';
import { addressOfToken, appendToSuppressionList, journaledAddresses, journalsDir, UNSUBSCRIBE_SECRET_VARIABLE, unsubscribeSecret } from '../send/unsubscribe.js';
import { COMMON_OPTIONS, parseCommandArgs, UsageError } from './usage.js';

export const LIST_OPTIONS = {
  out: COMMON_OPTIONS.out,
  config: COMMON_OPTIONS.config,
  suppress: { type: 'string' },
  journal: { type: 'string' },
} as const;

/** What a token is checked against: the list's settings, the secret, and every address the send journals record. */
export interface IssuedTokens {
  settings: EmailSettings;
  secret?: string;
  addresses: Set<string>;
  suppressFile: string;
}

/** The config, the secret (required when `needsSecret`) and the journals' addresses; `--suppress` is required. */
export async function issuedTokens(values: { out: string; config: string; suppress?: string; journal?: string }, command: string, needsSecret: (settings: EmailSettings) => boolean): Promise<IssuedTokens> {
  if (!values.suppress) throw new UsageError(`${command} needs --suppress FILE: the suppression list that \`statements send --suppress\` reads (created if missing)`);
  const cwd = process.cwd();
  const config = await loadConfig(projectPaths(cwd, values.config).configFile, { drawLogo: false });
  if (!config.value) throw new DiagnosticsError(config.diagnostics);
  const settings = emailSettings(config.value, sourceLanguage(languageSettings(config.value)));
  const { secret, problem } = unsubscribeSecret(process.env, needsSecret(settings));
  if (problem) throw new DiagnosticsError([diagnostic('error', 'unsubscribe-secret', problem, { file: config.value.file })]);
  const addresses = journaledAddresses(journalsDir(path.resolve(cwd, values.out)), values.journal ? [path.resolve(cwd, values.journal)] : []);
  return { settings, secret, addresses, suppressFile: path.resolve(cwd, values.suppress) };
}

/** `statements unsubscribe <token> --suppress FILE`: add the address the token was issued to; exit 1 for a token no journal knows. */
export async function unsubscribeCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, LIST_OPTIONS);
  const [token, ...extra] = positionals;
  if (!token || extra.length > 0) throw new UsageError('unsubscribe takes one token, the one in the link: statements unsubscribe <token> --suppress unsubscribed.txt');
  const issued = await issuedTokens(values, 'unsubscribe', () => true);
  const address = addressOfToken(token, issued.secret!, issued.settings.listId, issued.addresses);
  const list = displayPath(issued.suppressFile);
  if (!address) {
    const reason = `no send recorded in ${displayPath(journalsDir(path.resolve(values.out)))}/ was to the address of the token ${JSON.stringify(token.slice(0, 64))}: it may be cut or mistyped, made with another ${UNSUBSCRIBE_SECRET_VARIABLE} or \`email.listId\`, or its journal was deleted (or kept elsewhere: name it with --journal). Nothing was added to ${list}`;
    throw new DiagnosticsError([diagnostic('error', 'unsubscribe-token', reason, { file: list })]);
  }
  const added = appendToSuppressionList(issued.suppressFile, [address]);
  process.stdout.write(added.length > 0 ? `Added ${address} to ${list}\n` : `${address} was already in ${list}\n`);
  return 0;
}
