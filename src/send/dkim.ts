import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import DKIM from 'nodemailer/lib/dkim';
import { displayPath, readBytes } from '../load/read.js';
import type { PublisherConfig } from '../model/config.js';
import { diagnostic, DiagnosticsError, type Place } from '../model/diagnostic.js';
import type { OutgoingMessage } from './message.js';
import type { Transport } from './transport.js';
import { addressDomain } from '../model/fields.js';

/** Holds the PEM itself, for servers and CI that keep secrets out of files; wins over `email.dkim.privateKey`. */
export const DKIM_KEY_VARIABLE = 'STATEMENTS_DKIM_PRIVATE_KEY';

/** The fields a receiver must see unchanged for one-click unsubscribe and DMARC; those absent from a message are left out of `h=`. */
export const SIGNED_HEADERS = ['From', 'To', 'Subject', 'Date', 'Message-ID', 'List-Id', 'List-Unsubscribe', 'List-Unsubscribe-Post'];

/** A PEM key is a few kilobytes; anything this large is the wrong file. */
const MAX_KEY_BYTES = 64 * 1024;

/** RFC 8301: verifiers must refuse RSA keys under 1024 bits. */
const MIN_RSA_BITS = 1024;

const GENERATE = '`openssl genrsa -out dkim-private.pem 2048`';

export interface DkimSigner {
  domain: string;
  selector: string;
  /** The public key as DKIM's `p=` tag wants it: base64 of the DER SubjectPublicKeyInfo. */
  publicKey: string;
  /** Where the key came from, safe to print: the variable's name or the file's path. */
  source: string;
  /** The message with a DKIM-Signature field prepended; throws if no signature could be made. */
  sign(raw: Buffer): Promise<Buffer>;
}

/**
 * The signer `email.dkim` configures, or undefined when it is not set. The key
 * is read from STATEMENTS_DKIM_PRIVATE_KEY when set, else from the file
 * `privateKey` names, and checked (an RSA private key of at least 1024 bits,
 * for a domain the From address belongs to) before any message goes out.
 * Throws DiagnosticsError pointing at the setting; the key is never printed.
 */
export async function loadDkimSigner(config: PublisherConfig, env: NodeJS.ProcessEnv = process.env): Promise<DkimSigner | undefined> {
  const settings = config.email.dkim;
  const fromEnv = env[DKIM_KEY_VARIABLE]?.trim() ? env[DKIM_KEY_VARIABLE] : undefined;
  const section: Place = { file: config.file, ...config.dkimSource?.place };
  const fail = (reason: string, place: Place = section): never => {
    throw new DiagnosticsError([diagnostic('error', 'dkim', reason, place)]);
  };
  if (!settings) {
    if (fromEnv) fail(`${DKIM_KEY_VARIABLE} is set, but the config has no \`email.dkim\` to say which domain and selector it signs for: add \`dkim: { domain: your-domain.org, selector: press }\` under \`email\`, or unset the variable`, { file: config.file });
    return undefined;
  }
  const fromDomain = addressDomain(config.email.from).toLowerCase();
  const domain = settings.domain.toLowerCase();
  // DMARC's relaxed alignment: the From domain is the signing domain or below it.
  if (fromDomain !== domain && !fromDomain.endsWith(`.${domain}`)) {
    fail(`\`email.dkim.domain\` is ${domain}, but the From address ${config.email.from} is not in that domain, so receivers applying DMARC would not count the signature: sign for ${fromDomain}`);
  }

  let pem: string;
  let source: string;
  let what: string;
  let keyPlace = section;
  if (fromEnv) {
    pem = fromEnv;
    source = `the environment variable ${DKIM_KEY_VARIABLE}`;
    what = `${DKIM_KEY_VARIABLE} (set in the environment)`;
  } else {
    const keyPath = config.dkimSource?.keyPath;
    if (!keyPath) return fail(`\`email.dkim\` has no private key: add \`privateKey: dkim-private.pem\` (a PEM file, relative to the config), or put the PEM in the environment variable ${DKIM_KEY_VARIABLE}`);
    keyPlace = { file: config.file, ...config.dkimSource?.keyPlace };
    source = displayPath(keyPath);
    what = `the DKIM private key ${source} (\`email.dkim.privateKey\`)`;
    const read = await readBytes(keyPath, { what: 'the DKIM private key', maxBytes: MAX_KEY_BYTES });
    if (read.missing) fail(`${what} does not exist: fix the path (relative to the config's folder), or create the key with ${GENERATE}`, keyPlace);
    // A secret is made readable to its user alone, never to all as readBytes's advice would have it.
    const reason = read.diagnostics[0]?.reason ?? 'cannot be read';
    if (!read.bytes) fail(`${what}${/permission denied/.test(reason) ? ' cannot be read (permission denied): make the user running statements its owner, readable by no one else (chmod 600)' : `: ${reason}`}`, keyPlace);
    pem = Buffer.from(read.bytes!).toString('utf8');
  }
  const privateKey = parsePrivateKey(pem, (problem) => fail(`${what} ${problem}`, keyPlace));
  const publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64');
  const dkim = new DKIM({ domainName: domain, keySelector: settings.selector, privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), headerFieldNames: SIGNED_HEADERS.join(':') });
  return {
    domain,
    selector: settings.selector,
    publicKey,
    source,
    async sign(raw) {
      const chunks: Buffer[] = [];
      for await (const chunk of dkim.sign(raw)) chunks.push(chunk as Buffer);
      const signed = Buffer.concat(chunks);
      // nodemailer leaves a message unsigned when its key refuses to sign: never send one so.
      if (signed.toString('latin1', 0, 15) !== 'DKIM-Signature:') throw new Error('DKIM signing produced no signature');
      return signed;
    },
  };
}

/** The key in `pem`, or `problem` called with why it cannot sign (never with the key itself). */
function parsePrivateKey(pem: string, problem: (reason: string) => never): KeyObject {
  if (/-----BEGIN (RSA )?PUBLIC KEY-----/.test(pem) && !/PRIVATE KEY-----/.test(pem)) return problem(`is a public key: give the private key (the file that begins with -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)`);
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(pem)) return problem('is protected by a passphrase, which a send cannot type: write an unprotected copy with `openssl pkey -in KEY.pem -out dkim-private.pem` and keep that file private');
  if (!/-----BEGIN (RSA |EC )?PRIVATE KEY-----/.test(pem)) return problem(`is not a PEM private key (no -----BEGIN PRIVATE KEY----- line): create one with ${GENERATE}`);
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    return problem(`cannot be read as a PEM private key (damaged, or cut short when copied): create a new one with ${GENERATE}`);
  }
  if (key.asymmetricKeyType !== 'rsa') return problem(`is an ${key.asymmetricKeyType} key; DKIM signing here uses RSA keys: create one with ${GENERATE}`);
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RSA_BITS) return problem(`has ${bits} bits, and receivers ignore DKIM keys under ${MIN_RSA_BITS}: create a 2048-bit one with ${GENERATE}`);
  return key;
}

/** `transport` with every message signed on its way out, the dry run's outbox alike, so the dry run shows what goes out. */
export function signingTransport(transport: Transport, signer: DkimSigner): Transport {
  return {
    ...transport,
    open: () => transport.open(),
    close: () => transport.close(),
    deliver: async (message: OutgoingMessage) => transport.deliver({ ...message, raw: await signer.sign(message.raw) }),
  };
}

/** The DKIM record to publish: its DNS name and TXT value. */
export function dkimRecord(signer: Pick<DkimSigner, 'domain' | 'selector' | 'publicKey'>): { name: string; value: string } {
  return { name: `${signer.selector}._domainkey.${signer.domain}`, value: `v=DKIM1; k=rsa; p=${signer.publicKey}` };
}
