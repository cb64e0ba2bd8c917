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
  /** Every build writes the email releases, so the sender is required. */
  email: z
    .strictObject({
      from: emailAddress,
      fromName: optionalCell(oneLine),
      replyTo: optionalCell(emailAddress),
      /** Subject of bilingual.eml; `{en}` and `{es}` stand for the titles. */
      bilingualSubject: optionalCell(oneLine.refine((value) => value.includes('{en}') || value.includes('{es}'), 'must contain `{en}` or `{es}`, e.g. "{en} / {es}"')),
      /** RFC 2919 List-Id, e.g. `Press list <press.example.org>`; default `<press.HOST>` from baseUrl. */
      listId: optionalCell(oneLine.refine((value) => /^[^<>"]*<[A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z0-9-]+>$/.test(value), 'must look like `Press list <press.example.org>`')),
      /** Address that receives unsubscribe requests (List-Unsubscribe mailto); default replyTo, else from. */
      unsubscribeMailto: optionalCell(emailAddress),
      /** One-click unsubscribe page (RFC 8058), https only; `{email}` is replaced by the recipient's address. */
      unsubscribeUrl: optionalCell(
        webUrl
          .refine((value) => value.startsWith('https://'), 'must be an https:// address (RFC 8058 one-click unsubscribe)')
          // Written into the List-Unsubscribe header as `<url>`.
          .refine((value) => !/[<>"]/.test(value), 'must not contain <, > or " (write them as %3C, %3E and %22)'),
      ),
    }),
  pdf: z
    .strictObject({
      layout: z.enum(PDF_LAYOUTS).default('parallel'),
      /**
       * The coalition's own .ttf/.otf fonts (one, or a list), relative to the config file, tried in
       * order for the characters the main faces lack, before the bundled fallbacks.
       */
      fonts: z.strictObject({ fallback: optionalCell(z.union([oneLine, z.array(oneLine).min(1, 'must list at least one font')])) }).optional(),
    })
    .prefault({}),
});

export type PublisherConfig = z.output<typeof publisherConfigSchema> & {
  /** Absolute path of the logo file, resolved against the config's folder. */
  logoPath?: string;
  /** The logo file's bytes, read when the config is loaded so renderers read no files. */
  logoBytes?: Uint8Array;
  /** Absolute paths of the fonts of `pdf.fonts.fallback`, in order, each checked to be a single font file. */
  fallbackFontPaths: string[];
  /** The config file as the user named it, for diagnostics. */
  file: string;
};

export function publisherName(config: PublisherConfig, lang: Lang): string {
  return typeof config.name === 'string' ? config.name : config.name[lang];
}
