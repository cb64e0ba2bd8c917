import { describe, expect, it } from 'vitest';
import { signatories as rule } from '../../../src/check/rules/signatories.js';
import { formatDiagnostic } from '../../../src/model/diagnostic.js';
import type { Signatory } from '../../../src/model/signatory.js';
import { fixtureStatement, projectCheckContext } from '../../helpers/context.js';

const statement = await fixtureStatement('complete-statement');
const ctx = await projectCheckContext();
const checkDuplicateSignatories = async (s: typeof statement) => rule.check(s, ctx);

function withSignatories(signatories: Omit<Signatory, 'line'>[]) {
  return { ...statement, signatories: signatories.map((s, index) => ({ ...s, line: index + 2 })) };
}

describe('signatories: duplicates', () => {
  it('finds a signatory typed twice with different case, accents or punctuation, pointing at both rows', async () => {
    const found = (await checkDuplicateSignatories(
      withSignatories([
        { name: 'Alianza Ríos Vivos', type: 'organization' },
        { name: 'Beta', type: 'organization' },
        { name: 'alianza rios  vivos.', type: 'organization' },
      ]),
    )).map(formatDiagnostic);
    expect(found).toEqual([
      'tests/fixtures/complete-statement/signatories.csv:4:1: error: "alianza rios  vivos." is listed twice: remove one of the rows [signatories]\n' +
        '  tests/fixtures/complete-statement/signatories.csv:2:1: note: first listed here [signatories]',
    ]);
  });

  it('keeps an organisation and a person of the same name apart', async () => {
    expect(await checkDuplicateSignatories(withSignatories([{ name: 'Ana Paz', type: 'organization' }, { name: 'Ana Paz', type: 'individual' }]))).toEqual([]);
  });

  it('finds nothing in the fixture', async () => {
    expect(await checkDuplicateSignatories(statement)).toEqual([]);
  });
});
