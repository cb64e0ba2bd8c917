import type { i18n } from 'i18next';
import type { PublisherConfig } from '../model/config.js';
import type { Lang } from '../model/statement.js';
import { translator, type LocaleSet, type Translate } from '../i18n/index.js';
import type { EmailTemplates } from './email/templates.js';
import type { HtmlTemplates } from './html/templates.js';
import type { FontLibrary } from './pdf/fonts.js';

/** Everything a renderer may use besides the statement: no file system, no clock. */
export interface RenderContext {
  config: PublisherConfig;
  i18n: i18n;
  /** The strings `i18n` was made from (read by the checks). */
  locales: LocaleSet;
  html: HtmlTemplates;
  email: EmailTemplates;
  /** The PDF fonts, parsed on the first PDF and shared by every PDF rendered with this context. */
  fonts: FontLibrary;
}

export function t(ctx: RenderContext, lang: Lang): Translate {
  return translator(ctx.i18n, lang);
}
