import { constants } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { AddressObject } from 'mailparser';
import { TOKEN_FIELD, usesVerp } from '../render/email/sender.js';
import { permanentAddressFailure } from './message.js';
import { addressKey } from './recipients.js';

/**
 * What one message in the bounce mailbox says: a delivery status
 * notification (RFC 3464) that a recipient failed for good (`hard`, status
 * 5.x.x) or for now (`soft`, 4.x.x), or anything else (`other`: an
 * autoreply, a report of success, mail that is not a DSN).
 */
export type Bounce = { kind: 'hard' | 'soft'; recipients: string[]; envelope: string[] } | { kind: 'other' };

/** A DSN's fields, per-message block first, then a block per recipient (RFC 3464 section 2.1). */
function statusBlocks(text: string): Map<string, string>[] {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\n[ \t]+/g, ' ')
    .split(/\n\s*\n/)
    .map((block) => new Map(block.split('\n').flatMap((line) => (/^([\w-]+):\s*(.*)$/.exec(line) ? [[line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()] as [string, string]] : []))))
    .filter((fields) => fields.size > 0);
}

/** `rfc822; a@x.org` → a@x.org. */
function typedAddress(value: string | undefined): string | undefined {
  const address = value?.replace(/^[^;]*;/, '').trim().replace(/^<(.*)>$/, '$1');
  return address || undefined;
}

function addressesOf(field: AddressObject | AddressObject[] | undefined): string[] {
  return [field ?? []].flat().flatMap((object) => object.value.flatMap((entry) => (entry.address ? [entry.address] : [])));
}

/** Read one message: is it a DSN, hard or soft, for whom, and to which envelope address it came back. */
export async function readBounce(raw: Buffer): Promise<Bounce> {
  const { simpleParser } = await import('mailparser');
  const mail = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true, keepDeliveryStatus: true });
  const report = mail.attachments.find((part) => /^message\/(global-)?delivery-status$/i.test(part.contentType));
  if (!report) return { kind: 'other' };
  const recipientBlocks = statusBlocks(report.content.toString('utf8')).filter((fields) => fields.has('final-recipient') || fields.has('action'));
  const failed = (code: string) => recipientBlocks.filter((fields) => fields.get('status')?.startsWith(`${code}.`) && /^(failed|delayed)$/i.test(fields.get('action') ?? 'failed'));
  // As during a send: only a failure because of the address (5.1.x, 5.2.1) is hard; a policy refusal
  // (5.7.x: spam, DMARC, relay denied) says nothing about the reader and is left alone like a soft one.
  const hard = failed('5').filter((fields) => permanentAddressFailure(fields.get('status') ?? ''));
  const blocks = hard.length > 0 ? hard : [...failed('5'), ...failed('4')];
  if (blocks.length === 0) return { kind: 'other' };
  const header = (name: string) => [mail.headers.get(name) ?? []].flat().map(String);
  return {
    kind: hard.length > 0 ? 'hard' : 'soft',
    // Original-Recipient is the address as sent; Final-Recipient may be where it was forwarded.
    recipients: blocks.flatMap((fields) => [typedAddress(fields.get('original-recipient')), typedAddress(fields.get('final-recipient'))].filter((address) => address !== undefined)),
    envelope: [...header('x-original-to'), ...header('delivered-to'), ...addressesOf(mail.to)],
  };
}

/** Maps a bounce to the address it is about, among those the send journals record. */
export interface BounceMatcher {
  /** The address `token` was issued to (case aside: some servers lower the case of an address). */
  byToken(token: string): string | undefined;
  /** Addresses the send journals record, normalised. */
  known: ReadonlySet<string>;
  /** `email.returnPath` with `{token}`, when bounces come back to a VERP address. */
  returnPath?: string;
}

/**
 * The recipient a bounce is about. With a VERP return path, only the token in
 * its envelope address: anyone can mail a report naming an address, so one
 * without a token of ours suppresses nobody. Without one, a Final- or
 * Original-Recipient that was mailed.
 */
export function bouncedAddress(bounce: Extract<Bounce, { recipients: string[] }>, matcher: BounceMatcher): string | undefined {
  if (usesVerp(matcher.returnPath)) {
    const [before, after] = matcher.returnPath.split(TOKEN_FIELD).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const pattern = new RegExp(`^<?${before}([A-Za-z0-9_-]+)${after}>?$`, 'i');
    for (const address of bounce.envelope) {
      const token = pattern.exec(address.trim())?.[1];
      const found = token && matcher.byToken(token);
      if (found) return found;
    }
    return undefined;
  }
  return bounce.recipients.map(addressKey).find((address) => matcher.known.has(address));
}

export interface BouncesReport {
  read: number;
  hard: number;
  soft: number;
  other: number;
  /** Hard bounces no address was found for, by the message's file (maildir) or its place in the mbox. */
  unmatched: string[];
  /** The addresses the hard bounces name. */
  hardAddresses: string[];
}

/** Classify every message and find whom each hard bounce is about. */
export async function readBounces(messages: AsyncIterable<{ name: string; raw: Buffer }>, matcher: BounceMatcher): Promise<BouncesReport> {
  const report: BouncesReport = { read: 0, hard: 0, soft: 0, other: 0, unmatched: [], hardAddresses: [] };
  for await (const { name, raw } of messages) {
    report.read += 1;
    const bounce = await readBounce(raw);
    if (bounce.kind === 'other') report.other += 1;
    else if (bounce.kind === 'soft') report.soft += 1;
    else {
      report.hard += 1;
      const address = bouncedAddress(bounce, matcher);
      if (address) report.hardAddresses.push(address);
      else report.unmatched.push(name);
    }
  }
  return report;
}

/** A delivery report is a few kilobytes; a maildir message larger than this is not one. */
export const MAX_MESSAGE_BYTES = 32 * 1024 * 1024;
/** An mbox is read whole: larger ones are refused rather than filling the memory. */
export const MAX_MBOX_BYTES = 256 * 1024 * 1024;

/**
 * The bytes of `file`, or undefined when it is not a regular file (a FIFO would
 * wait for a writer forever, a link to a device would be read without end).
 * Throws (code ETOOBIG) when it is larger than `limit`, before reading it.
 */
async function readRegularFile(file: string, limit: number, advice: string): Promise<Buffer | undefined> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) return undefined;
    const mib = (bytes: number) => `${Math.ceil(bytes / (1024 * 1024))} MiB`;
    if (info.size > limit) throw Object.assign(new Error(`${path.basename(file)} is ${mib(info.size)}, more than the ${mib(limit)} this reads: ${advice}`), { code: 'ETOOBIG' });
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** The messages of a maildir (`new/` and `cur/`, in name order, regular files only), named by their path. */
export async function* maildirMessages(dir: string): AsyncGenerator<{ name: string; raw: Buffer }> {
  const folders = ['new', 'cur'].map((folder) => path.join(dir, folder));
  const listed = await Promise.all(folders.map((folder) => readdir(folder).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)))));
  if (listed.every((names) => names === undefined)) throw Object.assign(new Error('it has no new/ or cur/ folder, so it is not a maildir'), { code: 'ENOTMAILDIR' });
  for (const [index, names] of listed.entries()) {
    for (const name of (names ?? []).filter((file) => !file.startsWith('.')).sort()) {
      const file = path.join(folders[index]!, name);
      // A mail client may move a message from new/ to cur/ while this reads: it is gone, not an error.
      const raw = await readRegularFile(file, MAX_MESSAGE_BYTES, 'it is not a delivery report; move it out of the maildir').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));
      if (raw) yield { name: file, raw };
    }
  }
}

/** The messages of an mbox file: each starts at a `From ` line; `>From ` lines inside are unquoted (mboxrd). */
export async function* mboxMessages(file: string): AsyncGenerator<{ name: string; raw: Buffer }> {
  const bytes = await readRegularFile(file, MAX_MBOX_BYTES, 'split it, or read the mailbox as a maildir, whose messages are read one at a time');
  if (!bytes) throw Object.assign(new Error('it is not a regular file'), { code: 'ENOTFILE' });
  const text = bytes.toString('latin1');
  // Anything before the first `From ` line would be dropped unread: a single message given as --mbox read as none.
  if (text.trim() !== '' && !text.startsWith('From ')) throw Object.assign(new Error('it does not begin with a `From ` line, so it is not an mbox (one message saved on its own can go in a maildir\'s new/ folder)'), { code: 'ENOTMBOX' });
  const starts = [...text.matchAll(/^From /gm)].map((match) => match.index);
  for (const [index, start] of starts.entries()) {
    const message = text.slice(text.indexOf('\n', start) + 1, starts[index + 1] ?? text.length);
    yield { name: `${file} message ${index + 1}`, raw: Buffer.from(message.replace(/^>(>*From )/gm, '$1'), 'latin1') };
  }
}
