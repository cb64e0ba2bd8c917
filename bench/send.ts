/**
 * Messages per second through the real send path (journal on disk, locked and
 * group-committed, DEFAULT_CONNECTIONS connections) against a plain nodemailer
 * pool (`pool: true`, as many connections) sending the same personalised
 * messages with no journal, both to an in-process smtp-server on 127.0.0.1,
 * in the same run, alternating which goes first. Not a test: prints the
 * median of each and their ratio; fails if any recipient did not get exactly
 * one message.
 *   npx tsx bench/send.ts [count] [runs]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { createRenderContext, projectPaths } from '../src/build/context.js';
import { loadStatement } from '../src/load/statement.js';
import { renderEmail } from '../src/render/email/index.js';
import { emailSettings } from '../src/render/email/sender.js';
import { Journal } from '../src/send/journal.js';
import { personalize, recipientMessageId } from '../src/send/message.js';
import type { Recipient } from '../src/send/recipients.js';
import { DEFAULT_CONNECTIONS, sendAll } from '../src/send/send.js';
import { unsubscribeKeys } from '../src/send/unsubscribe.js';
import { smtpTransport } from '../src/send/transport.js';
import { startSmtpServer, type TestSmtpServer } from '../tests/helpers/smtp.js';
import { languageSettings } from '../src/model/config.js';
import { variantsOf } from '../src/model/languages.js';

const count = Number(process.argv[2] ?? 2000);
const runs = Number(process.argv[3] ?? 5);
const root = path.resolve(import.meta.dirname, '..');
const context = await createRenderContext(projectPaths(root));
const statement = (await loadStatement(path.join(root, 'tests/fixtures'), 'complete-statement')).value;
if (!context.value || !statement) throw new Error('could not load the fixture statement');
const ctx = context.value;
const settings = emailSettings(ctx.config, 'en');
const variants = variantsOf(languageSettings(ctx.config), statement.languages);
const emails: Record<string, Buffer> = {};
for (const variant of variants) {
  const rendered = await renderEmail(statement, variant, ctx);
  if (!rendered.output) throw new Error(`cannot render ${variant.name}.eml`);
  emails[variant.name] = rendered.output;
}

const recipients: Recipient[] = Array.from({ length: count }, (_, index) => ({
  email: `reader${index}@example.net`,
  name: `Reader ${index}`,
  variant: variants[index % variants.length]!.name,
  line: index + 2,
}));

const unsubscribe = unsubscribeKeys(ctx, settings, Object.keys(emails), {});

const exactlyOnce = (server: TestSmtpServer) => {
  const counts = server.countsByAddress();
  return recipients.every((recipient) => counts.get(recipient.email) === 1);
};

/** The send engine as `statements send` runs it, journal on disk: messages per second. */
async function engine(): Promise<number> {
  const server = await startSmtpServer();
  const dir = await mkdtemp(path.join(tmpdir(), 'statements-bench-'));
  const journal = Journal.open(path.join(dir, 'journal.jsonl'));
  const transport = await smtpTransport(server.url);
  await transport.open();
  const started = performance.now();
  const report = await sendAll({ emails, recipients, suppressed: new Set(), settings, unsubscribe, journal, transport, sendId: 'bench' });
  const seconds = (performance.now() - started) / 1000;
  journal.close();
  await transport.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
  if (report.sent !== count || report.failed.length > 0 || !exactlyOnce(server)) throw new Error(`the engine sent ${report.sent} of ${count}, ${report.failed.length} failed, each exactly once: ${exactlyOnce(server)}`);
  return count / seconds;
}

/** A plain nodemailer pool with the same messages and as many connections, no journal: messages per second. */
async function plainPool(): Promise<number> {
  const server = await startSmtpServer();
  const pool = nodemailer.createTransport({ pool: true, host: '127.0.0.1', port: server.port, maxConnections: DEFAULT_CONNECTIONS, maxMessages: Infinity });
  const domain = settings.from.address.split('@')[1]!;
  const started = performance.now();
  await Promise.all(
    recipients.map((recipient) => {
      const message = personalize(emails[recipient.variant]!, recipient, settings, { messageId: recipientMessageId('pool', recipient.email, domain), date: new Date(), unsubscribe });
      return pool.sendMail({ envelope: { from: message.envelope.from, to: [message.envelope.to] }, raw: message.raw });
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  pool.close();
  await server.close();
  if (!exactlyOnce(server)) throw new Error('the plain pool did not deliver every message exactly once');
  return count / seconds;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const engineRates: number[] = [];
const poolRates: number[] = [];
for (let run = 0; run < runs; run += 1) {
  // Alternate which goes first, so neither always gets the quieter machine.
  if (run % 2 === 0) {
    engineRates.push(await engine());
    poolRates.push(await plainPool());
  } else {
    poolRates.push(await plainPool());
    engineRates.push(await engine());
  }
}
const size = Object.values(emails).reduce((sum, eml) => sum + eml.length, 0) / variants.length;
const [ours, plain] = [median(engineRates), median(poolRates)];
const listed = (values: number[]) => values.map((value) => value.toFixed(0)).join(', ');
console.log(`${count} messages (~${Math.round(size / 1024)} KiB each), ${DEFAULT_CONNECTIONS} connections, median of ${runs} runs; every recipient exactly once:`);
console.log(`  send engine, journal on disk:      ${ours.toFixed(0)} msg/s (runs: ${listed(engineRates)})`);
console.log(`  plain nodemailer pool, no journal: ${plain.toFixed(0)} msg/s (runs: ${listed(poolRates)})`);
console.log(`  ratio: ${(ours / plain).toFixed(2)} (target: at least 0.80)`);
