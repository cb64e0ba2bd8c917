import type { Block } from '../../model/alignment.js';
import { blockFigures, figureFormats, type Figure } from '../../model/figures/index.js';
import { sourcePoints } from '../../model/source-points.js';
import { sourceText, textIn, type StatementText } from '../../model/statement.js';
import { BodyReferences } from '../../render/references.js';
import type { StatementRule } from '../rule.js';
import { figureFindings } from './figures-compare.js';

export const figures: StatementRule = {
  id: 'figures',
  severity: 'error',
  description:
    'a number, year, percentage, amount, date with a month name, web address or email address of the original that its translation lacks or writes differently, or the other way round (each language writes them its own way: 1,000 and 1.000, 31% and 31 %, 15 January and 15 de enero)',
  stage: 'statement',
  withholds: 'statement',
  check(statement) {
    const original = sourceText(statement);
    const readSource = reader(original);
    return Object.entries(statement.alignments).flatMap(([lang, aligned]) => {
      const text = textIn(statement, lang);
      const readTranslation = reader(text);
      return aligned.flatMap(({ source, translation }) =>
        source && translation
          ? figureFindings({ file: original.file, block: source, figures: readSource(source) }, { file: text.file, block: translation, figures: readTranslation(translation) })
          : [],
      );
    });
  },
};

/** The figures of a text's blocks, read in its language's formats, each block read once (the source is compared with every translation). */
function reader(text: StatementText): (block: Block) => Figure[] {
  const formats = figureFormats(text.lang);
  const { definitions } = new BodyReferences().collect(text.body);
  const points = sourcePoints(text.source);
  const read = new Map<Block, Figure[]>();
  return (block) => {
    let found = read.get(block);
    if (!found) {
      found = blockFigures(block, formats, definitions, points);
      read.set(block, found);
    }
    return found;
  };
}
