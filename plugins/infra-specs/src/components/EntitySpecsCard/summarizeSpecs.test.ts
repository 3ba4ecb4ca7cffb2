import { makeSpec } from '../../__testUtils__/specs';
import { countByStatus, highestBlastRadius } from './summarizeSpecs';

describe('countByStatus', () => {
  it('counts present statuses in progress order', () => {
    const specs = [
      makeSpec({ document: { status: 'implemented' } }),
      makeSpec({ document: { status: 'draft' } }),
      makeSpec({ document: { status: 'draft' } }),
    ];
    expect(countByStatus(specs)).toEqual([
      { status: 'draft', count: 2 },
      { status: 'implemented', count: 1 },
    ]);
  });
});

describe('highestBlastRadius', () => {
  it('takes the most severe level of the specs still in play', () => {
    const specs = [
      makeSpec({
        document: {
          status: 'implemented',
          impact: { blastRadius: { level: 'critical', text: null } },
        },
      }),
      makeSpec({
        document: {
          status: 'approved',
          impact: { blastRadius: { level: 'high', text: null } },
        },
      }),
      makeSpec({
        document: {
          status: 'draft',
          impact: { blastRadius: { level: 'unknown', text: 'all' } },
        },
      }),
    ];
    expect(highestBlastRadius(specs)).toBe('high');
  });

  it('is undefined when no spec in play has a known level', () => {
    expect(highestBlastRadius([])).toBeUndefined();
    expect(
      highestBlastRadius([
        makeSpec({
          document: {
            impact: { blastRadius: { level: 'unknown', text: null } },
          },
        }),
      ]),
    ).toBeUndefined();
  });
});
