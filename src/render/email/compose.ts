import { createHash } from 'node:crypto';
import { unsafeCharacterIn } from '../../model/fields.js';
import type { Lang } from '../../model/statement.js';

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
  /** Languages of the content, for Content-Language. */
  langs: Lang[];
}

export interface EmailEnvelopeHeaders {
  from: { name: string; address: string };
  replyTo?: string;
  date: Date;
  messageId: string;
  /** Gmail's feedback loop groups complaints by this: `<slug>:<edition>:<list>:<sender>`. */
  feedbackId: string;
}

/** Thrown for a header value that would break out of its line: it names the header, the character and what to fix. */
export class HeaderInjectionError extends Error {
  constructor(
    readonly header: string,
    readonly character: string,
  ) {
    super(`the email ${header} must be one line of text, but it contains ${character}: remove it`);
    this.name = 'HeaderInjectionError';
  }
}

/** Every value that becomes a header passes here: a line break or control character is refused, never folded into a new header. */
export function headerValue(header: string, value: string): string {
  const character = unsafeCharacterIn(value);
  if (character) throw new HeaderInjectionError(header, character);
  return value;
}

/** A short hex digest of the content: stable across builds, different for any change. */
export function contentDigest(content: EmailContent): string {
  return createHash('sha256').update(content.subject).update('\0').update(content.text).update('\0').update(content.html).digest('hex');
}

/**
 * A complete RFC 5322 message (multipart/alternative, text then HTML),
 * composed by nodemailer's MailComposer. Boundaries come from the content's
 * digest, so the same content and headers always give the same bytes.
 */
export async function composeEml(content: EmailContent, headers: EmailEnvelopeHeaders): Promise<Buffer> {
  const { default: MailComposer } = await import('nodemailer/lib/mail-composer');
  const mail = new MailComposer({
    from: { name: headerValue('From name', headers.from.name), address: headerValue('From', headers.from.address) },
    replyTo: headers.replyTo === undefined ? undefined : headerValue('Reply-To', headers.replyTo),
    subject: headerValue('Subject', content.subject),
    date: headers.date,
    messageId: headerValue('Message-ID', headers.messageId),
    // Precedence: bulk tells auto-responders (out-of-office replies) not to answer a press release.
    headers: { 'Content-Language': content.langs.join(', '), Precedence: 'bulk', 'Feedback-ID': headerValue('Feedback-ID', headers.feedbackId) },
    text: content.text,
    html: content.html,
    baseBoundary: contentDigest(content).slice(0, 24),
    newline: 'windows',
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return mail.compile().build();
}
