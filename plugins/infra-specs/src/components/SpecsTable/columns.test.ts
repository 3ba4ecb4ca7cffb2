import { layoutColumns, type SpecsTableColumn } from './columns';

const PORTFOLIO: SpecsTableColumn[] = [
  'id',
  'title',
  'component',
  'owner',
  'status',
  'format',
  'blastRadius',
  'monthlyCostDelta',
  'acceptance',
  'badges',
  'updated',
];

describe('layoutColumns', () => {
  it('keeps only id, title, status, blast radius and cost as cells on a narrow window', () => {
    expect(layoutColumns(PORTFOLIO, false)).toEqual({
      inline: ['id', 'title', 'status', 'blastRadius', 'monthlyCostDelta'],
      underTitle: ['component', 'owner', 'badges'],
      detail: ['format', 'acceptance', 'updated'],
    });
  });

  it('gives every column a cell on a wide window', () => {
    expect(layoutColumns(PORTFOLIO, true)).toEqual({
      inline: PORTFOLIO,
      underTitle: [],
      detail: [],
    });
  });

  it('moves what would go under a missing title into the detail', () => {
    expect(
      layoutColumns(['id', 'owner', 'monthlyCostDelta', 'rollback'], false),
    ).toEqual({
      inline: ['id', 'monthlyCostDelta'],
      underTitle: [],
      detail: ['owner', 'rollback'],
    });
  });
});
