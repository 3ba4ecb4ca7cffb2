import { makeSpec } from '../__testUtils__/specs';
import { formatMoney, formatMonthlyDelta, sumMonthlyDeltas } from './money';

describe('formatMoney', () => {
  it('formats ISO currencies and keeps unknown codes as written', () => {
    expect(formatMoney(1234.5, 'USD')).toBe('$1,235');
    expect(formatMoney(12.5, 'EUR')).toBe('€12.50');
    expect(formatMoney(300, 'XBT1')).toBe('300 XBT1');
    expect(formatMoney(300, null)).toBe('300');
  });
});

describe('formatMonthlyDelta', () => {
  it('shows costs with a sign and negative deltas as savings', () => {
    expect(formatMonthlyDelta(350, 'USD')).toEqual({
      text: '+$350/mo',
      savings: false,
    });
    expect(formatMonthlyDelta(-200, 'USD')).toEqual({
      text: '$200/mo savings',
      savings: true,
    });
    expect(formatMonthlyDelta(0, 'USD')).toEqual({
      text: '$0/mo',
      savings: false,
    });
  });

  it('has no text for a missing estimate', () => {
    expect(formatMonthlyDelta(null, 'USD')).toBeNull();
    expect(formatMonthlyDelta(undefined, null)).toBeNull();
    expect(formatMonthlyDelta(Number.NaN, 'USD')).toBeNull();
  });
});

describe('sumMonthlyDeltas', () => {
  it('sums per currency and counts specs without an estimate', () => {
    const specs = [
      makeSpec({ document: { cost: { monthlyDelta: 350, currency: 'USD' } } }),
      makeSpec({ document: { cost: { monthlyDelta: -500, currency: 'usd' } } }),
      makeSpec({ document: { cost: { monthlyDelta: 0.1, currency: 'USD' } } }),
      makeSpec({ document: { cost: { monthlyDelta: 0.2, currency: 'USD' } } }),
      makeSpec({ document: { cost: { monthlyDelta: 40, currency: 'EUR' } } }),
      makeSpec({ document: { cost: { monthlyDelta: null, currency: null } } }),
    ];
    expect(sumMonthlyDeltas(specs)).toEqual({
      totals: [
        { currency: 'USD', amount: -149.7 },
        { currency: 'EUR', amount: 40 },
      ],
      withoutEstimate: 1,
    });
  });

  it('is empty for no specs', () => {
    expect(sumMonthlyDeltas([])).toEqual({ totals: [], withoutEstimate: 0 });
  });
});
