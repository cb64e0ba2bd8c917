import path from 'node:path';
import { displayPath } from '../load/read.js';
import { diagnostic, DiagnosticsError } from '../model/diagnostic.js';
import { maildirMessages, mboxMessages, readBounces } from '../send/bounces.js';
import { appendToSuppressionList, unsubscribeToken } from '../send/unsubscribe.js';
import { usesVerp } from '../render/email/sender.js';
import { issuedTokens, LIST_OPTIONS } from './unsubscribe.js';
import { parseCommandArgs, UsageError } from './usage.js';

const OPTIONS = { ...LIST_OPTIONS, maildir: { type: 'string' }, mbox: { type: 'string' } } as const;

/**
 * `statements bounces --maildir DIR | --mbox FILE --suppress FILE`: every hard
 * bounce's recipient added to the suppression list, soft bounces and other
 * mail left alone, a one-line report; exit 1 when the mailbox cannot be read.
 */
export async function bouncesCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (positionals.length > 0 || (values.maildir === undefined) === (values.mbox === undefined)) {
    throw new UsageError('bounces reads one mailbox: statements bounces --maildir DIR --suppress FILE, or --mbox FILE --suppress FILE');
  }
  const issued = await issuedTokens(values, 'bounces', (settings) => usesVerp(settings.returnPath));
  const { settings, secret, addresses } = issued;
  // Lower case: some servers lower the case of the address a bounce is sent to.
  const tokens = new Map(secret ? [...addresses].map((address) => [unsubscribeToken(secret, settings.listId, address).toLowerCase(), address]) : []);
  const mailbox = path.resolve(values.maildir ?? values.mbox!);
  const messages = values.maildir ? maildirMessages(mailbox) : mboxMessages(mailbox);
  let report;
  try {
    report = await readBounces(messages, { byToken: (token) => tokens.get(token.toLowerCase()), known: addresses, returnPath: settings.returnPath });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    const why = code === 'ENOTMAILDIR' || code === 'ENOTFILE' || code === 'ENOTMBOX' || code === 'ETOOBIG' ? message : code === 'ENOENT' ? 'it does not exist' : (code ?? message);
    const reason = `cannot read this ${values.maildir ? 'maildir' : 'mbox file'} (${why}): check the path given to ${values.maildir ? '--maildir' : '--mbox'}`;
    throw new DiagnosticsError([diagnostic('error', 'bounces', reason, { file: displayPath(mailbox) })]);
  }
  const added = appendToSuppressionList(issued.suppressFile, report.hardAddresses);
  for (const name of report.unmatched) {
    process.stderr.write(`${displayPath(name)}: warning: a hard bounce for no address the send journals record (not a VERP address of this list, no known Final-Recipient): check it by hand\n`);
  }
  const list = displayPath(issued.suppressFile);
  process.stdout.write(
    `Read ${report.read} message${report.read === 1 ? '' : 's'}: ${report.hard} hard bounce${report.hard === 1 ? '' : 's'}, ${report.soft} soft (left alone), ${report.other} not a bounce, ${report.unmatched.length} unmatched; ` +
      `added ${added.length} address${added.length === 1 ? '' : 'es'} to ${list}${added.length > 0 ? `: ${added.join(', ')}` : ''}\n`,
  );
  return 0;
}
