import { publisherName, type PublisherConfig } from '../../model/config.js';
import type { Lang } from '../../model/statement.js';

export interface EmailSettings {
  from: { name: string; address: string };
  replyTo?: string;
  /** RFC 2919 List-Id value. */
  listId: string;
  /** Address in the List-Unsubscribe mailto. */
  unsubscribeMailto: string;
  /** https one-click URL template (`{email}` placeholder), when configured. */
  unsubscribeUrl?: string;
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
  };
}
