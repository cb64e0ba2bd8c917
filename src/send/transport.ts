import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { OutgoingMessage } from './message.js';
import { requiresStartTls } from './security.js';

/**
 * `temporary` (4xx, or the connection failed before the whole message was
 * sent) may pass on a later try; `permanent` (5xx) will not; `unconfirmed`:
 * the whole message was sent but no reply to it came (a timeout, a dropped
 * connection), so it may have been delivered and must not be sent again blindly.
 */
export type DeliveryResult = { ok: true; response: string } | { ok: false; outcome: 'temporary' | 'permanent' | 'unconfirmed'; reason: string };

/** Moves a composed message; knows nothing of statements, journals or retries. */
export interface Transport {
  /** Where messages go, safe to print (no password). */
  description: string;
  /** Connect (and log in) before the first message, so a wrong address or login stops the send before it starts. */
  open(): Promise<void>;
  deliver(message: OutgoingMessage): Promise<DeliveryResult>;
  close(): Promise<void>;
}

/** A failure that concerns every message (unreachable server, bad login, TLS), so the send stops instead of failing each recipient. */
export class TransportSetupError extends Error {}

/** Milliseconds to wait: for the connection, for the server's greeting, and for any reply (socket inactivity). */
export interface SmtpTimeouts {
  connection: number;
  greeting: number;
  socket: number;
}

/**
 * RFC 5321 section 4.5.3.2: a client waits 5 minutes for the greeting and up
 * to 10 minutes for the reply to the end of DATA (the longest of its waits, so
 * one inactivity timeout of 10 minutes covers them all). Connecting has no
 * figure there: a minute without a TCP connection means the host is not answering.
 */
export const SMTP_TIMEOUTS: SmtpTimeouts = { connection: 60_000, greeting: 5 * 60_000, socket: 10 * 60_000 };

/** Errors no retry can fix: the send stops and says what to change. */
const SETUP_ERRORS = new Set(['EAUTH', 'ENOAUTH', 'ETLS', 'ECONFIG']);

type SmtpError = SMTPConnection.SMTPError & { originalCode?: string };

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

export interface SmtpServer {
  host: string;
  port: number;
  secure: boolean;
  auth?: { user: string; pass: string };
  /** The URL with its password hidden. */
  description: string;
}

/** `smtp://user:pass@host:587` or `smtps://…:465`; throws TransportSetupError saying what to write instead. */
export function parseSmtpUrl(url: string): SmtpServer {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  const description = redactUrl(url);
  if (parsed?.protocol !== 'smtp:' && parsed?.protocol !== 'smtps:') {
    throw new TransportSetupError(`${description} is not an SMTP URL: write smtp://user:pass@host:port or smtps://…`);
  }
  if (!parsed.hostname) throw new TransportSetupError(`${description} names no host: write smtp://user:pass@host:port`);
  let auth: SmtpServer['auth'];
  try {
    auth = parsed.username ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } : undefined;
  } catch {
    throw new TransportSetupError(`${description}: the user name or password holds a % that does not start an escape such as %40: write a % itself as %25`);
  }
  const secure = parsed.protocol === 'smtps:';
  return { host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'), port: parsed.port ? Number(parsed.port) : secure ? 465 : 587, secure, auth, description };
}

export interface SmtpOptions {
  /** Reject a server certificate that does not verify (default true). */
  rejectUnauthorized?: boolean;
  /** RFC 5321's by default; tests make them short. */
  timeouts?: Partial<SmtpTimeouts>;
  /** The name given in EHLO; nodemailer's default (the OS host name) when absent. */
  ehloName?: string;
}

/** Everything nodemailer needs to open one connection to the server, built in one place. */
export function connectionOptions(server: SmtpServer, options: SmtpOptions = {}): SMTPConnection.Options {
  const timeouts = { ...SMTP_TIMEOUTS, ...options.timeouts };
  return {
    host: server.host,
    port: server.port,
    secure: server.secure,
    connectionTimeout: timeouts.connection,
    greetingTimeout: timeouts.greeting,
    socketTimeout: timeouts.socket,
    tls: { rejectUnauthorized: options.rejectUnauthorized ?? true },
    requireTLS: requiresStartTls(server),
    name: options.ehloName,
    logger: false,
  };
}

/**
 * A pool of SMTP connections, kept open between messages: each delivery takes
 * an idle one or opens a new one, so as many are open as messages are in
 * flight at once (the caller bounds that). A connection that failed is
 * closed, never reused. Each message is handed over as a stream that
 * nodemailer reads only after the server's 354: once it has been read to the
 * end the server may have it all, so a failure without a reply after that is
 * `unconfirmed`.
 */
export async function smtpTransport(url: string, options: SmtpOptions = {}): Promise<Transport> {
  const server = parseSmtpUrl(url);
  const { default: Connection } = await import('nodemailer/lib/smtp-connection');
  const timeouts = { ...SMTP_TIMEOUTS, ...options.timeouts };
  const idle: SMTPConnection[] = [];
  const forget = (connection: SMTPConnection) => {
    const index = idle.indexOf(connection);
    if (index >= 0) idle.splice(index, 1);
  };

  const connect = async (): Promise<SMTPConnection> => {
    const connection = new Connection(connectionOptions(server, options));
    // Every failure is also emitted: without a listener it would end the process.
    connection.on('error', () => forget(connection));
    connection.once('end', () => forget(connection));
    try {
      await new Promise<void>((resolve, reject) => {
        connection.once('error', reject);
        connection.connect((error) => (error ? reject(error) : resolve()));
      });
      if (server.auth) {
        if (!connection.allowsAuth) {
          throw Object.assign(new Error('the server offers no login (AUTH) on this connection: use smtps://, or the port your provider gives for sending with a password'), { code: 'ENOAUTH' });
        }
        await new Promise<void>((resolve, reject) => connection.login(server.auth, (error) => (error ? reject(error) : resolve())));
      }
    } catch (error) {
      connection.close();
      throw error;
    }
    return connection;
  };

  const attempt = async (message: OutgoingMessage, fresh: boolean): Promise<DeliveryResult> => {
    const reused = fresh ? undefined : idle.pop();
    let open: SMTPConnection;
    try {
      open = reused ?? (await connect());
    } catch (error) {
      const smtpError = error as SmtpError;
      if (smtpError.code && SETUP_ERRORS.has(smtpError.code)) throw new TransportSetupError(connectFailure(server, timeouts, smtpError));
      return { ok: false, outcome: 'temporary', reason: connectFailure(server, timeouts, smtpError) };
    }
    const body = new Readable({
      read() {
        this.push(message.raw);
        this.push(null);
      },
    });
    const result = await new Promise<{ error?: SmtpError; info?: SMTPConnection.SentMessageInfo }>((resolve) =>
      open.send({ from: message.envelope.from, to: [message.envelope.to] }, body, (error, info) => resolve({ error: error ?? undefined, info })),
    );
    if (result.info) {
      // With one recipient a refusal rejects, but look anyway.
      const rejected = result.info.rejectedErrors?.[0] as SmtpError | undefined;
      if (!rejected && result.info.rejected.length === 0) {
        idle.push(open);
        return { ok: true, response: String(result.info.response ?? '') };
      }
      open.close();
      return replied(rejected ?? Object.assign(new Error('refused'), { responseCode: 550, permanent: true }));
    }
    open.close();
    const error = result.error!;
    if (error.code && SETUP_ERRORS.has(error.code)) throw new TransportSetupError(`${server.description}: ${error.message}`);
    if (error.responseCode) return replied(error);
    // The server closed a connection that had been idle: nothing was sent, so try once more on a new one.
    if (reused && !body.readableDidRead) return attempt(message, true);
    const reason = `${error.code ?? 'error'}: ${oneLine(error.message)}`;
    return body.readableEnded ? { ok: false, outcome: 'unconfirmed', reason } : { ok: false, outcome: 'temporary', reason };
  };

  return {
    description: server.description,
    async open() {
      try {
        idle.push(await connect());
      } catch (error) {
        throw new TransportSetupError(connectFailure(server, timeouts, error as SmtpError));
      }
    },
    deliver: (message) => attempt(message, false),
    async close() {
      await Promise.all(idle.splice(0).map(quit));
    },
  };
}

/** Say goodbye (QUIT), or just close after a second without an answer. */
function quit(connection: SMTPConnection): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      connection.close();
      resolve();
    }, 1_000);
    connection.once('end', () => {
      clearTimeout(timer);
      resolve();
    });
    connection.quit();
  });
}

/** A reply from the server: 5xx (except 503) refuses for good, 4xx for now. */
function replied(error: SmtpError): DeliveryResult {
  return { ok: false, outcome: error.permanent ? 'permanent' : 'temporary', reason: oneLine(error.response ?? error.message) };
}

/** Why the server could not be reached or used, and what to check. */
function connectFailure(server: SmtpServer, timeouts: SmtpTimeouts, error: SmtpError): string {
  const where = `${server.description}`;
  const code = error.originalCode ?? error.code ?? 'error';
  const detail = oneLine(error.message);
  switch (code) {
    case 'ECONNREFUSED':
      return `${where}: the connection was refused (ECONNREFUSED): check the host and port, and that the mail server is running`;
    case 'ENOTFOUND':
    case 'EDNS':
    case 'EAI_AGAIN':
      return `${where}: the host ${server.host} was not found (${code}): check its name`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where}: the host cannot be reached (${code}): check the network and the host name`;
    case 'ETIMEDOUT':
      return `${where}: no answer (ETIMEDOUT: ${detail}; waited up to ${Math.round(timeouts.connection / 1000)} s to connect and ${Math.round(timeouts.greeting / 1000)} s for the greeting): check the host and port, and any firewall`;
    case 'EAUTH':
      return `${where}: ${detail}: check the user name and password`;
    case 'ETLS':
      return requiresStartTls(server) && error.command === 'STARTTLS'
        ? `${where}: the server offers no encryption (STARTTLS) here, and a password is only ever sent encrypted, so nothing was sent: use smtps://…:465, or the port your provider gives for sending with STARTTLS (usually 587)`
        : `${where}: the encrypted connection failed (${detail}): check the host name against the server's certificate, and the port (smtps:// is usually 465, smtp:// with STARTTLS 587)`;
    default:
      return `${where}: ${code}: ${detail}`;
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** `--dry-run`: each message written to `<dir>/<n>-<address>.eml`, nothing connected to. */
export function outboxTransport(dir: string): Transport {
  let count = 0;
  return {
    description: `the outbox folder ${dir}`,
    async open() {
      await mkdir(dir, { recursive: true });
    },
    async deliver(message) {
      count += 1;
      const name = `${String(count).padStart(5, '0')}-${message.recipient.email.replace(/[^A-Za-z0-9@._-]/g, '_')}.eml`;
      await writeFile(path.join(dir, name), message.raw);
      return { ok: true, response: `written to ${name}` };
    },
    async close() {},
  };
}
