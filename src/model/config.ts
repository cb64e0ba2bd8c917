import { z } from 'zod';
import { emailAddress, hexColor, oneLine, optionalCell, webUrl } from './fields.js';
import { PDF_LAYOUTS, type Lang } from './statement.js';

const localized = z.union([oneLine, z.strictObject({ en: oneLine, es: oneLine })]);

export const publisherConfigSchema = z.strictObject({
  /** The coalition or office publishing; one string, or one per language. */
  name: localized,
  /** Path to a PNG, JPEG or SVG logo, relative to the config file. */
  logo: optionalCell(oneLine),
  /** Base URL where `out/` is published, used for canonical, hreflang and Open Graph links. */
  baseUrl: webUrl.transform((url) => (url.endsWith('/') ? url : `${url}/`)),
  colors: z
    .strictObject({
      primary: hexColor.default('#1f4e79'),
      accent: hexColor.default('#c0392b'),
    })
    .prefault({}),
  email: z
    .strictObject({
      from: emailAddress,
      fromName: optionalCell(oneLine),
      replyTo: optionalCell(emailAddress),
    })
    .optional(),
  pdf: z.strictObject({ layout: z.enum(PDF_LAYOUTS).default('parallel') }).prefault({}),
});

export type PublisherConfig = z.output<typeof publisherConfigSchema> & {
  /** Absolute path of the logo file, resolved against the config's folder. */
  logoPath?: string;
  /** The config file as the user named it, for diagnostics. */
  file: string;
};

export function publisherName(config: PublisherConfig, lang: Lang): string {
  return typeof config.name === 'string' ? config.name : config.name[lang];
}
