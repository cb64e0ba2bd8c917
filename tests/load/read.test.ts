import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFolders, readBytes, readInput } from '../../src/load/read.js';
import { formatDiagnostic } from '../../src/model/diagnostic.js';

const LIMIT = { what: 'the signatory list', maxBytes: 1024 };

async function scratch(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'statements-read-'));
}

/** Write `bytes` to a scratch file and read it back as an input. */
async function readAs(bytes: Uint8Array | string, options = LIMIT) {
  const file = path.join(await scratch(), 'signatories.csv');
  await writeFile(file, bytes);
  const result = await readInput(file, options);
  return { ...result, messages: result.diagnostics.map((d) => formatDiagnostic(d).replace(/^.*signatories\.csv/, 'signatories.csv')) };
}

const latin1 = (text: string) => Buffer.from(text, 'latin1');

describe('readInput: which files it reads', () => {
  it('says a file is missing without calling it an error (the caller knows whether it must exist)', async () => {
    const result = await readInput(path.join(await scratch(), 'none.csv'), LIMIT);
    expect(result).toEqual({ diagnostics: [], missing: true });
  });

  it('refuses a folder, a FIFO and a device, naming what it found, without blocking', async () => {
    const dir = await scratch();
    await mkdir(path.join(dir, 'folder'));
    execFileSync('mkfifo', [path.join(dir, 'fifo')]);
    await symlink('/dev/zero', path.join(dir, 'zero'));
    const messages = await Promise.all(['folder', 'fifo', 'zero'].map(async (name) => (await readInput(path.join(dir, name), LIMIT)).diagnostics.map((d) => d.reason)));
    expect(messages).toEqual([
      ['the signatory list must be a regular file, but this is a folder: put the file itself here'],
      ['the signatory list must be a regular file, but this is a named pipe (FIFO): put the file itself here'],
      ['the signatory list must be a regular file, but this is a device (it leads to /dev/zero): put the file itself here'],
    ]);
  });

  it('refuses a symbolic link that loops', async () => {
    const dir = await scratch();
    await symlink('loop.csv', path.join(dir, 'loop.csv'));
    const { diagnostics } = await readInput(path.join(dir, 'loop.csv'), LIMIT);
    expect(diagnostics.map(formatDiagnostic)).toEqual([expect.stringMatching(/loop\.csv: error: cannot read the signatory list: the path is a symbolic link that leads back to itself \(a loop\)/)]);
  });

  it('refuses a file over its limit before reading it', async () => {
    const { text, messages } = await readAs('x'.repeat(1025));
    expect(text).toBeUndefined();
    expect(messages).toEqual(['signatories.csv: error: the signatory list may be at most 1 KiB, and this file is 1,025 bytes: check that it is the right file, or make it smaller [input-size]']);
    expect((await readAs('x'.repeat(1024))).text).toHaveLength(1024);
  });

  it('reads bytes unchanged (a logo)', async () => {
    const file = path.join(await scratch(), 'logo.png');
    await writeFile(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0xff]));
    expect((await readBytes(file, { what: 'the logo', maxBytes: 100 })).bytes).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0xff]));
  });
});

describe('readInput: text encodings', () => {
  it('reads UTF-8 with or without a byte order mark', async () => {
    expect((await readAs('name\nÑandutí\n')).text).toBe('name\nÑandutí\n');
    expect((await readAs('\uFEFFname\nÑandutí\n')).text).toBe('name\nÑandutí\n');
  });

  it('decodes UTF-16 with a byte order mark, and without one when its zero bytes tell', async () => {
    const le = Buffer.from('\uFEFFname\nComité Ñandú\n', 'utf16le');
    const be = Buffer.from(le).swap16();
    const bare = Buffer.from('name\nComité Ñandú\n', 'utf16le');
    for (const bytes of [le, be, bare]) {
      const result = await readAs(bytes);
      expect(result.messages).toEqual([]);
      expect(result.text).toBe('name\nComité Ñandú\n');
    }
  });

  it('decodes Windows-1252 (what Excel on Windows writes) with a warning at the first byte that is not UTF-8', async () => {
    const bytes = Buffer.concat([latin1('name,city\nRed Andina,Lima\nComité Ñandú,Asunción\n'), Buffer.from([0x93]), latin1('La Voz'), Buffer.from([0x94]), latin1(',Cádiz\nRéseau d'), Buffer.from([0x92]), latin1('Ivoire,Abidjan\n')]);
    const result = await readAs(bytes);
    expect(result.text).toBe('name,city\nRed Andina,Lima\nComité Ñandú,Asunción\n“La Voz”,Cádiz\nRéseau d’Ivoire,Abidjan\n');
    expect(result.messages).toEqual([
      expect.stringMatching(/^signatories\.csv:3:6: warning: the signatory list is not UTF-8: read it as Windows-1252 .*save it as UTF-8 \(Excel: Save As › "CSV UTF-8"/),
    ]);
  });

  it('stops with the first bad line when the encoding cannot be told (Cyrillic Windows-1251, Polish Windows-1250)', async () => {
    const russian = Buffer.concat([latin1('name\nRed Andina\n'), Buffer.from([0xcf, 0xf0, 0xe8, 0xf0, 0xee, 0xe4, 0xe0, 0x20, 0xe8, 0x20, 0xeb, 0xfe, 0xe4, 0xe8, 0x0a])]);
    const polish = Buffer.concat([latin1('name,city\nFundacja Rzeka,'), Buffer.from([0xa3, 0xf3, 0x64, 0x9f]), latin1('\n')]);
    for (const [bytes, at] of [[russian, '3:1'], [polish, '2:16']] as const) {
      const result = await readAs(bytes);
      expect(result.text).toBeUndefined();
      expect(result.messages).toEqual([expect.stringMatching(new RegExp(`^signatories\\.csv:${at}: error: the signatory list is not UTF-8 text, and its encoding cannot be told for sure.*: save it as UTF-8`))]);
    }
  });

  it('refuses a replacement character or a NUL in the text, at its line and column', async () => {
    expect((await readAs('name\nComit\uFFFD \uFFFDandu\n')).messages).toEqual([
      'signatories.csv:2:6: error: the signatory list contains the replacement character U+FFFD (shown as �), left where an earlier conversion lost a letter: retype the damaged word (and look for others) [encoding]',
    ]);
    expect((await readAs('name\nRed\0Andina\n')).messages).toEqual([expect.stringMatching(/^signatories\.csv:2:4: error: the signatory list contains a NUL character \(U\+0000\)/)]);
  });
});

describe('listFolders', () => {
  it('lists folders and links to folders, and reports links that loop or lead nowhere', async () => {
    const dir = await scratch();
    await mkdir(path.join(dir, 'water-2026'));
    await mkdir(path.join(dir, 'elsewhere'));
    await symlink('elsewhere', path.join(dir, 'linked'));
    await symlink('loop', path.join(dir, 'loop'));
    await symlink('gone', path.join(dir, 'dangling'));
    await writeFile(path.join(dir, 'README.md'), 'notes');
    const listing = await listFolders(dir, 'the statements folder');
    expect(listing.folders).toEqual(['elsewhere', 'linked', 'water-2026']);
    expect(listing.diagnostics.map((d) => `${path.basename(d.file ?? '')}: ${d.reason}`).sort()).toEqual([
      'dangling: this symbolic link leads nowhere (its target does not exist): remove it, or point it at a folder',
      'loop: this symbolic link leads back to itself (a loop): remove it, or point it at a folder',
    ]);
  });

  it('says a folder that is a file is not a folder', async () => {
    const file = path.join(await scratch(), 'statements');
    await writeFile(file, '');
    expect((await listFolders(file, 'the statements folder')).diagnostics.map((d) => d.reason)).toEqual([expect.stringMatching(/^the statements folder must be a folder, but this is a file/)]);
  });
});
