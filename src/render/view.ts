import { formatDate, formatEmbargo } from '../i18n/dates.js';
import { publisherName } from '../model/config.js';
import { signatoriesByType, signatoryLocation, type Signatory } from '../model/signatory.js';
import { textIn, type Lang, type Statement, type StatementText } from '../model/statement.js';
import { t, type RenderContext } from './context.js';

/**
 * What every output shows of one language of a statement, in words already
 * localized. HTML, PDF and email all start from this, so a label or a date
 * format changes in one place.
 */
export interface StatementView {
  lang: Lang;
  title: string;
  subtitle?: string;
  summary?: string;
  publisher: string;
  releaseLine: string;
  embargoed: boolean;
  date: string;
  dateText: string;
  datelineText: string;
  signatories: {
    count: number;
    countText: string;
    organizations: SignatoryView[];
    individuals: SignatoryView[];
  };
  contacts: ContactView[];
}

export interface SignatoryView {
  name: string;
  url?: string;
  affiliation?: string;
  location: string;
}

export interface ContactView {
  name: string;
  organization?: string;
  email?: string;
  phone?: string;
  /** `tel:` URI: digits and a leading + only. */
  tel?: string;
}

function signatoryView(signatory: Signatory): SignatoryView {
  return { name: signatory.name, url: signatory.url, affiliation: signatory.affiliation, location: signatoryLocation(signatory) };
}

export function releaseLine(text: StatementText, ctx: RenderContext): string {
  const translate = t(ctx, text.lang);
  return text.embargo
    ? translate('release.embargoed', { when: formatEmbargo(text.embargo, text.lang, text.timezone) })
    : translate('release.immediate');
}

export function statementView(statement: Statement, lang: Lang, ctx: RenderContext): StatementView {
  const text = textIn(statement, lang);
  const translate = t(ctx, lang);
  const dateText = formatDate(text.date, lang);
  const byType = signatoriesByType(statement.signatories, lang);
  return {
    lang,
    title: text.title,
    subtitle: text.subtitle,
    summary: text.summary,
    publisher: publisherName(ctx.config, lang),
    releaseLine: releaseLine(text, ctx),
    embargoed: text.embargo !== undefined,
    date: text.date,
    dateText,
    datelineText: text.dateline ? translate('dateline', { place: text.dateline, date: dateText }) : dateText,
    signatories: {
      count: statement.signatories.length,
      countText: translate('signatories.count', { count: statement.signatories.length }),
      organizations: byType.organization.map(signatoryView),
      individuals: byType.individual.map(signatoryView),
    },
    contacts: text.contacts.map((contact) => ({
      ...contact,
      tel: contact.phone ? `tel:${contact.phone.replace(/[^+0-9]/g, '')}` : undefined,
    })),
  };
}

/** Absolute URL of a statement's page in one language (or the bilingual page). */
/** The address of a page of `out/<slug>/`, by its file stem (`es`, `en-pt`, `index`). */
export function pageUrl(ctx: RenderContext, slug: string, page: string): string {
  return new URL(`${slug}/${page === 'index' ? '' : `${page}.html`}`, ctx.config.baseUrl).href;
}
