import { z } from 'zod';
import { emailAddress, hexColor, oneLine, optionalCell, webUrl } from './fields.js';
import { DEFAULT_LANGUAGES, defaultPairs, LANG_PATTERN, pairName, RIGHT_TO_LEFT_LANGUAGES, type Lang, type LanguageSettings, type Pair } from './languages.js';
import { PDF_LAYOUTS } from './statement.js';

const langCode = z.string().regex(LANG_PATTERN, 'must be a lowercase language code such as `en`, `es`, `pt` or `fr`');
const localized = z.union([oneLine, z.record(langCode, oneLine)]);
/** `{en}`, `{pt}`: where a title goes in a pair's email subject. */
const PLACEHOLDER = /\{([a-z]{2,3})\}/g;
/** A DNS name of at least two labels, as DKIM's `d=` and the EHLO greeting need it. */
const domainName = oneLine.refine((value) => /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]$/.test(value), 'must be a domain name such as `example.org`');

const publisherConfigObject = z.strictObject({
  /**
   * The languages statements are written in, the source (the original every
   * translation follows) first. Each needs its `locales/<lang>/` folder.
   */
  languages: z
    .array(langCode)
    .min(1, 'must list at least the source language, e.g. [en, es]')
    .default([...DEFAULT_LANGUAGES]),
  /** Side-by-side editions, written `en-es`; default the source with each translation. */
  pairs: z.array(z.string().regex(/^[a-z]{2,3}-[a-z]{2,3}$/, 'must be two language codes joined by a hyphen, e.g. `en-pt`')).min(1, 'must list at least one pair, or be left out').optional(),
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
      /** Display name in From; one string, or one per language (the edition's first language chooses). Default the publisher's name. */
      fromName: optionalCell(localized),
      /**
       * The coalition's postal address, shown in every email's footer (CAN-SPAM and the bulk-sender rules ask for
       * one); one line, or one per language. Required to `send`; a build without it makes emails without it.
       */
      postalAddress: optionalCell(localized),
      /**
       * The sender part of the Feedback-ID header (`<slug>:<edition>:<list>:<sender>`), the same in every email
       * this publisher sends; default the domain of `from`.
       */
      feedbackId: optionalCell(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, dots, hyphens or underscores, e.g. `rivers-coalition`')),
      replyTo: optionalCell(emailAddress),
      /**
       * Subject of a pair's email; `{<lang>}` stands for the title in that language
       * (`{en} / {es}`). One format for every pair, or one per pair (`en-pt: …`).
       */
      bilingualSubject: optionalCell(z.union([oneLine, z.record(z.string(), oneLine)])),
      /** RFC 2919 List-Id, e.g. `Press list <press.example.org>`; default `<press.HOST>` from baseUrl. */
      listId: optionalCell(oneLine.refine((value) => /^[^<>"]*<[A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z0-9-]+>$/.test(value), 'must look like `Press list <press.example.org>`')),
      /** Address that receives unsubscribe requests (List-Unsubscribe mailto); default replyTo, else from. */
      unsubscribeMailto: optionalCell(emailAddress),
      /** One-click unsubscribe page (RFC 8058), https only; `{token}` is replaced by the recipient's opaque token. */
      unsubscribeUrl: optionalCell(
        webUrl
          .refine((value) => value.startsWith('https://'), 'must be an https:// address (RFC 8058 one-click unsubscribe)')
          // Written into the List-Unsubscribe header as `<url>`.
          .refine((value) => !/[<>"]/.test(value), 'must not contain <, > or " (write them as %3C, %3E and %22)')
          // An address in the link would let anyone who knows an address unsubscribe it.
          .superRefine((value, context) => {
            if (value.includes('{email}')) {
              context.addIssue({ code: 'custom', message: 'must not contain `{email}`: an address in the link lets anyone unsubscribe anyone whose address they know. Write `{token}` instead, and have the page pass it to `statements unsubscribe`' });
            } else if (!value.includes('{token}')) {
              context.addIssue({ code: 'custom', message: "must contain `{token}`, where each recipient's unsubscribe token goes, e.g. https://example.org/unsubscribe?t={token}" });
            }
          }),
      ),
      /**
       * Envelope sender, where bounces go; `{token}` (VERP, e.g. `bounces+{token}@example.org`)
       * names the recipient in the bounce's address. Default: `from`.
       */
      // The address pattern takes `{` and `}` before the @ only, so `{token}` cannot land in the domain.
      returnPath: optionalCell(emailAddress),
      /**
       * DKIM signing of every message sent: the signing domain, the selector naming the DNS record
       * (`<selector>._domainkey.<domain>`), and the RSA private key (a PEM file relative to the config,
       * or the PEM in the environment variable STATEMENTS_DKIM_PRIVATE_KEY, which wins when set).
       */
      dkim: z
        .strictObject({
          domain: domainName,
          selector: oneLine.refine((value) => /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/.test(value), 'must be letters, digits and hyphens, such as `press2026`'),
          privateKey: optionalCell(oneLine),
        })
        .optional(),
      /** The name the sender gives in its SMTP greeting (EHLO); default the machine's full host name, else the From domain. */
      ehloName: optionalCell(domainName),
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

/** `en-pt` as the pair it names. */
function parsePair(name: string): Pair {
  return name.split('-') as unknown as Pair;
}

/** The pairs as written in `pairs`, or the default: the original with each translation. */
function configuredPairs(languages: readonly Lang[], pairs: readonly string[] | undefined): Pair[] {
  return pairs?.map(parsePair) ?? defaultPairs(languages);
}

function placeholders(format: string): string[] {
  return [...format.matchAll(PLACEHOLDER)].map((match) => match[1]!);
}

/** What no one field can check: languages against each other, the pairs, and what is written per language. */
export const publisherConfigSchema = publisherConfigObject.superRefine((config, context) => {
  const { languages } = config;
  const issue = (path: PropertyKey[], message: string) => context.addIssue({ code: 'custom', path, message });
  const configured = new Set(languages);
  languages.forEach((lang, index) => {
    if (languages.indexOf(lang) !== index) issue(['languages', index], `lists \`${lang}\` twice: keep it once`);
    if (RIGHT_TO_LEFT_LANGUAGES.has(lang)) {
      issue(['languages', index], `\`${lang}\` is written right to left, which the pages, PDFs and emails do not support yet: remove it (names and quotations in right-to-left scripts inside a statement do print)`);
    }
  });
  const list = (langs: Iterable<string>) => [...langs].map((lang) => `\`${lang}\``).join(', ');
  config.pairs?.forEach((name, index) => {
    const [a, b] = parsePair(name);
    const unknown = [a, b].filter((lang) => !configured.has(lang));
    if (unknown.length > 0) issue(['pairs', index], `pairs \`${name}\` names ${list(unknown)}, which \`languages\` does not list: add it there, or fix the pair`);
    else if (a === b) issue(['pairs', index], `pairs \`${name}\` with itself: name two different languages`);
    else if (config.pairs!.indexOf(name) !== index) issue(['pairs', index], `lists the pair \`${name}\` twice: keep it once`);
  });
  // A setting written per language must cover every language, and only those.
  const perLanguage = (path: PropertyKey[], setting: string | Record<string, string> | undefined, what: string) => {
    if (typeof setting !== 'object') return;
    const key = String(path.at(-1));
    const missing = languages.filter((lang) => !(lang in setting));
    if (missing.length > 0) issue(path, `has no ${what} for ${list(missing)}: add \`${missing[0]}: …\` under \`${key}\`, or give one ${what} for every language`);
    for (const lang of Object.keys(setting)) if (!configured.has(lang)) issue([...path, lang], `is for \`${lang}\`, which \`languages\` does not list: remove it, or add the language`);
  };
  perLanguage(['name'], config.name, 'name');
  perLanguage(['email', 'fromName'], config.email.fromName, 'sender name');
  perLanguage(['email', 'postalAddress'], config.email.postalAddress, 'postal address');
  const pairs = configuredPairs(languages, config.pairs);
  const subject = config.email.bilingualSubject;
  const checkFormat = (format: string, pair: Pair, path: PropertyKey[]) => {
    const used = placeholders(format);
    const foreign = used.filter((lang) => !pair.includes(lang));
    if (used.length === 0) issue(path, `must contain \`{${pair[0]}}\` or \`{${pair[1]}}\` (the titles), e.g. "{${pair[0]}} / {${pair[1]}}"`);
    else if (foreign.length > 0) {
      const hint = typeof subject === 'string' ? `; with several pairs, give one subject per pair: \`bilingualSubject: { ${pairs.map((p) => `${pairName(p)}: "{${p[0]}} / {${p[1]}}"`).join(', ')} }\`` : '';
      issue(path, `uses ${list(foreign.map((lang) => `{${lang}}`))}, which the pair \`${pairName(pair)}\` has no title for: use ${list(pair.map((lang) => `{${lang}}`))}${hint}`);
    }
  };
  if (typeof subject === 'string') pairs.forEach((pair) => checkFormat(subject, pair, ['email', 'bilingualSubject']));
  else if (subject) {
    const names = new Map(pairs.map((pair) => [pairName(pair), pair]));
    for (const [name, format] of Object.entries(subject)) {
      const pair = names.get(name);
      if (pair) checkFormat(format, pair, ['email', 'bilingualSubject', name]);
      else issue(['email', 'bilingualSubject', name], `is for \`${name}\`, which is not one of the pairs (${list(names.keys())}): fix the name`);
    }
  }
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
  /** Where each of `languages` is written (the start of the file when it is the default), for diagnostics. */
  languagePlaces: { line: number; column: number }[];
  /** Where `email.dkim` and its `privateKey` are written, and the key file's absolute path (resolved against the config's folder). */
  dkimSource?: { place: { line: number; column: number }; keyPath?: string; keyPlace?: { line: number; column: number } };
};

/** A setting written once or per language (`name`, `email.fromName`, `email.postalAddress`), in `lang`; the schema checked that every language has one. */
export function inLanguage(setting: string | Record<Lang, string>, lang: Lang): string {
  return typeof setting === 'string' ? setting : setting[lang]!;
}

export function publisherName(config: PublisherConfig, lang: Lang): string {
  return inLanguage(config.name, lang);
}

/** The languages and pairs the config sets, or their defaults. */
export function languageSettings(config: PublisherConfig): LanguageSettings {
  const { languages } = config;
  return { languages, pairs: configuredPairs(languages, config.pairs) };
}

/** The email subject format of a pair: its own, the one for every pair, or the titles joined by a slash. */
export function subjectFormat(config: PublisherConfig, pair: Pair): string {
  const subject = config.email.bilingualSubject;
  return (typeof subject === 'string' ? subject : subject?.[pairName(pair)]) ?? `{${pair[0]}} / {${pair[1]}}`;
}

/** A pair's subject: each `{<lang>}` replaced by the title in that language. */
export function fillSubject(format: string, titles: (lang: Lang) => string | undefined): string {
  return format.replace(PLACEHOLDER, (whole, lang: string) => titles(lang) ?? whole);
}
