import { inLanguage, publisherName, type PublisherConfig } from '../../model/config.js';
import { diagnostic, type Diagnostic } from '../../model/diagnostic.js';
import type { Lang } from '../../model/statement.js';
import { addressDomain } from '../../model/fields.js';

export interface EmailSettings {
  from: { name: string; address: string };
  replyTo?: string;
  /** RFC 2919 List-Id value. */
  listId: string;
  /** Address in the List-Unsubscribe mailto. */
  unsubscribeMailto: string;
  /** https one-click URL template (`{token}` placeholder), when configured. */
  unsubscribeUrl?: string;
  /** Envelope sender template (`{token}` for VERP), when configured; otherwise `from.address`. */
  returnPath?: string;
  /** The footer's postal address in this language; absent until configured (then `send` refuses). */
  postalAddress?: string;
  /** The last field of Feedback-ID, which names the sender. */
  feedbackSender: string;
}

/** The `email` section of the publisher config with its defaults filled in. */
export function emailSettings(config: PublisherConfig, lang: Lang): EmailSettings {
  const { email } = config;
  return {
    from: { name: email.fromName ? inLanguage(email.fromName, lang) : publisherName(config, lang), address: email.from },
    replyTo: email.replyTo,
    listId: email.listId ?? `<press.${new URL(config.baseUrl).hostname}>`,
    unsubscribeMailto: email.unsubscribeMailto ?? email.replyTo ?? email.from,
    unsubscribeUrl: email.unsubscribeUrl,
    returnPath: email.returnPath,
    postalAddress: email.postalAddress && inLanguage(email.postalAddress, lang),
    feedbackSender: email.feedbackId ?? addressDomain(email.from),
  };
}

/**
 * What the built .eml carries where each recipient's token goes. The built
 * email is one per edition; `personalize` puts the token in its place. It is
 * a token's length and only letters and digits, so HTML escaping, URL encoding
 * and 7bit line lengths leave it as it is.
 */
export const TOKEN_PLACEHOLDER = 'UnsubscribeTokenHere00';

/** `{token}` in `email.unsubscribeUrl` and `email.returnPath`. */
export const TOKEN_FIELD = '{token}';

/** `template` with its `{token}` replaced. */
export function withToken(template: string, token: string): string {
  return template.replaceAll(TOKEN_FIELD, token);
}

/** Whether `email.returnPath` names each recipient by their token (VERP). */
export function usesVerp(returnPath: string | undefined): returnPath is string {
  return returnPath?.includes(TOKEN_FIELD) === true;
}

/** Whether each message carries its recipient's token: a one-click unsubscribe link, or a VERP return path. */
export function needsToken(settings: EmailSettings): boolean {
  return settings.unsubscribeUrl !== undefined || usesVerp(settings.returnPath);
}

/**
 * Mail to a list must carry the sender's postal address (CAN-SPAM, and the bulk-sender rules of Gmail and Yahoo
 * lean on it), so `send` refuses without one; `build` does not ask, since many never send its emails.
 */
export function postalAddressProblem(config: PublisherConfig): Diagnostic | undefined {
  if (config.email.postalAddress) return undefined;
  const reason = 'every email sent to a list must show the sender\'s postal address in its footer, and `email.postalAddress` is not set: add `postalAddress: "Street 1, City, Country"` under `email:` (one line, or one per language), then send again';
  return diagnostic('error', 'config', reason, { file: config.file });
}
