import path from 'node:path';
import Handlebars from 'handlebars';
import type { i18n } from 'i18next';
import { createTemplateEnvironment } from '../templates.js';

export interface HtmlTemplates {
  page: Handlebars.TemplateDelegate;
  bilingual: Handlebars.TemplateDelegate;
  archive: Handlebars.TemplateDelegate;
  /** The stylesheet every page embeds. */
  css: string;
}

/** Compile `templates/html/*.hbs` (layouts) with `templates/html/partials/*.hbs`. */
export function loadHtmlTemplates(templatesDir: string, i18nInstance: i18n): HtmlTemplates {
  const templates = createTemplateEnvironment(path.join(templatesDir, 'html'), i18nInstance);
  return {
    page: templates.compile('page'),
    bilingual: templates.compile('bilingual'),
    archive: templates.compile('archive'),
    css: templates.read('style.css'),
  };
}
