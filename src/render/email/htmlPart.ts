import { formatEmbargo } from '../../i18n/dates.js';
import { isPair, type Lang, type Variant } from '../../model/languages.js';
import { textIn, type Statement } from '../../model/statement.js';
import { bodyToHtml } from '../html/markdown.js';
import { logoOutputPath } from '../html/page.js';
import { t, type RenderContext } from '../context.js';
import { pageUrl, statementView } from '../view.js';
import { inlinedTemplates } from './inlined.js';
import { pixelSize } from './pixelSize.js';
import { editionLinks, footerText, postalAddressLines, unsubscribeLink, versionBelow } from './textPart.js';

/** The logo's height in the masthead, in pixels; its width follows from its proportions. */
const LOGO_HEIGHT = 48;

/**
 * What follows the hidden preheader: invisible characters (a combining grapheme joiner, a zero-width
 * non-joiner and a no-break space, repeated) that fill the inbox preview, so it shows the preheader
 * and not the start of the email after it.
 */
const PREHEADER_SPACER = '&#847;&zwnj;&nbsp;'.repeat(80);

/** Email clients take only PNG and JPEG images reliably; an SVG logo becomes the publisher's name in text. */
function emailLogo(ctx: RenderContext): { url: string; width: number; height: number } | undefined {
  const logo = logoOutputPath(ctx);
  const size = logo && /\.(png|jpe?g)$/.test(logo) && ctx.config.logoBytes ? pixelSize(ctx.config.logoBytes) : undefined;
  if (!logo || !size) return undefined;
  return { url: new URL(logo, ctx.config.baseUrl).href, width: Math.max(1, Math.round((LOGO_HEIGHT * size.width) / size.height)), height: LOGO_HEIGHT };
}

/** `hex` mixed with white by `amount` (0–1): the brand colour made light enough to read on a dark background. */
export function lighten(hex: string, amount: number): string {
  const full = hex.length === 4 ? hex.replace(/[0-9a-f]/gi, (digit) => digit + digit) : hex;
  const channels = [1, 3, 5].map((at) => parseInt(full.slice(at, at + 2), 16));
  return `#${channels.map((channel) => Math.round(channel + (255 - channel) * amount).toString(16).padStart(2, '0')).join('')}`;
}

/** `text` as it is, or, while the statement is under embargo, behind "Embargoed until …" in `lang` (`email:embargoed.subject` or `.preheader`). */
export function embargoNotice(statement: Statement, lang: Lang, ctx: RenderContext, key: 'subject' | 'preheader', text: string): string {
  const embargo = statement.underEmbargo;
  if (!embargo) return text;
  return t(ctx, lang)(`email:embargoed.${key}`, { when: formatEmbargo(embargo.until, lang, embargo.timezone), [key]: text });
}

/**
 * The text/html part: brand colours into the stylesheet → the templates with that stylesheet inlined (once per
 * context, inlined.ts) → each body's links made absolute and its styles set on its tree → the Handlebars layout
 * (tables, 600 px), whose `<style>` block keeps only media queries. No finished message is parsed again.
 */
export async function renderEmailHtml(statement: Statement, variant: Variant, subject: string, ctx: RenderContext): Promise<string> {
  const { langs } = variant;
  const lang = langs[0]!;
  const { primary, accent } = ctx.config.colors;
  // Colours are validated hex values; substituted here because not every client knows CSS variables.
  const css = ctx.email.css.replaceAll('var(--primary-on-dark)', lighten(primary, 0.55)).replaceAll('var(--accent-on-dark)', lighten(accent, 0.45));
  const inlined = await inlinedTemplates(ctx.email, css.replaceAll('var(--primary)', primary).replaceAll('var(--accent)', accent));
  const text = textIn(statement, lang);
  const sections = langs.map((sectionLang) => {
    const webUrl = pageUrl(ctx, statement.slug, sectionLang);
    return {
      ...statementView(statement, sectionLang, ctx),
      id: sectionLang,
      bodyHtml: bodyToHtml(textIn(statement, sectionLang).body, sectionLang, t(ctx, sectionLang), { baseUrl: webUrl, transform: inlined.styleBody }),
      webUrl,
      footer: footerText(ctx, sectionLang),
      unsubscribe: unsubscribeLink(ctx, sectionLang),
    };
  });
  return inlined.layout({
    css: inlined.css,
    lang,
    subject,
    preheader: embargoNotice(statement, lang, ctx, 'preheader', text.summary ?? text.subtitle ?? text.title),
    preheaderSpacer: PREHEADER_SPACER,
    site: { publisher: sections[0]?.publisher, logo: emailLogo(ctx) },
    links: editionLinks(statement, variant, ctx),
    versionBelow: isPair(variant) ? versionBelow(variant, ctx) : undefined,
    // The media contacts open the email, in its first language.
    contacts: sections[0]?.contacts ?? [],
    sections,
    postalAddresses: postalAddressLines(ctx, langs),
  });
}
