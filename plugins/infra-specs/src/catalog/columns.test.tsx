import type { CSSProperties } from 'react';
import { createSpecColumns } from './columns';

describe('createSpecColumns', () => {
  const columns = createSpecColumns();
  // the catalog's own columns have translated titles: name them by field
  const nameOf = (c: (typeof columns)[number]) =>
    typeof c.title === 'string' ? c.title : c.field;
  const byTitle = (title: string) => {
    const column = columns.find(c => nameOf(c) === title);
    if (!column) throw new Error(`no ${title} column`);
    return column;
  };

  it('lists name, status, component, owner, blast radius and monthly cost', () => {
    expect(columns.map(nameOf)).toEqual([
      'resolved.entityRef',
      'Status',
      'Component',
      'resolved.ownedByRelationsTitle',
      'Blast radius',
      'Monthly cost',
    ]);
  });

  it('gives the short columns shares of the width and leaves the rest to the wrapping name', () => {
    expect(columns[0].width).toBeUndefined();
    const shares = columns
      .slice(1)
      .map(c => Number(/^(\d+)%$/.exec(String(c.width))?.[1]));
    expect(shares.every(s => s > 0)).toBe(true);
    // the name keeps at least a third of the table beside them
    expect(shares.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(66);
  });

  it('puts the cost right-aligned on one line in tabular figures', () => {
    const cost = byTitle('Monthly cost');
    expect(cost.align).toBe('right');
    expect(cost.cellStyle).toMatchObject({
      whiteSpace: 'nowrap',
      fontVariantNumeric: 'tabular-nums',
    } as CSSProperties);
  });

  it('keeps the chips of status and blast radius on one line', () => {
    for (const title of ['Status', 'Blast radius']) {
      expect(byTitle(title).cellStyle).toMatchObject({ whiteSpace: 'nowrap' });
    }
  });
});
