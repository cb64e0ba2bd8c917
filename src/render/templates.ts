import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { i18n } from 'i18next';

export interface TemplateEnvironment {
  /** Compile `<dir>/<name>.hbs`. */
  compile: (name: string) => Handlebars.TemplateDelegate;
  /** Read another file of the folder as text (a stylesheet, or a template's source). */
  read: (file: string) => string;
}

/** The sources of `<dir>/partials/*.hbs`, by name. */
export function readPartials(dir: string): Record<string, string> {
  const partialsDir = path.join(dir, 'partials');
  const names = readdirSync(partialsDir).filter((file) => file.endsWith('.hbs')).sort();
  return Object.fromEntries(names.map((name) => [path.basename(name, '.hbs'), readFileSync(path.join(partialsDir, name), 'utf8')]));
}

/**
 * An isolated Handlebars environment: these partials registered, and a `t`
 * helper. Only trusted template files are ever compiled; statement text is
 * always data passed to them.
 */
export function createHandlebars(partials: Record<string, string>, i18nInstance: i18n): typeof Handlebars {
  const handlebars = Handlebars.create();
  for (const [name, source] of Object.entries(partials)) handlebars.registerPartial(name, source);
  // {{t "key" count=n}}: the language is that of the nearest context carrying `lang` (every view sets one; else the original's).
  handlebars.registerHelper('t', function (this: { lang?: string }, key: string, options: Handlebars.HelperOptions) {
    const lang = (options.hash.lng as string | undefined) ?? this.lang ?? (options.data.root as { lang?: string }).lang ?? i18nInstance.language;
    return i18nInstance.getFixedT(lang)(key, options.hash as Record<string, unknown>);
  });
  return handlebars;
}

export function compileTemplate(handlebars: typeof Handlebars, source: string): Handlebars.TemplateDelegate {
  return handlebars.compile(source, { strict: false, noEscape: false, knownHelpersOnly: false });
}

/** A Handlebars environment for one templates folder, with every `partials/*.hbs` registered. */
export function createTemplateEnvironment(dir: string, i18nInstance: i18n): TemplateEnvironment {
  const handlebars = createHandlebars(readPartials(dir), i18nInstance);
  const read = (file: string) => readFileSync(path.join(dir, file), 'utf8');
  return { compile: (name) => compileTemplate(handlebars, read(`${name}.hbs`)), read };
}
