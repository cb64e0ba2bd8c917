import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, realpathSync, renameSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { workDir } from '../build/context.js';
import { displayPath } from '../load/read.js';
import { diagnostic, DiagnosticsError, type Diagnostic } from '../model/diagnostic.js';
import { acquireLock, LockPathError } from './lock.js';

/*
 * Where a send keeps its state. Never in the output folder: deploying it
 * would publish the journal and the dry-run outbox, and with them every
 * address on the list. Both live in the work folder beside it.
 */

/** `<list>-<hash of its path>.jsonl`: one journal per statement and list. */
function journalName(recipientsFile: string): string {
  const digest = createHash('sha256').update(recipientsFile).digest('hex').slice(0, 8);
  return `${path.basename(recipientsFile, path.extname(recipientsFile))}-${digest}.jsonl`;
}

/** `.statements/send/<slug>/<list>-<hash>.jsonl` beside the output folder. */
export function defaultJournalFile(outDir: string, slug: string, recipientsFile: string): string {
  return path.join(workDir(outDir), 'send', slug, journalName(recipientsFile));
}

/** `.statements/outbox/<slug>/` beside the output folder: where `--dry-run` writes its messages. */
export function outboxDir(outDir: string, slug: string): string {
  return path.join(workDir(outDir), 'outbox', slug);
}

/** Where versions before the work folder kept them, inside the published output. */
export function legacyLocations(outDir: string, slug: string, recipientsFile: string) {
  const sendDir = path.join(outDir, slug, 'send');
  return { sendDir, journal: path.join(sendDir, journalName(recipientsFile)), outbox: path.join(outDir, slug, 'outbox') };
}

/**
 * A journal an older version kept at `out/<slug>/send/` is moved to its new
 * place (so an interrupted send resumes), unless that older version is still
 * sending with it. Returns the notice to show, if anything was moved.
 */
export function moveLegacyJournal(outDir: string, slug: string, recipientsFile: string): string | undefined {
  const legacy = legacyLocations(outDir, slug, recipientsFile);
  const target = defaultJournalFile(outDir, slug, recipientsFile);
  if (!existsSync(legacy.journal)) return undefined;
  const fail = (reason: string): never => {
    throw new DiagnosticsError([diagnostic('error', 'send-journal', reason, { file: displayPath(legacy.journal) })]);
  };
  if (existsSync(target)) {
    fail(`this send has two journals, this one (where older versions kept it, inside the published output folder) and ${displayPath(target)}: keep the right one at ${displayPath(target)}, delete the other, and run the command again`);
  }
  try {
    // The older version's lock (its pid alone) is honoured while that process lives.
    const lock = acquireLock(`${legacy.journal}.lock`);
    if ('holder' in lock) return fail(`another send (process ${lock.holder.pid}) is using this journal: wait for it to finish, then run the command again`);
    try {
      mkdirSync(path.dirname(target), { recursive: true });
      try {
        renameSync(legacy.journal, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
        // The work folder is on another file system than the output folder.
        copyFileSync(legacy.journal, target);
        unlinkSync(legacy.journal);
      }
    } finally {
      lock.held.release();
    }
  } catch (error) {
    if (error instanceof DiagnosticsError) throw error;
    const code = error instanceof LockPathError ? error.code : ((error as NodeJS.ErrnoException).code ?? String(error));
    fail(`this journal, where older versions kept it inside the published output folder, could not be moved to ${displayPath(target)} (${code}): move it there yourself, then run the command again`);
  }
  try {
    rmdirSync(legacy.sendDir);
  } catch {
    // Not empty (other lists' journals, moved when they are sent to): leave it.
  }
  return `Moved the send journal from ${displayPath(legacy.journal)} to ${displayPath(target)}: the output folder is published, and a journal lists every address.`;
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
