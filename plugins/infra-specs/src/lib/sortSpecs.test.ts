import { makeSpec } from '../__testUtils__/specs';
import { searchSpecs, sortSpecs } from './sortSpecs';

const a = makeSpec({
  name: 'a',
  document: {
    id: 'SPEC-10',
    title: 'Zebra crossing',
    status: 'approved',
    impact: { blastRadius: { level: 'critical', text: 'All of eu-west-1' } },
    cost: { monthlyDelta: -50 },
    acceptance: { total: 4, done: 4 },
  },
});
const b = makeSpec({
  name: 'b',
  document: {
    id: 'SPEC-9',
    title: 'Apple orchard',
    status: 'draft',
    impact: { blastRadius: { level: 'low', text: null }, rollback: null },
    cost: { monthlyDelta: null },
    acceptance: { total: 0, done: 0 },
  },
});
const c = makeSpec({
  name: 'c',
  document: {
    id: 'SPEC-11',
    title: 'Mango',
    status: 'in-review',
    impact: {
      blastRadius: { level: 'high', text: null },
      rollback: 'irreversible',
    },
    cost: { monthlyDelta: 900 },
    acceptance: { total: 2, done: 1 },
  },
});

const ids = (specs: { document: { id: string | null } }[]) =>
  specs.map(s => s.document.id);

describe('sortSpecs', () => {
  it('sorts ids naturally', () => {
    expect(
      ids(sortSpecs([a, b, c], { column: 'id', direction: 'asc' })),
    ).toEqual(['SPEC-9', 'SPEC-10', 'SPEC-11']);
  });

  it('sorts statuses and levels by their vocabulary order, not alphabetically', () => {
    expect(
      ids(sortSpecs([a, b, c], { column: 'status', direction: 'asc' })),
    ).toEqual(['SPEC-9', 'SPEC-11', 'SPEC-10']);
    expect(
      ids(sortSpecs([a, b, c], { column: 'blastRadius', direction: 'desc' })),
    ).toEqual(['SPEC-10', 'SPEC-11', 'SPEC-9']);
  });

  it('puts missing values last in both directions', () => {
    expect(
      ids(
        sortSpecs([b, a, c], { column: 'monthlyCostDelta', direction: 'asc' }),
      ),
    ).toEqual(['SPEC-10', 'SPEC-11', 'SPEC-9']);
    expect(
      ids(
        sortSpecs([b, a, c], { column: 'monthlyCostDelta', direction: 'desc' }),
      ),
    ).toEqual(['SPEC-11', 'SPEC-10', 'SPEC-9']);
    expect(
      ids(sortSpecs([b, a, c], { column: 'acceptance', direction: 'desc' })),
    ).toEqual(['SPEC-10', 'SPEC-11', 'SPEC-9']);
  });
});

describe('searchSpecs', () => {
  it('matches every word against id, title and blast radius text', () => {
    expect(ids(searchSpecs([a, b, c], 'spec-9'))).toEqual(['SPEC-9']);
    expect(ids(searchSpecs([a, b, c], 'zebra EU-WEST'))).toEqual(['SPEC-10']);
    expect(ids(searchSpecs([a, b, c], 'zebra mango'))).toEqual([]);
    expect(searchSpecs([a, b, c], '  ')).toHaveLength(3);
  });
});
