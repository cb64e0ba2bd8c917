import { createHash } from 'node:crypto';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SIGNATORY_FILES } from '../load/statement.js';
import type { PublisherConfig } from '../model/config.js';
import type { Format } from '../render/index.js';
import type { ProjectPaths } from './context.js';

/**
 * What the outputs are made from, as digests: the cache rebuilds an output
 * only when an input it depends on changed. Each project input is one digest,
 * so an edit to the email template rebuilds emails and nothing else.
 */
export interface ProjectDigests {
  /** The publisher config file. */
  config: string;
  /** The logo the config names. */
  logo: string;
  /** The coalition's own PDF fonts (`pdf.fonts.fallback`); the bundled ones are the tool's. */
  fonts: string;
  locales: string;
  htmlTemplates: string;
  emailTemplates: string;
  /** This program: its code, its locked dependencies (bundled fonts included) and the Node it runs on. */
  tool: string;
}

type ProjectInput = keyof ProjectDigests;

/** The inputs each kind of output is made from, besides the statement's own files. */
const DEPENDS_ON: Record<Format, readonly ProjectInput[]> = {
  page: ['config', 'logo', 'locales', 'htmlTemplates', 'tool'],
  email: ['config', 'logo', 'locales', 'emailTemplates', 'tool'],
  pdf: ['config', 'logo', 'fonts', 'locales', 'tool'],
  // The headline and the publisher's name, drawn in the PDF fonts: no UI string, no template.
  image: ['config', 'logo', 'fonts', 'tool'],
};

export function digestOf(parts: Iterable<string | Uint8Array>): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    // Length-prefixed, so two different lists of parts never hash alike.
    hash.update(`${typeof part === 'string' ? Buffer.byteLength(part) : part.byteLength}:`);
    hash.update(part);
  }
  return hash.digest('hex');
}

/**
 * Every file under `dir` (recursively, sorted, symbolic links followed as the
 * loaders follow them), by path relative to it; none when it does not exist.
 */
async function filesUnder(dir: string, keep: (name: string) => boolean = () => true, seen = new Set<string>()): Promise<string[]> {
  let real: string;
  let entries;
  try {
    real = await realpath(dir);
    entries = await readdir(dir);
  } catch (error) {
    if (['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) return [];
    throw error;
  }
  // A link back to a folder above would never end.
  if (seen.has(real)) return [];
  seen.add(real);
  const files: string[] = [];
  for (const name of entries.sort()) {
    const info = await stat(path.join(dir, name)).catch(() => undefined);
    if (info?.isDirectory()) files.push(...(await filesUnder(path.join(dir, name), keep, seen)).map((inner) => path.join(name, inner)));
    else if (info?.isFile() && keep(name)) files.push(name);
  }
  return files;
}

/** The names and bytes of the files under `dir`. */
async function folderDigest(dir: string, keep?: (name: string) => boolean): Promise<string> {
  const parts: (string | Uint8Array)[] = [];
  for (const name of await filesUnder(dir, keep)) parts.push(name, await readFile(path.join(dir, name)));
  return digestOf(parts);
}

async function filesDigest(files: readonly string[]): Promise<string> {
  const parts: (string | Uint8Array)[] = [];
  for (const file of files) parts.push(file, await readFile(file));
  return digestOf(parts);
}

/** The folder this module was loaded from (dist/ when installed, src/ under tsx) and the package's root. */
const CODE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGE_ROOT = path.dirname(CODE_DIR);

async function toolDigest(): Promise<string> {
  const code = await folderDigest(CODE_DIR, (name) => /\.(js|ts|mjs|cjs)$/.test(name));
  // Node's ICU, Unicode and time zone data shape dates, sorting and time zones in the outputs.
  const runtime = JSON.stringify([process.version, process.versions.icu, process.versions.unicode, process.versions.tz, process.versions.zlib]);
  return digestOf([code, runtime, await filesDigest([path.join(PACKAGE_ROOT, 'package.json'), path.join(PACKAGE_ROOT, 'package-lock.json')])]);
}

/** The digests of the project's inputs, read once per build (a few milliseconds: statements are hashed on their own). */
export async function projectDigests(paths: ProjectPaths, config: PublisherConfig): Promise<ProjectDigests> {
  return {
    config: await filesDigest([paths.configFile]),
    logo: digestOf([config.logoBytes ?? '']),
    fonts: await filesDigest(config.fallbackFontPaths),
    locales: await folderDigest(paths.localesDir),
    htmlTemplates: await folderDigest(path.join(paths.templatesDir, 'html')),
    emailTemplates: await folderDigest(path.join(paths.templatesDir, 'email')),
    tool: await toolDigest(),
  };
}

/** Larger files are refused by the loader (src/load/read.ts limits); their size and time stand for them here. */
const LARGEST_HASHED = 64 * 1024 * 1024;

/**
 * A statement's files the loader reads: its Markdown in each configured
 * language and its signatory list. None when one is not a regular file or
 * cannot be read (a folder, a device, a pipe, no permission): such a
 * statement is never taken from the cache, and the loader says what is wrong.
 */
export async function statementDigest(statementsDir: string, slug: string, languages: readonly string[]): Promise<string | undefined> {
  const parts: (string | Uint8Array)[] = [];
  try {
    for (const name of [...languages.map((lang) => `${lang}.md`), ...SIGNATORY_FILES]) {
      const file = path.join(statementsDir, slug, name);
      const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      });
      if (!info) continue;
      // Never opened: reading a pipe or a device could wait, or never end.
      if (!info.isFile()) return undefined;
      parts.push(name, info.size > LARGEST_HASHED ? `${info.size} ${info.mtimeMs}` : await readFile(file));
    }
  } catch {
    return undefined;
  }
  return digestOf(parts);
}

/** What an output of `format` of a statement is made from: equal keys, equal bytes. */
export function outputKey(format: Format, statement: string, project: ProjectDigests): string {
  return digestOf([format, statement, ...DEPENDS_ON[format].map((input) => project[input])]);
}
