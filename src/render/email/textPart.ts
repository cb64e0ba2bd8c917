import { publisherName } from '../../model/config.js';
import type { Translate } from '../../i18n/index.js';
import { isPair, type Lang, type Variant } from '../../model/languages.js';
import { textIn, type Statement } from '../../model/statement.js';
import { t, type RenderContext } from '../context.js';
import { FORMATS } from '../index.js';
import { pageUrl, statementView, type StatementView } from '../view.js';
import { emailSettings, TOKEN_PLACEHOLDER, withToken } from './sender.js';
import { bodyToText, createTextState, linkList, TEXT_WIDTH, wrap } from './text.js';

function heading(text: string, char: string): string[] {
  const lines = wrap(text, TEXT_WIDTH);
  return [...lines, char.repeat(Math.min(TEXT_WIDTH, Math.max(...lines.map((line) => [...line].length))))];
}

function signatoryLines(view: StatementView, translate: Translate): string[] {
  const { signatories } = view;
  if (signatories.count === 0) return [];
  const item = (text: string) => wrap(text, TEXT_WIDTH - 2).map((line, index) => (index === 0 ? `- ${line}` : `  ${line}`));
  const lines = ['', ...heading(translate('signatories.heading'), '-'), signatories.countText];
  if (signatories.organizations.length) {
    lines.push('', `${translate('signatories.organizations')}:`);
    for (const org of signatories.organizations) lines.push(...item(org.location ? `${org.name} (${org.location})` : org.name));
  }
  if (signatories.individuals.length) {
    lines.push('', `${translate('signatories.individuals')}:`);
    for (const person of signatories.individuals) {
      const name = person.affiliation ? `${person.name}, ${person.affiliation}` : person.name;
      lines.push(...item(person.location ? `${name} (${person.location})` : name));
    }
    lines.push('', ...wrap(translate('signatories.affiliationNote'), TEXT_WIDTH));
  }
  return lines;
}

function contactLines(view: StatementView, translate: Translate): string[] {
  if (view.contacts.length === 0) return [];
  const lines = ['', ...heading(translate('contacts.heading'), '-')];
  view.contacts.forEach((contact, index) => {
    if (index > 0) lines.push('');
    lines.push(contact.organization ? `${contact.name}, ${contact.organization}` : contact.name);
    if (contact.email) lines.push(`${translate('contacts.email')}${translate('contacts.separator')}${contact.email}`);
    if (contact.phone) lines.push(`${translate('contacts.phone')}${translate('contacts.separator')}${contact.phone}`);
  });
  return lines;
}

/**
 * The text/plain part: this edition's web and PDF addresses, a pair's note on its second language and the media
 * contacts first; then each language's statement from the same mdast as the HTML, wrapped near 72 columns; then
 * the footer with the postal address.
 */
export function renderEmailText(statement: Statement, variant: Variant, ctx: RenderContext): string {
  const { langs } = variant;
  const first = t(ctx, langs[0]!);
  const links = editionLinks(statement, variant, ctx);
  const opening = [
    ...(links ? [...wrap(first('email:viewOnlineText', { url: links.online }), TEXT_WIDTH), ...wrap(first('email:pdfText', { url: links.pdf }), TEXT_WIDTH), ''] : []),
    ...(isPair(variant) ? [versionBelow(variant, ctx).text, ''] : []),
    ...contactLines(statementView(statement, langs[0]!, ctx), first).slice(1),
  ];
  const sections = langs.map((lang) => {
    const translate = t(ctx, lang);
    const view = statementView(statement, lang, ctx);
    const webUrl = pageUrl(ctx, statement.slug, lang);
    const state = createTextState(translate, webUrl);
    const lines = [
      // An embargo in a named zone runs past the width in Spanish ("… A LAS 9:00 HORA ESTÁNDAR CENTRAL").
      ...wrap(view.releaseLine.toUpperCase(), TEXT_WIDTH),
      '',
      ...heading(view.title, '='),
      ...(view.subtitle ? ['', ...wrap(view.subtitle, TEXT_WIDTH)] : []),
      '',
      ...wrap(view.datelineText, TEXT_WIDTH),
      '',
      ...bodyToText(textIn(statement, lang).body, state),
      '',
      translate('endMark.text'),
      ...signatoryLines(view, translate),
    ];
    const links = linkList(state);
    if (links.length) lines.push('', ...links);
    lines.push('', ...wrap(translate('email:webVersionText', { url: webUrl }), TEXT_WIDTH));
    return lines;
  });
  const intro = opening.length > 0 && opening.at(-1) !== '' ? [...opening, ''] : opening;
  const separator = ['', '', '='.repeat(TEXT_WIDTH), '', ''];
  const body = sections.flatMap((lines, index) => (index > 0 ? [...separator, ...lines] : lines));
  const footer = langs.flatMap((lang) => ['', ...wrap(`${footerText(ctx, lang)} ${unsubscribeLink(ctx, lang).plain}`, TEXT_WIDTH)]);
  const postal = postalAddressLines(ctx, langs).flatMap((line) => ['', ...wrap(line.text, TEXT_WIDTH)]);
  return `${[...intro, ...body, '', '-- ', ...footer.slice(1), ...postal].map((line) => (line === '-- ' ? line : line.trimEnd())).join('\n')}\n`;
}

/** A pair's link to its second language, in that language's words ("Versión en español abajo"). */
export function versionBelow(variant: Variant, ctx: RenderContext): { lang: string; text: string } {
  const lang = variant.langs[1]!;
  return { lang, text: t(ctx, lang)('email:versionBelow') };
}

/** Links to this edition as a web page and as a PDF, for the top of the email; none under embargo, when neither is published yet. */
export function editionLinks(statement: Statement, variant: Variant, ctx: RenderContext): { online: string; pdf: string } | undefined {
  if (statement.underEmbargo) return undefined;
  return { online: pageUrl(ctx, statement.slug, variant.page), pdf: new URL(`${statement.slug}/${FORMATS.pdf.file(variant)}`, ctx.config.baseUrl).href };
}

/** The publisher's postal address line of each language, once per distinct line (a pair with one address shows it once). */
export function postalAddressLines(ctx: RenderContext, langs: readonly Lang[]): { lang: Lang; text: string }[] {
  const lines = langs.flatMap((lang) => {
    const address = emailSettings(ctx.config, lang).postalAddress;
    return address ? [{ lang, text: t(ctx, lang)('email:postalAddress', { publisher: publisherName(ctx.config, lang), address }) }] : [];
  });
  return lines.filter((line, index) => lines.findIndex((other) => other.text === line.text) === index);
}

/** Why the reader receives the email. */
export function footerText(ctx: RenderContext, lang: Lang): string {
  return t(ctx, lang)('email:footer', { publisher: publisherName(ctx.config, lang) });
}

/** How to stop, in the reader's language: a link (`href`, its words `text`) and the same for the text part (`plain`). */
export interface UnsubscribeLink {
  href: string;
  text: string;
  plain: string;
}

/**
 * The one-click page of `email.unsubscribeUrl`, its `{token}` a placeholder
 * that each delivery fills in with the recipient's token; else a mailto whose
 * subject is the word the sentence asks for.
 */
export function unsubscribeLink(ctx: RenderContext, lang: Lang): UnsubscribeLink {
  const translate = t(ctx, lang);
  const settings = emailSettings(ctx.config, lang);
  if (settings.unsubscribeUrl) {
    const href = withToken(settings.unsubscribeUrl, TOKEN_PLACEHOLDER);
    return { href, text: translate('email:unsubscribeLink'), plain: translate('email:unsubscribeLinkText', { url: href }) };
  }
  const subject = translate('email:unsubscribeSubject');
  const text = translate('email:unsubscribe', { address: settings.unsubscribeMailto, subject });
  return { href: `mailto:${settings.unsubscribeMailto}?subject=${encodeURIComponent(subject)}`, text, plain: text };
}
