import type { SpecSummary } from '@infra-specs/backstage-plugin-infra-specs-common';
import {
  agreeingSpec,
  driftingSpec,
  unverifiedSpec,
} from '../__testUtils__/evidence';
import { FakeInfraSpecsApi } from '../__testUtils__/specs';
import { claimedVsEstimated } from './estimatedTotals';

async function summaryOf(api: FakeInfraSpecsApi): Promise<SpecSummary> {
  return api.getSummary();
}

describe('claimedVsEstimated', () => {
  it('puts the estimated sums beside the claimed ones by status and owner', async () => {
    const api = new FakeInfraSpecsApi([
      driftingSpec({ ownerRef: 'group:default/payments-team' }),
      agreeingSpec({ ownerRef: 'group:default/network' }),
      unverifiedSpec({ ownerRef: 'group:default/observability' }),
    ]);
    const totals = claimedVsEstimated(await summaryOf(api));
    expect(totals).not.toBeNull();
    // all three are in review: 350 + 350 + 120 claimed, 610.46 + 362.10 estimated
    expect(totals!.byStatus).toEqual([
      {
        key: 'in-review',
        status: 'in-review',
        claimed: 820,
        estimated: 972.56,
      },
    ]);
    expect(totals!.byOwner).toEqual([
      {
        key: 'group:default/payments-team',
        claimed: 350,
        estimated: 610.46,
      },
      { key: 'group:default/network', claimed: 350, estimated: 362.1 },
      { key: 'group:default/observability', claimed: 120, estimated: null },
    ]);
    expect(totals!.estimatedCount).toBe(2);
    expect(totals!.currency).toBe('USD');
    expect(totals!.currencyCaveat).toBeNull();
  });

  it('is null for a backend without estimates, and warns about currencies', async () => {
    const api = new FakeInfraSpecsApi([driftingSpec()]);
    api.withoutEvidenceSummary = true;
    expect(claimedVsEstimated(await summaryOf(api))).toBeNull();

    api.withoutEvidenceSummary = false;
    const summary = await summaryOf(api);
    const euro = claimedVsEstimated({
      ...summary,
      estimated: { ...summary.estimated!, currency: 'EUR' },
    });
    expect(euro?.currency).toBeNull();
    expect(euro?.currencyCaveat).toMatch(/in USD, estimates in EUR/);
    const mixed = claimedVsEstimated({ ...summary, currency: null });
    expect(mixed?.currencyCaveat).toBe('Mixed currencies, summed as numbers');
  });
});
