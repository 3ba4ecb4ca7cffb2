import { cents, costDriftOf, DEFAULT_COST_DRIFT_THRESHOLDS } from './drift';

const usd = (monthlyDelta: number | null) => ({
  monthlyDelta,
  currency: 'USD',
});

describe('costDriftOf', () => {
  it('defaults to 20% and 50', () => {
    expect(DEFAULT_COST_DRIFT_THRESHOLDS).toEqual({
      driftShare: 0.2,
      driftAmount: 50,
    });
  });

  it.each([
    // claimed, estimated, drift
    [350, 542.43, 'over'], // +192.43: 55% and more than 50
    [350, 157.57, 'under'], // -192.43
    [350, 332.18, 'ok'], // -17.82: neither
    [100, 160, 'over'], // +60: 60% and 60
    [100, 140, 'ok'], // +40: 40% but not more than 50
    [10_000, 10_400, 'ok'], // +400: more than 50 but 4%
    [10_000, 12_001, 'over'], // +2,001: 20.01%
    [1_000, 1_200, 'ok'], // +200: exactly 20% is not more
    [200, 250, 'ok'], // +50: exactly 50 is not more
    [200, 250.01, 'over'],
  ])('claimed %d, estimated %d -> %s', (claimed, estimated, drift) => {
    expect(costDriftOf(usd(claimed), usd(estimated))).toBe(drift);
  });

  it('compares a zero claim by the amount alone', () => {
    expect(costDriftOf(usd(0), usd(0))).toBe('ok');
    expect(costDriftOf(usd(0), usd(49.99))).toBe('ok');
    expect(costDriftOf(usd(0), usd(50.01))).toBe('over');
    expect(costDriftOf(usd(0), usd(-80))).toBe('under');
  });

  it('reads savings by sign: saving less than claimed is over', () => {
    expect(costDriftOf(usd(-500), usd(-200))).toBe('over');
    expect(costDriftOf(usd(-200), usd(-500))).toBe('under');
    expect(costDriftOf(usd(-200), usd(-230))).toBe('ok');
    expect(costDriftOf(usd(-100), usd(100))).toBe('over');
  });

  it('takes the thresholds it is given; missing, negative or NaN ones are the defaults', () => {
    expect(costDriftOf(usd(100), usd(140), { driftAmount: 10 })).toBe('over');
    expect(
      costDriftOf(usd(100), usd(115), { driftShare: 0.1, driftAmount: 10 }),
    ).toBe('over');
    expect(
      costDriftOf(usd(100), usd(101), { driftShare: 0, driftAmount: 0 }),
    ).toBe('over');
    expect(
      costDriftOf(usd(100), usd(140), { driftShare: -1, driftAmount: NaN }),
    ).toBe('ok');
  });

  it('compares cents, not binary fractions', () => {
    expect(
      costDriftOf(usd(0.1 + 0.2), usd(0.3), { driftShare: 0, driftAmount: 0 }),
    ).toBe('ok');
  });

  it('is undefined without a claim or an estimate, and across currencies', () => {
    expect(costDriftOf(usd(null), usd(10))).toBeUndefined();
    expect(costDriftOf(usd(10), null)).toBeUndefined();
    expect(costDriftOf(usd(10), undefined)).toBeUndefined();
    expect(costDriftOf(usd(10), usd(NaN))).toBeUndefined();
    expect(
      costDriftOf(usd(350), { monthlyDelta: 900, currency: 'EUR' }),
    ).toBeUndefined();
  });

  it('takes a claim without a currency in the estimate’s, and codes case-insensitively', () => {
    expect(costDriftOf({ monthlyDelta: 350, currency: null }, usd(900))).toBe(
      'over',
    );
    expect(costDriftOf({ monthlyDelta: 350, currency: 'usd' }, usd(900))).toBe(
      'over',
    );
    expect(costDriftOf({ monthlyDelta: 350 }, usd(360))).toBe('ok');
  });
});

describe('cents', () => {
  it('rounds halves away from zero', () => {
    expect(cents(12.345)).toBe(12.35);
    expect(cents(-12.345)).toBe(-12.35);
    expect(cents(332.179999999)).toBe(332.18);
    expect(cents(-0.001)).toBe(0);
    expect(Object.is(cents(-0.001), -0)).toBe(false);
  });
});
