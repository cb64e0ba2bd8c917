/**
 * Messages per second through the real send path (journal locked, each outcome
 * flushed, one SMTP connection kept open) to an in-process smtp-server on
 * 127.0.0.1, for a 2,000-recipient list. Not a test: prints what it measured.
 *   npx tsx bench/send.ts [count]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRenderContext, projectPaths } from '../src/build/context.js';
import { loadStatement } from '../src/load/statement.js';
import { renderEmail } from '../src/render/email/index.js';
import { emailSettings } from '../src/render/email/sender.js';
import { Journal } from '../src/send/journal.js';
import type { Recipient } from '../src/send/recipients.js';
import { sendAll } from '../src/send/send.js';
import { unsubscribeKeys } from '../src/send/unsubscribe.js';
import { smtpTransport } from '../src/send/transport.js';
import { startSmtpServer } from '../tests/helpers/smtp.js';
import { languageSettings } from '../src/model/config.js';
import { variantsOf } from '../src/model/languages.js';

const count = Number(process.argv[2] ?? 2000);
const root = path.resolve(import.meta.dirname, '..');
const context = await createRenderContext(projectPaths(root));
const statement = (await loadStatement(path.join(root, 'tests/fixtures'), 'complete-statement')).value;
if (!context.value || !statement) throw new Error('could not load the fixture statement');
const ctx = context.value;
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

const server = await startSmtpServer();
const dir = await mkdtemp(path.join(tmpdir(), 'statements-bench-'));
const journal = Journal.open(path.join(dir, 'send.jsonl'));
const transport = await smtpTransport(server.url);
await transport.open();
const settings = emailSettings(ctx.config, 'en');
const unsubscribe = unsubscribeKeys(ctx, settings, Object.keys(emails), {});
const started = performance.now();
const report = await sendAll({ emails, recipients, suppressed: new Set(), settings, unsubscribe, journal, transport, sendId: 'bench' });
const seconds = (performance.now() - started) / 1000;
journal.close();
await transport.close();
await server.close();
await rm(dir, { recursive: true, force: true });

const counts = server.countsByAddress();
const exactlyOnce = recipients.every((recipient) => counts.get(recipient.email) === 1);
const size = Object.values(emails).reduce((sum, eml) => sum + eml.length, 0) / variants.length;
console.log(`${report.sent} messages (~${Math.round(size / 1024)} KiB each) in ${seconds.toFixed(2)} s: ${(report.sent / seconds).toFixed(0)} msg/s, journal fsync'd once per message; failed ${report.failed.length}; every recipient exactly once: ${exactlyOnce}`);
if (!exactlyOnce || report.failed.length > 0) process.exitCode = 1;
