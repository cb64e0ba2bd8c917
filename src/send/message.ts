import { createHash } from 'node:crypto';
import MimeNode from 'nodemailer/lib/mime-node';
import { foldLines } from 'nodemailer/lib/mime-funcs';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { headerValue, HeaderInjectionError } from '../render/email/compose.js';
import type { EmailSettings } from '../render/email/sender.js';
import type { Recipient } from './recipients.js';

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

export function unsubscribeHeaders(settings: EmailSettings, email: string): Record<string, string> {
  const mailto = `<mailto:${settings.unsubscribeMailto}?subject=unsubscribe>`;
  if (!settings.unsubscribeUrl) return { 'List-Unsubscribe': mailto };
  const url = settings.unsubscribeUrl.replaceAll('{email}', encodeURIComponent(email));
  // RFC 8058: one field listing both, plus the one-click marker.
  return { 'List-Unsubscribe': `<${url}>, ${mailto}`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

/** The header fields of one delivery, each value checked; throws HeaderInjectionError. */
function deliveryFields(recipient: Recipient, settings: EmailSettings, messageId: string, date: Date): [string, unknown][] {
  const checked = headerValue;
  return [
    ['To', { name: checked('To', recipient.name ?? ''), address: checked('To', recipient.email) }],
    ['Message-ID', checked('Message-ID', messageId)],
    ['Date', date],
    ['List-Id', checked('List-Id', settings.listId)],
    ...Object.entries(unsubscribeHeaders(settings, recipient.email)).map(([key, value]): [string, unknown] => [key, checked(key, value)]),
  ];
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
      deliveryFields(recipient, settings, '<check@localhost>', new Date(0));
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
 * nodemailer; the body is the built file's, byte for byte.
 */
export function personalize(eml: Buffer, recipient: Recipient, settings: EmailSettings, options: { messageId: string; date: Date }): OutgoingMessage {
  const split = eml.indexOf('\r\n\r\n');
  if (split < 0) throw new Error('the built email has no header section: rebuild it with `statements build`');
  const kept = eml
    .subarray(0, split)
    .toString('latin1')
    .split(/\r\n(?![ \t])/)
    .filter((field) => !REPLACED.has(field.slice(0, field.indexOf(':')).trim().toLowerCase()));
  const added = deliveryFields(recipient, settings, options.messageId, options.date).map(([key, value]) => foldLines(`${key}: ${MimeNode.encodeHeaderValue(key, value as string)}`, 76));
  const head = Buffer.from([...added, ...kept].join('\r\n'), 'latin1');
  return {
    recipient,
    messageId: options.messageId,
    envelope: { from: settings.from.address, to: recipient.email },
    raw: Buffer.concat([head, eml.subarray(split)]),
  };
}
