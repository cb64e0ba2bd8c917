/**
 * What the corpus cases about `send` share (tests/fixtures/corpus/send-*):
 * a project holding the fixture statement and a short recipients list, and
 * journals at the place the CLI looks for them.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, realpath, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import { defaultJournalFile } from '../../src/send/locations.js';
import { FIXTURES } from '../helpers/cli.js';
import type { CaseModule } from '../helpers/corpus.js';

export const SLUG = 'complete-statement';

/** A journal line as a send writes it: Ana was sent. */
export const ANA_SENT = JSON.stringify({ type: 'sent', at: '2026-03-02T09:00:00.000Z', email: 'ana@example.net', messageId: '<1@example.org>', response: '250 OK' });

export async function sendProject(project: string, list = 'email,name,language\nana@example.net,Ana Pérez,es\nbob@example.net,Bob Reyes,en\n'): Promise<void> {
  await cp(path.join(FIXTURES, SLUG), path.join(project, 'statements', SLUG), { recursive: true });
  await writeFile(path.join(project, 'list.csv'), list);
}

/** Where `send complete-statement --to list.csv` keeps its journal when run in `project`. */
export async function journalOf(project: string): Promise<string> {
  const real = await realpath(project);
  return defaultJournalFile(path.join(real, 'out'), SLUG);
}

/** A case whose journal holds `content`: the run must refuse it and leave it exactly as it was, unlocked. */
export function journalCase(content: string): Required<CaseModule> {
  return {
    async setup(project) {
      await sendProject(project);
      const journal = await journalOf(project);
      await mkdir(path.dirname(journal), { recursive: true });
      await writeFile(journal, content);
    },
    async verify(project) {
      const journal = await journalOf(project);
      expect(await readFile(journal, 'utf8')).toBe(content);
      expect(existsSync(`${journal}.lock`), 'the lock was left behind').toBe(false);
    },
  };
}
