import { formatEmbargo } from '../../i18n/dates.js';
import { isPair, type Lang, type Variant } from '../../model/languages.js';
import { textIn, type Statement } from '../../model/statement.js';
import { bodyToHtml } from '../html/markdown.js';
import { logoOutputPath } from '../html/page.js';
import { t, type RenderContext } from '../context.js';
import { pageUrl, statementView } from '../view.js';
import { inlinedTemplates } from './inlined.js';
import { footerText, unsubscribeLink, versionBelow } from './textPart.js';

/** Email clients take only PNG and JPEG images reliably; an SVG logo becomes the publisher's name in text. */
function emailLogoUrl(ctx: RenderContext): string | undefined {
  const logo = logoOutputPath(ctx);
  return logo && /\.(png|jpe?g)$/.test(logo) ? new URL(logo, ctx.config.baseUrl).href : undefined;
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
  const inlined = await inlinedTemplates(ctx.email, ctx.email.css.replaceAll('var(--primary)', primary).replaceAll('var(--accent)', accent));
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
    site: { publisher: sections[0]?.publisher, logoUrl: emailLogoUrl(ctx) },
    versionBelow: isPair(variant) ? versionBelow(variant, ctx) : undefined,
    sections,
  });
}
