import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { i18n } from 'i18next';

export interface TemplateEnvironment {
  /** Compile `<dir>/<name>.hbs`. */
  compile: (name: string) => Handlebars.TemplateDelegate;
  /** Read another file of the folder as text (a stylesheet). */
  read: (file: string) => string;
}

/**
 * An isolated Handlebars environment for one templates folder: every
 * `partials/*.hbs` registered, and a `t` helper. Only these trusted files are
 * ever compiled; statement text is always data passed to them.
 */
export function createTemplateEnvironment(dir: string, i18nInstance: i18n): TemplateEnvironment {
  const handlebars = Handlebars.create();
  const partialsDir = path.join(dir, 'partials');
  for (const name of readdirSync(partialsDir).filter((file) => file.endsWith('.hbs')).sort()) {
    handlebars.registerPartial(path.basename(name, '.hbs'), readFileSync(path.join(partialsDir, name), 'utf8'));
  }
  // {{t "key" count=n}}: the language is that of the nearest context carrying `lang` (every view sets one; else the original's).
  handlebars.registerHelper('t', function (this: { lang?: string }, key: string, options: Handlebars.HelperOptions) {
    const lang = (options.hash.lng as string | undefined) ?? this.lang ?? (options.data.root as { lang?: string }).lang ?? i18nInstance.language;
    return i18nInstance.getFixedT(lang)(key, options.hash as Record<string, unknown>);
  });
  return {
    compile: (name) => handlebars.compile(readFileSync(path.join(dir, `${name}.hbs`), 'utf8'), { strict: false, noEscape: false, knownHelpersOnly: false }),
    read: (file) => readFileSync(path.join(dir, file), 'utf8'),
  };
}
