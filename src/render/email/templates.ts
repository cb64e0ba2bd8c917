import path from 'node:path';
import type Handlebars from 'handlebars';
import type { i18n } from 'i18next';
import { createTemplateEnvironment } from '../templates.js';

export interface EmailTemplates {
  layout: Handlebars.TemplateDelegate;
  /** Inlined into every element by juice; only its media queries stay in a `<style>` block. */
  css: string;
}

/** Compile `templates/email/layout.hbs` with `templates/email/partials/*.hbs`. */
export function loadEmailTemplates(templatesDir: string, i18nInstance: i18n): EmailTemplates {
  const templates = createTemplateEnvironment(path.join(templatesDir, 'email'), i18nInstance);
  return { layout: templates.compile('layout'), css: templates.read('style.css') };
}
