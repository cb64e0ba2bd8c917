import { diagnostic, type Diagnostic } from '../../model/diagnostic.js';
import { fillSubject, subjectFormat } from '../../model/config.js';
import type { Pair, Variant } from '../../model/languages.js';
import { sourceText, textIn, type Statement } from '../../model/statement.js';
import type { RenderContext } from '../context.js';
import type { RenderResult } from '../result.js';
import { composeEml, contentDigest, headerValue, HeaderInjectionError, type EmailContent } from './compose.js';
import { embargoNotice, renderEmailHtml } from './htmlPart.js';
import { emailSettings, type EmailSettings } from './sender.js';
import { renderEmailText } from './textPart.js';
import { addressDomain } from '../../model/fields.js';

/**
 * Subject: the title in the email's language; a pair's per `email.bilingualSubject` ("{en} / {es}").
 * Before the embargo lifts it opens with "Embargoed until …" in the email's (first) language.
 */
export function emailSubject(statement: Statement, variant: Variant, ctx: RenderContext): string {
  const [first, second] = variant.langs;
  const subject = second === undefined ? textIn(statement, first!).title : fillSubject(subjectFormat(ctx.config, [first!, second] as Pair), (lang) => statement.text[lang]?.title);
  return embargoNotice(statement, first!, ctx, 'subject', subject);
}

/** A title with a line break would become a header: point at the line that wrote it. */
function subjectDiagnostics(statement: Statement, variant: Variant, subject: string): Diagnostic[] {
  try {
    headerValue('Subject', subject);
    return [];
  } catch (error) {
    if (!(error instanceof HeaderInjectionError)) throw error;
    const texts = variant.langs.map((lang) => textIn(statement, lang));
    const culprit = texts.find((text) => /[\r\n]/.test(text.title)) ?? texts[0]!;
    return [diagnostic('error', 'email-header', `the title becomes the email subject and must be on one line: remove the line break`, { file: culprit.file, ...culprit.places.title })];
  }
}

/** Text and HTML of one email, before any header is written; absent when the subject cannot be a header. */
export async function emailContent(statement: Statement, variant: Variant, ctx: RenderContext): Promise<RenderResult<EmailContent>> {
  const subject = emailSubject(statement, variant, ctx);
  const diagnostics = subjectDiagnostics(statement, variant, subject);
  if (diagnostics.length > 0) return { diagnostics };
  return {
    output: {
      subject,
      text: renderEmailText(statement, variant, ctx),
      html: await renderEmailHtml(statement, variant, subject, ctx),
      langs: [...variant.langs],
    },
    diagnostics,
  };
}

/** Noon UTC of the statement's date: the same calendar day in nearly every time zone. */
export function statementDate(statement: Statement): Date {
  return new Date(`${sourceText(statement).date}T12:00:00Z`);
}

/**
 * Feedback-ID (Gmail's feedback loop): the statement, the edition, the list
 * (List-Id's identifier) and the sender, so complaints can be told apart by
 * each. Fields hold no colon: slugs, edition names and List-Ids cannot.
 */
export function feedbackId(statement: Statement, variant: Variant, settings: EmailSettings): string {
  const list = /<([^>]*)>\s*$/.exec(settings.listId)?.[1] ?? settings.listId;
  return [statement.slug, variant.name, list, settings.feedbackSender].join(':');
}

/**
 * `out/<slug>/<variant>.eml`: the release as an email with no recipient yet.
 * Deterministic: Date from the statement, Message-ID and boundaries from the content.
 */
export async function renderEmail(statement: Statement, variant: Variant, ctx: RenderContext): Promise<RenderResult<Buffer>> {
  const settings = emailSettings(ctx.config, variant.langs[0]!);
  const { output: content, diagnostics } = await emailContent(statement, variant, ctx);
  if (!content) return { diagnostics };
  const domain = addressDomain(settings.from.address);
  const eml = await composeEml(content, {
    from: settings.from,
    replyTo: settings.replyTo,
    date: statementDate(statement),
    messageId: `<${contentDigest(content).slice(0, 32)}.${variant.name}.${statement.slug}@${domain}>`,
    feedbackId: feedbackId(statement, variant, settings),
  });
  return { output: eml, diagnostics };
}
