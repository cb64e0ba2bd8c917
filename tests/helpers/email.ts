import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { createRenderContext, projectPaths } from '../../src/build/context.js';
import { loadStatement } from '../../src/load/statement.js';
import { renderEmail } from '../../src/render/email/index.js';
import { emailSettings, type EmailSettings } from '../../src/render/email/sender.js';
import type { UnsubscribeKeys } from '../../src/send/message.js';
import { unsubscribeKeys } from '../../src/send/unsubscribe.js';
import type { Statement } from '../../src/model/statement.js';
import type { RenderContext } from '../../src/render/context.js';
import { FIXTURES, PROJECT_ROOT } from './cli.js';
import { outputOf } from './render.js';
import { edition, VARIANT_NAMES } from './variants.js';

/** The repository's own config, templates and locales, as `statements build` uses them. */
export async function projectContext(): Promise<RenderContext> {
  const loaded = await createRenderContext(projectPaths(PROJECT_ROOT));
  if (!loaded.value) throw new Error(loaded.diagnostics.map(String).join('\n'));
  return loaded.value;
}

export async function fixtureStatement(name = 'complete-statement'): Promise<Statement> {
  const loaded = await loadStatement(FIXTURES, name);
  if (!loaded.value) throw new Error(loaded.diagnostics.map(String).join('\n'));
  return loaded.value;
}

export function parseEml(eml: Buffer | string): Promise<ParsedMail> {
  return simpleParser(eml);
}

/** The raw header section of a message, unfolded, as `name: value` lines. */
export function rawHeaders(eml: Buffer | string): string[] {
  const text = eml.toString();
  const head = text.slice(0, text.indexOf('\r\n\r\n'));
  return head.replace(/\r\n[ \t]+/g, ' ').split('\r\n');
}

export const EMAIL_FIXTURE_DIR = path.join(FIXTURES, 'complete-statement');

/** The fixture statement's email in each edition, built with the project's own config: `eml('es')` is es.eml. */
export async function fixtureEmails(): Promise<{ ctx: RenderContext; statement: Statement; eml: (variant: string) => Buffer }> {
  const ctx = await projectContext();
  const statement = await fixtureStatement();
  const emails = new Map<string, Buffer>();
  for (const variant of VARIANT_NAMES) emails.set(variant, outputOf(await renderEmail(statement, edition(variant), ctx)));
  const eml = (variant: string) => {
    const bytes = emails.get(variant);
    if (!bytes) throw new Error(`no ${variant}.eml`);
    return bytes;
  };
  return { ctx, statement, eml };
}

/** What a send of the fixture needs: its emails, the sender settings with a one-click unsubscribe page, and the keys for its tokens. */
export async function sendFixture(): Promise<{ ctx: RenderContext; emails: Record<string, Buffer>; settings: EmailSettings; unsubscribe: UnsubscribeKeys }> {
  const { ctx, eml } = await fixtureEmails();
  const emails = Object.fromEntries(VARIANT_NAMES.map((variant) => [variant, eml(variant)]));
  const settings = { ...emailSettings(ctx.config, 'en'), unsubscribeUrl: 'https://lists.example.org/unsubscribe?t={token}' };
  const unsubscribe = unsubscribeKeys(ctx, settings, VARIANT_NAMES, { STATEMENTS_UNSUBSCRIBE_SECRET: 'a test secret of some length' });
  return { ctx, emails, settings, unsubscribe };
}
