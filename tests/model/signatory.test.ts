import { describe, expect, it } from 'vitest';
import { signatoriesByType, sortSignatories, type Signatory } from '../../src/model/signatory.js';

const make = (name: string, type: Signatory['type'] = 'organization'): Signatory => ({ name, type, line: 1, cells: {} });

describe('sortSignatories', () => {
  const list = [make('Zeta'), make('Ñandutí'), make('Nube'), make('émile', 'individual'), make('Ábaco'), make('Oso'), make('Ana', 'individual')];

  it('puts organisations before individuals, each in the language’s alphabetical order', () => {
    expect(sortSignatories(list, 'es').map((s) => s.name)).toEqual(['Ábaco', 'Nube', 'Ñandutí', 'Oso', 'Zeta', 'Ana', 'émile']);
  });

  it('uses the collation of the language: Ñ is its own letter in Spanish, a variant of N in English', () => {
    const names = [make('Ñu'), make('Nz')];
    expect(sortSignatories(names, 'es').map((s) => s.name)).toEqual(['Nz', 'Ñu']);
    expect(sortSignatories(names, 'en').map((s) => s.name)).toEqual(['Ñu', 'Nz']);
  });

  it('does not reorder the input list', () => {
    const copy = [...list];
    sortSignatories(list, 'en');
    expect(list).toEqual(copy);
  });

  it('groups by type', () => {
    const byType = signatoriesByType(list, 'en');
    expect(byType.organization).toHaveLength(5);
    expect(byType.individual.map((s) => s.name)).toEqual(['Ana', 'émile']);
  });
});
