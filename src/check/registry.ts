import type { InlineRule, ProjectRule, Rule, StatementRule } from './rule.js';
import { dates } from './rules/dates.js';
import { figures } from './rules/figures.js';
import { glyphs } from './rules/glyphs.js';
import { locales } from './rules/locales.js';
import { signatories } from './rules/signatories.js';
import { stale } from './rules/stale.js';
import { structure } from './rules/structure.js';
import { typography } from './rules/typography.js';

const inline = (stage: InlineRule['stage'], id: string, severity: InlineRule['severity'], description: string): InlineRule => ({ stage, id, severity, description });

/**
 * Every rule a diagnostic can name, in the order `check --rules` lists them:
 * the checks first, then the rules applied while files are read, outputs
 * built and mail sent. A test keeps this list, the ids used in src/ and the
 * README's table in step.
 */
export const RULES: readonly Rule[] = [
  structure,
  figures,
  stale,
  signatories,
  dates,
  locales,
  typography,
  glyphs,
  inline('load', 'links', 'warning', 'a link with a scheme other than http, https or mailto, or raw HTML that publishing changes (scripts, styles, event handlers removed)'),
  inline('load', 'front-matter', 'error', "a Markdown file's front matter that is missing, not YAML, or has a field missing, unknown or malformed"),
  inline('load', 'missing-file', 'error', "a statement without its original's Markdown file"),
  inline('load', 'missing-translation', 'warning', 'a configured language a statement has no Markdown file for (it is published without it)'),
  inline('load', 'statement-folder', 'error', 'a statements folder, or a statement named on the command line, that does not exist'),
  inline('load', 'slug', 'error', 'a statement folder whose name cannot be a web address (lowercase letters, digits and hyphens)'),
  inline('load', 'config', 'error', 'a publisher config that is not YAML, or has a setting missing, unknown or malformed'),
  inline('load', 'logo', 'error', 'a logo that cannot be read or drawn, or is too large'),
  inline('load', 'input', 'error', 'an input that is not a regular file, or cannot be read'),
  inline('load', 'input-size', 'error', "an input file larger than its limit, or a statement too large for a build worker's memory"),
  inline('load', 'encoding', 'error', 'a file that is not valid UTF-8, UTF-16 or Windows-1252, or holds NUL or replacement characters (a warning when it was read as Windows-1252)'),
  inline('load', 'nesting', 'error', 'lists, quotations, emphasis or raw HTML nested deeper than the outputs can draw'),
  inline('build', 'pdf-font', 'error', 'a PDF font file that cannot be read'),
  inline('build', 'out-folder', 'error', 'an output folder that cannot be used (inside the statements, a mount point, not a folder)'),
  inline('build', 'archive', 'warning', 'an earlier statement in the output folder whose archive entry cannot be read'),
  inline('build', 'read', 'error', 'a file or folder the command cannot read'),
  inline('build', 'write', 'error', 'a file or folder the command cannot write'),
  inline('build', 'internal', 'error', 'a bug in statements: the message says what was being done; STATEMENTS_DEBUG=1 shows where'),
  inline('build', 'embargo', 'warning', 'a statement published before and now under embargo (by its last build), taken out of the output folder'),
  inline('send', 'email-header', 'error', 'a value bound for an email header that holds a line break or control character'),
  inline('send', 'recipients', 'error', 'a recipients list that cannot be read, or a recipient with a malformed address or unknown edition'),
  inline('send', 'recipients-duplicate', 'error', 'an address listed twice in a recipients list'),
  inline('send', 'suppression', 'error', 'a suppression list that cannot be read'),
  inline('send', 'send', 'error', 'an SMTP server that refuses or cannot be reached'),
  inline('send', 'dkim', 'error', 'a DKIM key that is missing, unreadable, not an RSA private key of 1024 bits or more, for a domain the From address is not in, or unlike the key published in DNS'),
  inline('send', 'send-unconfirmed', 'error', 'a message the server took in full but never confirmed (not sent again unless --resend-unconfirmed)'),
  inline('send', 'send-lock', 'error', 'a send of the same statement and list already running'),
  inline('send', 'send-journal', 'error', 'a send journal that cannot be read or written'),
  inline('send', 'unsubscribe-secret', 'error', 'an unsubscribe link or VERP return path configured without a usable STATEMENTS_UNSUBSCRIBE_SECRET'),
  inline('send', 'unsubscribe-token', 'error', 'an unsubscribe token that no send journal records'),
  inline('send', 'bounces', 'error', 'a maildir or mbox of bounces that cannot be read'),
];

export const STATEMENT_RULES = RULES.filter((rule): rule is StatementRule => rule.stage === 'statement');
export const PROJECT_RULES = RULES.filter((rule): rule is ProjectRule => rule.stage === 'project');

const byId = new Map(RULES.map((rule) => [rule.id, rule]));

export function ruleById(id: string | undefined | null): Rule | undefined {
  return id ? byId.get(id) : undefined;
}
