import { networkInterfaces } from 'node:os';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PublisherConfig } from '../../src/model/config.js';
import { ehloName, isLoopback, requiresStartTls } from '../../src/send/security.js';
import { smtpTransport, TransportSetupError, type Transport } from '../../src/send/transport.js';
import { projectContext } from '../helpers/email.js';

const USER = 'press';
const PASSWORD = 'pw-Tls-7731-secret';

/** This machine's address on a real network interface: a connection to it is not to loopback. */
const external = Object.values(networkInterfaces())
  .flat()
  .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;

interface LoginServer {
  port: number;
  /** What each session logged in with, over TLS or not, and the name its client gave in EHLO. */
  logins: { user: string; secure: boolean }[];
  greetings: string[];
  close(): Promise<void>;
}

/** An SMTP server on every interface that accepts a login, with or without STARTTLS (smtp-server's own test certificate). */
async function loginServer(startTls: boolean): Promise<LoginServer> {
  const logins: LoginServer['logins'] = [];
  const greetings: string[] = [];
  const server = new SMTPServer({
    disabledCommands: startTls ? [] : ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: true,
    logger: false,
    onAuth(auth, session, callback) {
      logins.push({ user: auth.username ?? '', secure: session.secure });
      callback(null, { user: auth.username });
    },
    onMailFrom(_address, session, callback) {
      greetings.push(session.hostNameAppearsAs);
      callback();
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => callback());
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', () => resolve()));
  return {
    port: (server.server.address() as { port: number }).port,
    logins,
    greetings,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let server: LoginServer | undefined;
let transport: Transport | undefined;
let config: PublisherConfig;

beforeAll(async () => {
  config = (await projectContext()).config;
});

afterEach(async () => {
  await transport?.close();
  await server?.close();
  transport = server = undefined;
});

describe('credentials only over TLS', () => {
  it.skipIf(!external)('refuses to log in to a server on the network that offers no STARTTLS, before any message, without showing the password', async () => {
    server = await loginServer(false);
    transport = await smtpTransport(`smtp://${USER}:${PASSWORD}@${external}:${server.port}`, { timeouts: { greeting: 2_000, socket: 2_000 } });
    const refused = await transport.open().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(TransportSetupError);
    expect((refused as Error).message).toBe(
      `smtp://${USER}:***@${external}:${server.port}: the server offers no encryption (STARTTLS) here, and a password is only ever sent encrypted, so nothing was sent: use smtps://…:465, or the port your provider gives for sending with STARTTLS (usually 587)`,
    );
    expect(server.logins).toEqual([]);
  });

  it.skipIf(!external)('logs in to a server on the network once STARTTLS has encrypted the connection', async () => {
    server = await loginServer(true);
    transport = await smtpTransport(`smtp://${USER}:${PASSWORD}@${external}:${server.port}`, { rejectUnauthorized: false });
    await transport.open();
    expect(server.logins).toEqual([{ user: USER, secure: true }]);
  });

  it('logs in without TLS to this machine (a local relay), where the password never crosses a network', async () => {
    server = await loginServer(false);
    transport = await smtpTransport(`smtp://${USER}:${PASSWORD}@127.0.0.1:${server.port}`);
    await transport.open();
    expect(server.logins).toEqual([{ user: USER, secure: false }]);
  });

  it('requires STARTTLS exactly for a password on smtp:// to another machine', () => {
    const login = { user: USER, pass: PASSWORD };
    const at = (host: string, secure = false, auth: typeof login | undefined = login) => requiresStartTls({ host, secure, auth });
    expect(at('smtp.example.org')).toBe(true);
    expect(at('192.0.2.10')).toBe(true);
    expect(at('::2')).toBe(true);
    expect(at('127.0.0.1')).toBe(false);
    expect(at('127.8.9.1')).toBe(false);
    expect(at('::1')).toBe(false);
    expect(at('::ffff:127.0.0.1')).toBe(false);
    expect(at('localhost')).toBe(false);
    expect(at('smtp.example.org', true)).toBe(false);
    expect(requiresStartTls({ host: 'smtp.example.org', secure: false, auth: undefined })).toBe(false);
    expect(isLoopback('127.example.org')).toBe(false);
  });
});

describe('the EHLO name', () => {
  it('is email.ehloName when set, else a full host name, else the From domain, and reaches the server', async () => {
    expect(ehloName({ ...config, email: { ...config.email, ehloName: 'mail.example.org' } }, 'laptop')).toBe('mail.example.org');
    expect(ehloName(config, 'relay.coalition.example')).toBe('relay.coalition.example');
    expect(ehloName(config, '3f2a9c1b7d4e')).toBe('example.org');
    expect(ehloName(config, 'laptop.local')).toBe('example.org');
    server = await loginServer(false);
    transport = await smtpTransport(`smtp://127.0.0.1:${server.port}`, { ehloName: 'mail.example.org' });
    const raw = Buffer.from('From: press@example.org\r\nTo: ana@example.net\r\nSubject: t\r\n\r\nbody\r\n');
    const result = await transport.deliver({ recipient: { email: 'ana@example.net', variant: 'en', line: 2 }, messageId: '<t@example.org>', envelope: { from: 'press@example.org', to: 'ana@example.net' }, raw });
    expect(result.ok).toBe(true);
    expect(server.greetings).toEqual(['mail.example.org']);
  });
});
