import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { i18n } from 'i18next';

export interface HtmlTemplates {
  page: Handlebars.TemplateDelegate;
  bilingual: Handlebars.TemplateDelegate;
  archive: Handlebars.TemplateDelegate;
  /** The stylesheet every page embeds. */
  css: string;
}

/**
 * Compile `templates/html/*.hbs` (layouts) and `templates/html/partials/*.hbs`
 * into an isolated Handlebars environment. Only these trusted files are ever
 * compiled; statement text is always data passed to them.
 */
export function loadHtmlTemplates(templatesDir: string, i18nInstance: i18n): HtmlTemplates {
  const dir = path.join(templatesDir, 'html');
  const handlebars = Handlebars.create();
  const partialsDir = path.join(dir, 'partials');
  for (const name of readdirSync(partialsDir).filter((file) => file.endsWith('.hbs')).sort()) {
    handlebars.registerPartial(path.basename(name, '.hbs'), readFileSync(path.join(partialsDir, name), 'utf8'));
  }
  // {{t "key" count=n}}: the language is that of the nearest context carrying `lang`.
  handlebars.registerHelper('t', function (this: { lang?: string }, key: string, options: Handlebars.HelperOptions) {
    const lang = (options.hash.lng as string | undefined) ?? this.lang ?? (options.data.root as { lang?: string }).lang ?? 'en';
    return i18nInstance.getFixedT(lang)(key, options.hash as Record<string, unknown>);
  });
  const compile = (name: string) =>
    handlebars.compile(readFileSync(path.join(dir, `${name}.hbs`), 'utf8'), { strict: false, noEscape: false, knownHelpersOnly: false });
  return {
    page: compile('page'),
    bilingual: compile('bilingual'),
    archive: compile('archive'),
    css: readFileSync(path.join(dir, 'style.css'), 'utf8'),
  };
}
