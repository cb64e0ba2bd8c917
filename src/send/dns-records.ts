import { Resolver } from 'node:dns/promises';
import type { PublisherConfig } from '../model/config.js';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { dkimRecord, type DkimSigner } from './dkim.js';
import { isLoopback } from './security.js';
import { addressDomain } from '../model/fields.js';

export interface DnsRecord {
  kind: 'DKIM' | 'SPF' | 'DMARC';
  /** The full DNS name; providers often want only the part before the domain. */
  name: string;
  type: 'TXT';
  value: string;
  /** One or two sentences on what the record does, for whoever publishes it. */
  purpose: string;
}

/** TXT strings per record, as node:dns and mailauth's resolvers return them. */
export type ResolveTxt = (name: string) => Promise<string[][]>;

/** The published DKIM record compared with the key: `differs` means every signature would fail. */
export type PublishedKey = { state: 'matches' } | { state: 'differs' } | { state: 'missing' } | { state: 'unknown'; reason: string };

/**
 * The records that make mail from the From domain trusted: the DKIM key (when
 * `email.dkim` is set), an SPF suggestion and a DMARC suggestion. `smtpHost`
 * is the server messages are handed to, when known, for the SPF suggestion.
 */
export function dnsRecords(config: PublisherConfig, signer: DkimSigner | undefined, smtpHost?: string): DnsRecord[] {
  const from = config.email.from;
  const fromDomain = addressDomain(from);
  const records: DnsRecord[] = [];
  if (signer) {
    records.push({
      kind: 'DKIM',
      ...dkimRecord(signer),
      type: 'TXT',
      purpose: `Lets receivers check that a message signed for ${signer.domain} was sent by you and not changed on the way; Gmail and Yahoo require it of bulk senders, and honour one-click unsubscribe only with it. Paste the value whole: some providers split a long value into several strings, which is fine.`,
    });
  }
  const relay = smtpHost && !isLoopback(smtpHost) ? `a:${smtpHost} ` : 'mx ';
  // Receivers check SPF against the envelope sender: `email.returnPath` when set (bounces), else From.
  const envelope = config.email.returnPath ?? from;
  const envelopeDomain = addressDomain(envelope);
  records.push({
    kind: 'SPF',
    name: envelopeDomain,
    type: 'TXT',
    value: `v=spf1 ${relay}~all`,
    purpose: `Lists the servers allowed to send mail for ${envelopeDomain}${envelopeDomain === fromDomain ? '' : ' (the domain of email.returnPath, which receivers check SPF against)'}. This is a suggestion: if your mail provider documents its own (such as include:_spf.google.com), use theirs, and a domain has only one SPF record, so if ${envelopeDomain} already has one, add to it instead of publishing a second.`,
  });
  records.push({
    kind: 'DMARC',
    name: `_dmarc.${fromDomain}`,
    type: 'TXT',
    value: `v=DMARC1; p=none; rua=mailto:${config.email.replyTo ?? from}; adkim=r; aspf=r`,
    purpose: `Tells receivers what to do with mail claiming to be from ${fromDomain} that passes neither DKIM nor SPF, and where to send daily reports. p=none only asks for the reports; once they show your messages pass, change it to p=quarantine.`,
  });
  return records;
}

/** The system's resolver, answering within a few seconds or not at all. */
export function systemResolveTxt(): ResolveTxt {
  const resolver = new Resolver({ timeout: 3_000, tries: 2 });
  return (name) => resolver.resolveTxt(name);
}

/** Whether the DKIM record published for the signer's selector holds the signer's public key. */
export async function publishedKey(signer: DkimSigner, resolveTxt: ResolveTxt): Promise<PublishedKey> {
  let answers: string[][];
  try {
    answers = await resolveTxt(dkimRecord(signer).name);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTFOUND' || code === 'ENODATA') return { state: 'missing' };
    return { state: 'unknown', reason: code ?? String(error) };
  }
  const keys = answers.map((strings) => /(?:^|;)\s*p=([^;]*)/.exec(strings.join(''))?.[1]?.replace(/\s+/g, '')).filter((key) => key !== undefined);
  if (keys.length === 0) return { state: 'missing' };
  return keys.includes(signer.publicKey) ? { state: 'matches' } : { state: 'differs' };
}

/**
 * The published DKIM record against the key, before a send: a different key is
 * an error (every signature would fail); no record, or no answer, a warning.
 */
export async function checkPublishedKey(signer: DkimSigner, config: PublisherConfig, resolveTxt: ResolveTxt, publish = 'publish the record `statements send --check-dns` prints'): Promise<{ error?: Diagnostic; warning?: string }> {
  const { name } = dkimRecord(signer);
  const published = await publishedKey(signer, resolveTxt);
  switch (published.state) {
    case 'matches':
      return {};
    case 'differs':
      return {
        error: diagnostic('error', 'dkim', `the DKIM record published at ${name} holds another public key than the one of ${signer.source}, so receivers would reject every signature: ${publish}, or sign with the key that record was made from`, { file: config.file, ...config.dkimSource?.place }),
      };
    case 'missing':
      return { warning: `warning: no DKIM record is published at ${name} yet, so receivers cannot check the signatures: ${publish}` };
    default:
      return { warning: `warning: could not look up the DKIM record at ${name} (${published.reason}), so it is not known to match the key` };
  }
}

/** The records as the user reads them: what each does, then its name, type and value. */
export function formatDnsRecords(records: readonly DnsRecord[]): string {
  return records.map((record) => `${record.kind}: ${record.purpose}\n  Name:  ${record.name}\n  Type:  ${record.type}\n  Value: ${record.value}\n`).join('\n');
}
