import { publisherName, type PublisherConfig } from '../../model/config.js';
import type { Lang } from '../../model/statement.js';

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
}

/** The `email` section of the publisher config with its defaults filled in. */
export function emailSettings(config: PublisherConfig, lang: Lang): EmailSettings {
  const { email } = config;
  return {
    from: { name: email.fromName ?? publisherName(config, lang), address: email.from },
    replyTo: email.replyTo,
    listId: email.listId ?? `<press.${new URL(config.baseUrl).hostname}>`,
    unsubscribeMailto: email.unsubscribeMailto ?? email.replyTo ?? email.from,
    unsubscribeUrl: email.unsubscribeUrl,
    returnPath: email.returnPath,
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
