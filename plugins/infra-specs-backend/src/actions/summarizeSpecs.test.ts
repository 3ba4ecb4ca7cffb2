import type { SpecRecord } from '@infra-specs/backstage-plugin-infra-specs-common';
import { makeDocument } from '../__testUtils__/documents';
import { summarizeSpecs } from './summarizeSpecs';

const NOW = new Date('2026-12-01T00:00:00Z');
const DAY = 24 * 3600_000;

function record(
  name: string,
  document: ReturnType<typeof makeDocument>,
  statusChangedAt = '2026-11-30T00:00:00.000Z',
): SpecRecord {
  return {
    name,
    entityRef: `spec:default/${name}`,
    componentRef: 'component:default/payments-api',
    ownerRef: 'group:default/payments',
    path: `${name}.md`,
    locationTarget: 'file:/specs',
    viewUrl: null,
    document,
    indexedAt: NOW.toISOString(),
    contentChangedAt: statusChangedAt,
    statusChangedAt,
    removedAt: null,
  };
}

const estimate = (monthlyDelta: number) => ({
  monthlyDelta,
  currency: 'USD',
  source: 'infracost.json',
  generatedAt: null,
});

describe('summarizeSpecs', () => {
  it('counts by status, sums the open claims and estimates, and lists what needs attention, most reasons first', () => {
    const summary = summarizeSpecs(
      [
        record(
          'stale-drifting',
          makeDocument({
            id: 'SPEC-0003',
            status: 'in-review',
            cost: {
              monthlyDelta: 120,
              currency: 'USD',
              estimate: estimate(412.5),
              drift: 'over',
            },
            diagnostics: [
              {
                severity: 'warning',
                line: 3,
                code: 'cost-drift',
                message: 'claims +120.00 USD, estimate +412.50 USD',
              },
            ],
          }),
          new Date(NOW.getTime() - 30 * DAY).toISOString(),
        ),
        record(
          'broken',
          makeDocument({
            id: 'SPEC-0001',
            status: 'approved',
            cost: {
              monthlyDelta: 80,
              currency: 'USD',
              estimate: estimate(85),
              drift: 'ok',
            },
            diagnostics: [
              {
                severity: 'error',
                line: 5,
                code: 'incomplete-approved-spec',
                message:
                  "Status is 'approved' but the spec still has 1 placeholder",
              },
            ],
          }),
        ),
        record(
          'done',
          makeDocument({
            id: 'SPEC-0002',
            status: 'implemented',
            cost: { monthlyDelta: -40, currency: 'USD' },
          }),
        ),
        record(
          'fine',
          makeDocument({
            id: 'SPEC-0004',
            status: 'draft',
            cost: { monthlyDelta: 10, currency: 'USD' },
          }),
        ),
      ],
      { now: NOW, staleReviewMs: 21 * DAY, truncated: false },
    );
    expect(summary).toMatchObject({
      total: 4,
      byStatus: {
        'in-review': 1,
        approved: 1,
        implemented: 1,
        draft: 1,
        rejected: 0,
      },
      openMonthlyCostDelta: 210,
      openEstimatedMonthlyCostDelta: 497.5,
      currency: 'USD',
      truncated: false,
    });
    expect(
      summary.needsAttention.map(a => [a.id, a.reasons.map(r => r.reason)]),
    ).toEqual([
      ['SPEC-0003', ['stale-review', 'cost-drift']],
      ['SPEC-0001', ['errors']],
    ]);
    expect(summary.needsAttention[0].reasons[0].message).toBe(
      'In review for 30 days (since 2026-11-01)',
    );
  });

  it('says so when it saw only part, or lists only the first 25 that need attention', () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      record(
        `s${i}`,
        makeDocument({
          id: `SPEC-${String(i).padStart(4, '0')}`,
          diagnostics: [
            {
              severity: 'error',
              line: 1,
              code: 'missing-status',
              message: 'No status',
            },
          ],
        }),
      ),
    );
    const summary = summarizeSpecs(many, {
      now: NOW,
      staleReviewMs: DAY,
      truncated: false,
    });
    expect(summary.needsAttention).toHaveLength(25);
    expect(summary.truncated).toBe(true);
    expect(summary.openEstimatedMonthlyCostDelta).toBeNull();
    expect(
      summarizeSpecs(many.slice(0, 2), {
        now: NOW,
        staleReviewMs: DAY,
        truncated: true,
      }).truncated,
    ).toBe(true);
  });
});
