import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratchProject } from '../../helpers/cli.js';
import { readPdf } from '../../helpers/pdf.js';
import { writeStatement } from '../../load/corpus-statement.js';

const EN = [
  'Alpha: in 2019 the river carried 412 cubic metres a second at the gauge of San Pedro, the highest flow on record for the dry season.',
  'Bravo: by 2023 the same gauge read 198 cubic metres a second, and three villages downstream saw their wells dry up before the rains came back.',
  'Charlie: the coalition counted 37 irrigation permits issued since 2020 without any study of what the river can give.',
  'Delta: it asks the ministry to publish every permit, its volume and its holder, within 30 days.',
  'Echo: and it asks for a public gauge at each of the 12 river mouths, read daily and published as open data.',
];
const ES = [
  'Alfa: en 2019 el río llevaba 412 metros cúbicos por segundo en la estación de San Pedro, el mayor caudal registrado en la estación seca.',
  // Bravo is missing from the translation.
  'Charlie (es): la coalición contó 37 permisos de riego otorgados desde 2020 sin ningún estudio de lo que el río puede dar, ni consulta a las comunidades que viven de él.',
  'Delta (es): pide al ministerio publicar cada permiso, su volumen y su titular, en un plazo de 30 días.',
  'Echo (es): y pide una estación pública en cada una de las 12 desembocaduras, leída a diario y publicada como datos abiertos.',
];

describe('parallel PDF of a translation missing a paragraph', () => {
  it('with --force, starts every later paragraph level with its translation and names both files', async () => {
    const project = await scratchProject([]);
    await writeStatement(project, 'gap', {
      'en.md': `---\ntitle: "A river in numbers"\ndate: 2026-03-02\n---\n\n${EN.join('\n\n')}\n`,
      'es.md': `---\ntitle: "Un río en cifras"\n---\n\n${ES.join('\n\n')}\n`,
    });
    const result = await runCli(['build', 'gap', '--force'], { cwd: project });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/statements\/gap\/en\.md:8:1: warning: .*es\.md.*\(published anyway: --force\) \[structure\]/);
    const pdf = await readPdf(await readFile(path.join(project, 'out/gap/bilingual.pdf')));
    const start = (word: string) => {
      for (const [page, { items }] of pdf.pages.entries()) {
        const item = items.find((candidate) => candidate.str.startsWith(word));
        if (item) return { page, ...item };
      }
      throw new Error(`${word} not found`);
    };
    for (const [en, es] of [['Alpha', 'Alfa'], ['Charlie:', 'Charlie (es)'], ['Delta:', 'Delta (es)'], ['Echo:', 'Echo (es)']] as const) {
      const left = start(en);
      const right = start(es);
      expect(right.x, `${es} is in the right column`).toBeGreaterThan(left.x + 100);
      expect([right.page, Math.round(right.y)], `${es} starts level with ${en}`).toEqual([left.page, Math.round(left.y)]);
    }
    // Bravo has the right column to itself: the Spanish Charlie starts below it, with the English one.
    expect(start('Charlie (es)').y).toBeLessThan(start('Bravo').y);
  }, 60_000);
});
