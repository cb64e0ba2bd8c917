import { existsSync, readdirSync, realpathSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { workDir } from '../build/context.js';
import { displayPath } from '../load/read.js';
import { diagnostic, DiagnosticsError, type Diagnostic } from '../model/diagnostic.js';
import { Journal, type JournalRecord, type RecipientState } from './journal.js';

/*
 * Where a send keeps its state. Never in the output folder: deploying it
 * would publish the journal and the dry-run outbox, and with them every
 * address on the list. Both live in the work folder beside it.
 */

/** `.statements/send/<slug>/journal.jsonl` beside the output folder: one journal per statement, whatever list it goes to. */
export function defaultJournalFile(outDir: string, slug: string): string {
  return path.join(workDir(outDir), 'send', slug, 'journal.jsonl');
}

/** `.statements/outbox/<slug>/` beside the output folder: where `--dry-run` writes its messages. */
export function outboxDir(outDir: string, slug: string): string {
  return path.join(workDir(outDir), 'outbox', slug);
}

/** Where versions before the work folder wrote dry-run messages, inside the published output. */
export function legacyOutbox(outDir: string, slug: string): string {
  return path.join(outDir, slug, 'outbox');
}

/** The folders older versions kept their per-list journals (`<list>-<hash of its path>.jsonl`) in: beside the output folder, and before that inside it. */
export function listJournalFolders(outDir: string, slug: string): string[] {
  return [path.join(workDir(outDir), 'send', slug), path.join(outDir, slug, 'send')];
}

/** When one address has different outcomes in several lists' journals, the one that keeps it from being mailed twice wins. */
const PRECEDENCE: Record<RecipientState, number> = { sent: 4, unconfirmed: 3, 'failed-permanent': 2, sending: 1, 'failed-temporary': 0 };

/**
 * Older versions kept one journal per list, so the same person on two lists
 * got the statement twice. Their journals are folded into the statement's:
 * each address it has no line for gets the outcome those journals record
 * (`sent` wins over the rest), made durable, and only then are they deleted.
 * Run again after a crash, it adds nothing twice. A journal an older version
 * is still sending with is refused (its lock is honoured). Returns the notice
 * to show, if anything was folded.
 */
export async function foldListJournals(journal: Journal, outDir: string, slug: string): Promise<string | undefined> {
  const files = listJournalFolders(outDir, slug).flatMap((folder) => {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      return []; // no such folder: nothing to fold
    }
    return names.filter((name) => /-[0-9a-f]{8}\.jsonl$/.test(name)).map((name) => path.join(folder, name));
  });
  if (files.length === 0) return undefined;
  const opened: Journal[] = [];
  try {
    const merged = new Map<string, JournalRecord>();
    for (const file of files) {
      const listJournal = Journal.open(file);
      opened.push(listJournal);
      for (const [email, record] of listJournal.records) {
        const known = merged.get(email);
        if (!known || PRECEDENCE[record.state] > PRECEDENCE[known.state]) merged.set(email, record);
      }
    }
    const taken = journal.adopt(merged, new Date().toISOString(), files.map((file) => path.basename(file)).join(', '));
    await journal.durable();
    for (const listJournal of opened.splice(0)) {
      listJournal.close();
      unlinkSync(listJournal.file!);
    }
    for (const folder of listJournalFolders(outDir, slug).slice(1)) {
      try {
        rmdirSync(folder);
      } catch {
        // Not empty, or already gone: leave it.
      }
    }
    return `Folded the journals older versions kept per list (${files.map(displayPath).join(', ')}) into ${displayPath(journal.file!)}: ${taken} address${taken === 1 ? '' : 'es'} taken over. The journal is now kept per statement, so each address gets it once, whatever list it is on.`;
  } catch (error) {
    if (error instanceof DiagnosticsError || !(error as NodeJS.ErrnoException).code) throw error;
    throw new DiagnosticsError([
      diagnostic('error', 'send-journal', `the journals older versions kept per list could not be folded into this one (${(error as NodeJS.ErrnoException).code}): check the permissions of ${files.map(displayPath).join(', ')}, then run the command again`, { file: displayPath(journal.file!) }),
    ]);
  } finally {
    for (const listJournal of opened) listJournal.close();
  }
}

/** What a send reads, which `--journal` must never name. */
export interface SendInputs {
  statementsDir: string;
  outDir: string;
  /** Where the press copies of statements under embargo are (default: `embargoed/` beside the output folder). */
  embargoedDir?: string;
  /** Other folders read (templates, locales), each with what to call it. */
  folders: { path: string; what: string }[];
  /** Files read (config, recipients, suppression list, logo), each with what to call it. */
  files: { path: string; what: string }[];
}

/**
 * Refuse a `--journal` that would write addresses where they are published or
 * read back: inside the statements or output folder, into any input, or onto
 * a folder. Symbolic links are followed, so a link to an input is refused too.
 */
export function checkJournalPath(journal: string, inputs: SendInputs): Diagnostic | undefined {
  const refuse = (why: string) =>
    diagnostic('error', 'send-journal', `--journal ${why}: nothing was sent. Leave out --journal to keep the journal in the work folder beside the output folder, or name a new file outside ${displayPath(inputs.statementsDir)}/ and ${displayPath(inputs.outDir)}/`, {
      file: displayPath(journal),
    });
  const real = realPath(journal);
  if (existsSync(journal) && statSync(journal).isDirectory()) return refuse('names a folder, not a file');
  for (const file of inputs.files) {
    if (sameFile(journal, file.path)) return refuse(`names ${file.what}, which the send reads: it would write every address into it`);
  }
  const folders = [
    { path: inputs.statementsDir, what: 'the statements folder, whose files are read and published' },
    { path: inputs.outDir, what: 'the output folder, which is published as a whole' },
    ...inputs.folders,
  ];
  for (const folder of folders) {
    if (isInside(real, realPath(folder.path))) return refuse(`is inside ${folder.what} (${displayPath(folder.path)}/)`);
  }
  return undefined;
}

function sameFile(a: string, b: string): boolean {
  if (existsSync(a) && existsSync(b)) {
    const [first, second] = [statSync(a), statSync(b)];
    return first.dev === second.dev && first.ino === second.ino;
  }
  return realPath(a) === realPath(b);
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** The path with every symbolic link in its existing part resolved. */
function realPath(file: string): string {
  const missing: string[] = [];
  let existing = path.resolve(file);
  for (;;) {
    try {
      return path.join(realpathSync.native(existing), ...missing);
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return path.resolve(file);
      missing.unshift(path.basename(existing));
      existing = parent;
    }
  }
}
