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

  it('shows no estimate for a status whose specs have none, not an estimate of 0', async () => {
    const unestimated = unverifiedSpec({ name: 'unverified' });
    unestimated.document.status = 'draft';
    const api = new FakeInfraSpecsApi([driftingSpec(), unestimated]);
    const summary = await summaryOf(api);
    // the backend zero-fills the sums by status; the counts tell the two apart
    expect(summary.estimated!.monthlyCostDeltaByStatus.draft).toBe(0);
    expect(summary.estimated!.byStatus?.draft).toBe(0);
    const row = (s: SpecSummary, status: string) =>
      claimedVsEstimated(s)!.byStatus.find(r => r.status === status);
    expect(row(summary, 'draft')).toEqual({
      key: 'draft',
      status: 'draft',
      claimed: 120,
      estimated: null,
    });
    expect(row(summary, 'in-review')?.estimated).toBe(610.46);

    // an estimate that sums to 0 is an estimate
    const zero = {
      ...summary,
      estimated: {
        ...summary.estimated!,
        byStatus: { ...summary.estimated!.byStatus!, draft: 1 },
      },
    };
    expect(row(zero, 'draft')?.estimated).toBe(0);

    // a backend without the counts: the sums as they come
    const { byStatus: _counts, ...older } = summary.estimated!;
    expect(row({ ...summary, estimated: older }, 'draft')?.estimated).toBe(0);
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
