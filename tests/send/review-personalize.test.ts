import { expect, it } from 'vitest';
import { renderEmail } from '../../src/render/email/index.js';
import { emailSettings, TOKEN_PLACEHOLDER } from '../../src/render/email/sender.js';
import { personalize } from '../../src/send/message.js';
import { unsubscribeKeys, unsubscribeToken } from '../../src/send/unsubscribe.js';
import { fixtureStatement, projectContext } from '../helpers/email.js';
import { outputOf } from '../helpers/render.js';
import { edition, VARIANT_NAMES } from '../helpers/variants.js';

// REVIEW (not committed): personalize's doc says "every other byte is the built file's", but a
// quoted-printable part is decoded and encoded again with qp.wrap(qp.encode(...), 76), which
// breaks lines in other places than MailComposer's streaming encoder did: the body of the
// sent message differs from out/<slug>/*.eml in many soft line breaks, not only in the token.
it('personalize changes nothing in the body but the token (both 22 safe characters, so the QP layout is the same)', async () => {
  const secret = 'a review secret, long enough';
  const project = await projectContext();
  const ctx = { ...project, config: { ...project.config, email: { ...project.config.email, unsubscribeUrl: 'https://lists.example.org/u?t={token}' } } };
  const settings = emailSettings(ctx.config, 'en');
  const keys = unsubscribeKeys(ctx, settings, VARIANT_NAMES, { STATEMENTS_UNSUBSCRIBE_SECRET: secret });
  const statement = await fixtureStatement();
  const token = unsubscribeToken(secret, settings.listId, 'ana@example.net');
  for (const variant of VARIANT_NAMES) {
    const eml = outputOf(await renderEmail(statement, edition(variant), ctx)).toString('latin1');
    const sent = personalize(Buffer.from(eml, 'latin1'), { email: 'ana@example.net', variant, line: 2 }, settings, { messageId: '<m@example.org>', date: new Date(0), unsubscribe: keys }).raw.toString('latin1');
    const body = (message: string) => message.slice(message.indexOf('\r\n\r\n'));
    expect(body(sent).replaceAll(token, TOKEN_PLACEHOLDER), variant).toBe(body(eml));
  }
});
