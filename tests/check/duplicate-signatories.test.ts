import { describe, expect, it } from 'vitest';
import { checkDuplicateSignatories } from '../../src/check/duplicate-signatories.js';
import { formatDiagnostic } from '../../src/model/diagnostic.js';
import type { Signatory } from '../../src/model/signatory.js';
import { fixtureStatement } from '../helpers/context.js';

const statement = await fixtureStatement('complete-statement');

function withSignatories(signatories: Omit<Signatory, 'line'>[]) {
  return { ...statement, signatories: signatories.map((s, index) => ({ ...s, line: index + 2 })) };
}

describe('checkDuplicateSignatories', () => {
  it('finds a signatory typed twice with different case, accents or punctuation, pointing at both rows', () => {
    const found = checkDuplicateSignatories(
      withSignatories([
        { name: 'Alianza Ríos Vivos', type: 'organization' },
        { name: 'Beta', type: 'organization' },
        { name: 'alianza rios  vivos.', type: 'organization' },
      ]),
    ).map(formatDiagnostic);
    expect(found).toEqual([
      'tests/fixtures/complete-statement/signatories.csv:4:1: warning: "alianza rios  vivos." is listed twice: remove one of the rows [duplicate-signatory]\n' +
        '  tests/fixtures/complete-statement/signatories.csv:2:1: note: first listed here [duplicate-signatory]',
    ]);
  });

  it('keeps an organisation and a person of the same name apart', () => {
    expect(checkDuplicateSignatories(withSignatories([{ name: 'Ana Paz', type: 'organization' }, { name: 'Ana Paz', type: 'individual' }]))).toEqual([]);
  });

  it('finds nothing in the fixture', () => {
    expect(checkDuplicateSignatories(statement)).toEqual([]);
  });
});
