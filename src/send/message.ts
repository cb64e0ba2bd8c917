import { createHash } from 'node:crypto';
import * as base64 from 'nodemailer/lib/base64';
import MimeNode from 'nodemailer/lib/mime-node';
import { foldLines } from 'nodemailer/lib/mime-funcs';
import * as qp from 'nodemailer/lib/qp';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { headerValue, HeaderInjectionError } from '../render/email/compose.js';
import { needsToken, TOKEN_PLACEHOLDER, withToken, type EmailSettings } from '../render/email/sender.js';
import type { Recipient } from './recipients.js';
import { unsubscribeToken } from './unsubscribe.js';

/** One message ready for any transport: the envelope and the exact bytes. */
export interface OutgoingMessage {
  recipient: Recipient;
  messageId: string;
  envelope: { from: string; to: string };
  raw: Buffer;
}

/** Fields the built .eml carries that belong to one delivery, replaced per recipient. */
const REPLACED = new Set(['to', 'cc', 'bcc', 'message-id', 'date', 'list-id', 'list-unsubscribe', 'list-unsubscribe-post']);

/**
 * A Message-ID that is unique per recipient and send, and the same when a
 * resumed run repeats the message in flight, so a receiver can drop the copy.
 */
export function recipientMessageId(sendId: string, email: string, domain: string): string {
  const digest = createHash('sha256').update(sendId).update('\0').update(email.toLowerCase()).digest('hex').slice(0, 32);
  return `<${digest}@${domain}>`;
}

/** How each recipient's unsubscribe link, List-Unsubscribe and bounce address are made. */
export interface UnsubscribeKeys {
  /** `STATEMENTS_UNSUBSCRIBE_SECRET`: needed when `email.unsubscribeUrl` or a VERP `email.returnPath` is set. */
  secret?: string;
  /** The subject of the List-Unsubscribe mailto per edition (`es`, `bilingual`), in its language, as the footer words it. */
  mailtoSubjects: Readonly<Record<string, string>>;
}

/** A recipient's token, when the settings use one (`{token}` in the unsubscribe URL or the return path). */
export function recipientToken(settings: EmailSettings, keys: UnsubscribeKeys, email: string): string | undefined {
  if (!needsToken(settings)) return undefined;
  if (!keys.secret) throw new Error('an unsubscribe token is needed but there is no secret: runSend checks this before the first message');
  return unsubscribeToken(keys.secret, settings.listId, email);
}

export function unsubscribeHeaders(settings: EmailSettings, token: string | undefined, mailtoSubject: string): Record<string, string> {
  const mailto = `<mailto:${settings.unsubscribeMailto}?subject=${encodeURIComponent(mailtoSubject)}>`;
  if (!settings.unsubscribeUrl || token === undefined) return { 'List-Unsubscribe': mailto };
  // RFC 8058: one field listing both, plus the one-click marker.
  return { 'List-Unsubscribe': `<${withToken(settings.unsubscribeUrl, token)}>, ${mailto}`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

/** The header fields of one delivery, each value checked; throws HeaderInjectionError. */
function deliveryFields(recipient: Recipient, settings: EmailSettings, unsubscribe: { token?: string; mailtoSubject: string }, messageId: string, date: Date): [string, unknown][] {
  const checked = headerValue;
  return [
    ['To', { name: checked('To', recipient.name ?? ''), address: checked('To', recipient.email) }],
    ['Message-ID', checked('Message-ID', messageId)],
    ['Date', date],
    ['List-Id', checked('List-Id', settings.listId)],
    ...Object.entries(unsubscribeHeaders(settings, unsubscribe.token, unsubscribe.mailtoSubject)).map(([key, value]): [string, unknown] => [key, checked(key, value)]),
  ];
}

/**
 * A refusal that says the address itself is bad for good (RFC 3463: 5.1.x
 * bad mailbox or domain, 5.2.1 mailbox disabled), not the message or the
 * sender: a relay that refuses to relay (5.7.1) must not unsubscribe the list,
 * nor one that refuses the sender's address (5.1.7, 5.1.8: a return path whose
 * domain does not resolve). Only the status code that opens the reply (`550
 * 5.1.1 …`) or a DSN's Status (`5.1.1`) counts, never a number further in the
 * text, such as an IP address in a blocklist refusal.
 */
export function permanentAddressFailure(reason: string): boolean {
  return /^(?:\d{3}[ -])?5\.(?:1\.(?![78](?:\D|$))\d{1,3}|2\.1)(?:\D|$)/.test(reason.trim());
}

/** Where each per-delivery header comes from, for the user to fix. */
const HEADER_SOURCE: Record<string, string> = {
  'List-Id': '`email.listId`',
  'List-Unsubscribe': '`email.unsubscribeUrl` or `email.unsubscribeMailto`',
};

/**
 * Every header value of every delivery, checked before the first message, so
 * one bad row or setting stops the send before it starts rather than half way.
 * A recipient's problem points at its row; a setting's at the config.
 */
export function checkDeliveryHeaders(recipients: readonly Recipient[], settings: EmailSettings, files: { recipients: string; config: string }): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  for (const recipient of recipients) {
    try {
      deliveryFields(recipient, settings, { token: TOKEN_PLACEHOLDER, mailtoSubject: '' }, '<check@localhost>', new Date(0));
    } catch (error) {
      if (!(error instanceof HeaderInjectionError)) throw error;
      const source = HEADER_SOURCE[error.header];
      if (!source) {
        const reason = `${recipient.email}: the To header would contain ${error.character}: remove it from the row`;
        diagnostics.push(diagnostic('error', 'recipients', reason, { file: files.recipients, line: recipient.line, column: 1 }));
      } else if (!reported.has(error.header)) {
        reported.add(error.header);
        const reason = `${source} would put ${error.character} into the ${error.header} header of every message: remove it`;
        diagnostics.push(diagnostic('error', 'config', reason, { file: files.config }));
      }
    }
  }
  return diagnostics;
}

/**
 * The built .eml addressed to one recipient: its per-delivery fields
 * (To, Message-ID, Date, List-*) replaced by ones encoded and folded by
 * nodemailer, and the token placeholder in its body parts replaced by the
 * recipient's token. Other header fields and the parts without a placeholder
 * keep their bytes; a quoted-printable part with one is encoded again, so its
 * soft line breaks may fall elsewhere, but it decodes to the same text.
 */
export function personalize(eml: Buffer, recipient: Recipient, settings: EmailSettings, options: { messageId: string; date: Date; unsubscribe: UnsubscribeKeys }): OutgoingMessage {
  const split = eml.indexOf('\r\n\r\n');
  if (split < 0) throw new Error('the built email has no header section: rebuild it with `statements build`');
  const token = recipientToken(settings, options.unsubscribe, recipient.email);
  const mailtoSubject = options.unsubscribe.mailtoSubjects[recipient.variant] ?? '';
  const kept = headerFields(eml.subarray(0, split).toString('latin1')).filter((field) => !REPLACED.has(fieldName(field)));
  const added = deliveryFields(recipient, settings, { token, mailtoSubject }, options.messageId, options.date).map(([key, value]) => foldLines(`${key}: ${MimeNode.encodeHeaderValue(key, value as string)}`, 76));
  const head = Buffer.from([...added, ...kept].join('\r\n'), 'latin1');
  const body = eml.subarray(split);
  const returnPath = settings.returnPath ?? settings.from.address;
  return {
    recipient,
    messageId: options.messageId,
    envelope: { from: token === undefined ? returnPath : withToken(returnPath, token), to: recipient.email },
    raw: Buffer.concat([head, token === undefined ? body : Buffer.from(withTokenInParts(kept, body.toString('latin1'), token), 'latin1')]),
  };
}

/** The fields of a header section, each with its folded lines. */
function headerFields(head: string): string[] {
  return head.split(/\r\n(?![ \t])/);
}

function fieldName(field: string): string {
  return field.slice(0, field.indexOf(':')).trim().toLowerCase();
}

function fieldValue(fields: readonly string[], name: string): string {
  const field = fields.find((candidate) => fieldName(candidate) === name);
  return field ? field.slice(field.indexOf(':') + 1).replace(/\r\n[ \t]/g, ' ').trim() : '';
}

/**
 * The body of a MIME entity (`fields` its header) with the token placeholder
 * replaced in every part. Encoded parts are decoded, changed and encoded again
 * with nodemailer's own encoders: a quoted-printable soft line break or base64
 * may cut the placeholder in the encoded text, never in the decoded bytes.
 * The body is a latin1 string (one character a byte); the placeholder is
 * ASCII, which no byte of a UTF-8 multi-byte character can match.
 */
function withTokenInParts(fields: readonly string[], body: string, token: string): string {
  const type = fieldValue(fields, 'content-type');
  const boundary = /^multipart\//i.test(type) ? /;\s*boundary="?([^";]+)"?/i.exec(type)?.[1] : undefined;
  if (boundary) {
    const delimiter = `--${boundary}`;
    // Between delimiters: CRLF, the part's header, a blank line, its body, CRLF. The preamble and `--` epilogue stay.
    return body
      .split(delimiter)
      .map((piece, index) => {
        if (index === 0 || piece.startsWith('--') || !piece.startsWith('\r\n') || !piece.endsWith('\r\n')) return piece;
        const part = piece.slice(2, -2);
        const split = part.indexOf('\r\n\r\n');
        if (split < 0) return piece;
        return `\r\n${part.slice(0, split)}${withTokenInParts(headerFields(part.slice(0, split)), part.slice(split), token)}\r\n`;
      })
      .join(delimiter);
  }
  const encoding = fieldValue(fields, 'content-transfer-encoding').toLowerCase();
  // `body` starts with the blank line that ends the header.
  const content = body.slice(4);
  if (encoding === 'quoted-printable' || encoding === 'base64') {
    const decoded = encoding === 'base64' ? Buffer.from(content, 'base64').toString('latin1') : decodeQuotedPrintable(content);
    if (!decoded.includes(TOKEN_PLACEHOLDER)) return body;
    const changed = Buffer.from(decoded.replaceAll(TOKEN_PLACEHOLDER, token), 'latin1');
    return `\r\n\r\n${encoding === 'base64' ? base64.wrap(base64.encode(changed), 76) : qp.wrap(qp.encode(changed), 76)}`;
  }
  // 7bit or 8bit: the token has the placeholder's length, so no line grows.
  return body.replaceAll(TOKEN_PLACEHOLDER, token);
}

/** RFC 2045 section 6.7: soft line breaks dropped, `=XX` to its byte; a latin1 string, one character a byte. */
function decodeQuotedPrintable(encoded: string): string {
  return encoded.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
