import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/load/config.js';
import { formatDiagnostic } from '../../../src/model/diagnostic.js';
import { PROJECT_ROOT } from '../../helpers/cli.js';

const VALID = 'name: Coalition\nbaseUrl: https://example.org\nemail:\n  from: press@example.org\n';
const NOTO_SANS = path.join(PROJECT_ROOT, 'node_modules/@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf');

/** A config folder with a fonts/ folder holding a good font, a text file named .ttf, a folder named .ttf and a collection. */
async function project(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'statements-fonts-'));
  await mkdir(path.join(dir, 'fonts/folder.ttf'), { recursive: true });
  await copyFile(NOTO_SANS, path.join(dir, 'fonts/good.ttf'));
  await copyFile(NOTO_SANS, path.join(dir, 'fonts/good.woff'));
  await writeFile(path.join(dir, 'fonts/notes.ttf'), 'not a font at all');
  // A TrueType collection header: "ttcf", version 1.0, no fonts.
  await writeFile(path.join(dir, 'fonts/family.ttc.ttf'), Buffer.from([0x74, 0x74, 0x63, 0x66, 0, 1, 0, 0, 0, 0, 0, 0]));
  return dir;
}

async function load(pdf: string) {
  const dir = await project();
  await writeFile(path.join(dir, 'publisher.yaml'), `${VALID}pdf:\n  fonts:\n${pdf}`);
  const { value, diagnostics } = await loadConfig(path.join(dir, 'publisher.yaml'));
  return { dir, value, errors: diagnostics.map((d) => formatDiagnostic(d).replace(/^.*publisher\.yaml/, 'publisher.yaml')) };
}

describe('pdf.fonts.fallback in publisher.yaml', () => {
  it('takes one font or a list, in order, as absolute paths', async () => {
    const one = await load('    fallback: fonts/good.ttf\n');
    expect(one.errors).toEqual([]);
    expect(one.value?.fallbackFontPaths).toEqual([path.join(one.dir, 'fonts/good.ttf')]);
    await copyFile(NOTO_SANS, path.join(one.dir, 'fonts/second.otf'));
    await writeFile(path.join(one.dir, 'publisher.yaml'), `${VALID}pdf:\n  fonts:\n    fallback:\n      - fonts/second.otf\n      - fonts/good.ttf\n`);
    const list = await loadConfig(path.join(one.dir, 'publisher.yaml'));
    expect(list.diagnostics).toEqual([]);
    expect(list.value?.fallbackFontPaths).toEqual([path.join(one.dir, 'fonts/second.otf'), path.join(one.dir, 'fonts/good.ttf')]);
  });

  it('reports every bad font at its own line and column, once, with what is wrong', async () => {
    const { value, errors } = await load(
      ['    fallback:', '      - fonts/good.ttf', '      - fonts/missing.ttf', '      - fonts/folder.ttf', '      - fonts/good.woff', '      - fonts/notes.ttf', '      - fonts/family.ttc.ttf', ''].join('\n'),
    );
    expect(value).toBeUndefined();
    expect(errors).toEqual([
      expect.stringMatching(/^publisher\.yaml:9:9: error: PDF fallback font "fonts\/missing\.ttf" does not exist \(looked for .*fonts\/missing\.ttf\): fix `pdf\.fonts\.fallback`/),
      expect.stringMatching(/^publisher\.yaml:10:9: error: PDF fallback font "fonts\/folder\.ttf" is a folder/),
      expect.stringMatching(/^publisher\.yaml:11:9: error: PDF fallback font "fonts\/good\.woff" is not a \.ttf or \.otf file/),
      expect.stringMatching(/^publisher\.yaml:12:9: error: PDF fallback font "fonts\/notes\.ttf" cannot be read as a font/),
      expect.stringMatching(/^publisher\.yaml:13:9: error: PDF fallback font "fonts\/family\.ttc\.ttf" is a font collection: extract one \.ttf or \.otf font from it/),
    ]);
  });

  it('points at the value when one font is given as a string', async () => {
    const { errors } = await load('    fallback: "fonts/notes.ttf"\n');
    expect(errors).toEqual([expect.stringMatching(/^publisher\.yaml:7:16: error: PDF fallback font "fonts\/notes\.ttf" cannot be read as a font/)]);
  });
});
