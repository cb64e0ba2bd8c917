import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { i18n } from 'i18next';
import { readPartials } from '../templates.js';
import type { InlinedTemplates } from './inlined.js';

export interface EmailTemplates {
  /** `layout.hbs` and `partials/*.hbs` as written; they are compiled once their styles are inlined (inlined.ts). */
  sources: { layout: string; partials: Record<string, string> };
  /** The stylesheet, brand colours written `var(--primary)` and `var(--accent)`; only its media queries stay in a `<style>` block. */
  css: string;
  i18n: i18n;
  /** The templates with a stylesheet inlined, by the stylesheet's text (it holds the config's brand colours). */
  inlined: Map<string, Promise<InlinedTemplates>>;
}

/** Read `templates/email/layout.hbs`, `templates/email/partials/*.hbs` and the stylesheet. */
export function loadEmailTemplates(templatesDir: string, i18nInstance: i18n): EmailTemplates {
  const dir = path.join(templatesDir, 'email');
  const read = (file: string) => readFileSync(path.join(dir, file), 'utf8');
  return { sources: { layout: read('layout.hbs'), partials: readPartials(dir) }, css: read('style.css'), i18n: i18nInstance, inlined: new Map() };
}
