import type { Socket } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

export interface ReceivedMessage {
  from: string;
  to: string[];
  raw: Buffer;
}

export interface TestSmtpServer {
  port: number;
  url: string;
  received: ReceivedMessage[];
  /** Messages received per envelope recipient. */
  countsByAddress(): Map<string, number>;
  /** The most connections that were open at once. */
  peakConnections(): number;
  /** Cut every open connection, as a server does to an idle client or when it goes away. */
  dropConnections(): void;
  close(): Promise<void>;
}

/** What the server does once it has the whole message (the end of DATA). */
export interface DataReply {
  /** Answer this late (ms): past the client's timeout, the message arrives but the client never hears so. */
  delayMs?: number;
  /** Answer with this SMTP error code (451, 554) instead of 250: the message is not accepted. */
  code?: number;
  /** Cut the connection instead of answering: the message arrived, the client never hears so. */
  drop?: boolean;
}

export interface TestSmtpOptions {
  /** Return an SMTP error code (e.g. 451, 550) to refuse a recipient, or the code and the reply's text (`5.1.1 User unknown`). */
  refuse?: (address: string, attempt: number) => number | { code: number; text: string } | undefined;
  /** How to answer the end of DATA for a recipient's nth message. */
  dataReply?: (address: string, attempt: number) => DataReply | undefined;
  /** Accept only this user and password. */
  auth?: { user: string; pass: string };
}

/** A real SMTP server (smtp-server) on 127.0.0.1 that keeps every message it accepts. */
export async function startSmtpServer(options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
  const received: ReceivedMessage[] = [];
  const attempts = new Map<string, number>();
  const dataAttempts = new Map<string, number>();
  const sockets = new Set<Socket>();
  let peak = 0;
  const dropConnections = () => {
    for (const socket of sockets) socket.destroy();
  };
  const server = new SMTPServer({
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: true,
    authOptional: !options.auth,
    logger: false,
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const attempt = (attempts.get(address.address) ?? 0) + 1;
      attempts.set(address.address, attempt);
      const refusal = options.refuse?.(address.address, attempt);
      const code = typeof refusal === 'object' ? refusal.code : refusal;
      const text = typeof refusal === 'object' ? refusal.text : code && code >= 500 ? 'No such user here' : 'Try again later';
      if (code) callback(Object.assign(new Error(text), { responseCode: code }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
        const attempt = (dataAttempts.get(to[0] ?? '') ?? 0) + 1;
        dataAttempts.set(to[0] ?? '', attempt);
        const reply = options.dataReply?.(to[0] ?? '', attempt) ?? {};
        if (!reply.code) received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to, raw: Buffer.concat(chunks) });
        const answer = () => {
          if (reply.drop) dropConnections();
          else if (reply.code) callback(Object.assign(new Error(reply.code >= 500 ? 'Message refused' : 'Queue full, try again later'), { responseCode: reply.code }));
          else callback();
        };
        if (reply.delayMs) setTimeout(answer, reply.delayMs);
        else answer();
      });
    },
  });
  server.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    peak = Math.max(peak, sockets.size);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  // A client that went away leaves a socket error here; the test looks at what arrived.
  server.on('error', () => {});
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    url: options.auth ? `smtp://${options.auth.user}:${options.auth.pass}@127.0.0.1:${port}` : `smtp://127.0.0.1:${port}`,
    received,
    countsByAddress() {
      const counts = new Map<string, number>();
      for (const message of received) for (const to of message.to) counts.set(to, (counts.get(to) ?? 0) + 1);
      return counts;
    },
    peakConnections: () => peak,
    dropConnections,
    close: () =>
      new Promise<void>((resolve) => {
        dropConnections();
        server.close(() => resolve());
      }),
  };
}
