import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { OutgoingMessage } from './message.js';

export type DeliveryResult =
  | { ok: true; response: string }
  | { ok: false; permanent: boolean; reason: string };

/** Moves a composed message; knows nothing of statements, journals or retries. */
export interface Transport {
  /** Where messages go, safe to print (no password). */
  description: string;
  deliver(message: OutgoingMessage): Promise<DeliveryResult>;
  close(): Promise<void>;
}

/** A failure that concerns every message (bad login, TLS), so the send stops instead of failing each recipient. */
export class TransportSetupError extends Error {}

const SETUP_ERRORS = new Set(['EAUTH', 'ETLS', 'ECONFIG', 'ENOAUTH']);

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

/** 4xx and dropped connections may pass on a later try; 5xx will not. */
export function classifySmtpError(error: SmtpError): DeliveryResult & { ok: false } {
  const reason = (error.response ?? error.message).replace(/\s+/g, ' ').trim();
  if (error.responseCode !== undefined) return { ok: false, permanent: error.responseCode >= 500, reason };
  return { ok: false, permanent: false, reason: `${error.code ?? 'error'}: ${reason}` };
}

/** `smtp://user:***@host:587`: the URL with its password hidden. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.href.replace(/\/$/, '');
  } catch {
    return '<invalid SMTP URL>';
  }
}

export interface SmtpOptions {
  /** Connections kept open to the server. */
  maxConnections?: number;
  /** Reject a server certificate that does not verify (default true). */
  rejectUnauthorized?: boolean;
}

/** A pooled nodemailer SMTP transport for `smtp://` or `smtps://` URLs. */
export async function smtpTransport(url: string, options: SmtpOptions = {}): Promise<Transport> {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (parsed?.protocol !== 'smtp:' && parsed?.protocol !== 'smtps:') {
    throw new TransportSetupError(`${redactUrl(url)} is not an SMTP URL: write smtp://user:pass@host:port or smtps://…`);
  }
  const { default: nodemailer } = await import('nodemailer');
  const secure = parsed.protocol === 'smtps:';
  const transporter = nodemailer.createTransport({
    pool: true,
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    auth: parsed.username ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } : undefined,
    maxConnections: options.maxConnections ?? 1,
    maxMessages: 1000,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
    tls: { rejectUnauthorized: options.rejectUnauthorized ?? true },
    logger: false,
    debug: false,
  });
  return {
    description: redactUrl(url),
    async deliver(message) {
      try {
        const info = await transporter.sendMail({ envelope: message.envelope, raw: message.raw });
        // With one recipient a refusal rejects, but a partial refusal resolves: look anyway.
        const rejected = (info.rejectedErrors as SmtpError[] | undefined)?.[0];
        if (rejected || info.rejected.length > 0) return classifySmtpError(rejected ?? new Error(`refused: ${String(info.response)}`));
        return { ok: true, response: String(info.response ?? '') };
      } catch (error) {
        const smtpError = error as SmtpError;
        if (smtpError.code && SETUP_ERRORS.has(smtpError.code)) throw new TransportSetupError(`${redactUrl(url)}: ${smtpError.message}`);
        return classifySmtpError(smtpError);
      }
    },
    async close() {
      transporter.close();
    },
  };
}

/** `--dry-run`: each message written to `<dir>/<n>-<address>.eml`, nothing connected to. */
export function outboxTransport(dir: string): Transport {
  let count = 0;
  return {
    description: `the outbox folder ${dir}`,
    async deliver(message) {
      count += 1;
      await mkdir(dir, { recursive: true });
      const name = `${String(count).padStart(5, '0')}-${message.recipient.email.replace(/[^A-Za-z0-9@._-]/g, '_')}.eml`;
      await writeFile(path.join(dir, name), message.raw);
      return { ok: true, response: `written to ${name}` };
    },
    async close() {},
  };
}
