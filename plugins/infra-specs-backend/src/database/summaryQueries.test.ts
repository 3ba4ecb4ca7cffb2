import type { Knex } from 'knex';
import { createTestDatabases } from '@infra-specs/backstage-plugin-infra-specs-node/testUtils';
import { makeDocument } from '../__testUtils__/documents';
import {
  COMPONENT_A,
  COMPONENT_B,
  TEAM_A,
  TEAM_B,
  setup,
  sync,
  write,
} from '../__testUtils__/storeFixtures';
import { diffLocation } from '../refresh/diffLocation';
import type { DatabaseSpecStore } from './DatabaseSpecStore';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

describe.each(ids)('DatabaseSpecStore summary queries on %s', databaseId => {
  let knex: Knex;
  let store: DatabaseSpecStore;

  beforeEach(async () => {
    ({ knex, store } = await setup(databases, databaseId));
  });

  afterEach(async () => {
    await knex.destroy();
  });

  it('sums the summary per status, blast radius, component and owner', async () => {
    await store.syncLocation(
      sync(
        COMPONENT_A,
        [
          write(
            'a1',
            makeDocument({
              status: 'approved',
              cost: { monthlyDelta: 100, currency: 'USD', items: [] },
              impact: { blastRadius: { level: 'high', text: null } },
            }),
          ),
          write(
            'a2',
            makeDocument({
              status: 'approved',
              cost: { monthlyDelta: -40.5, currency: 'USD', items: [] },
            }),
          ),
          write(
            'a3',
            makeDocument({
              status: 'draft',
              cost: { monthlyDelta: null, currency: null, items: [] },
            }),
          ),
        ],
        '2026-01-01T00:00:00.000Z',
      ),
      diffLocation,
    );
    await store.syncLocation(
      sync(
        COMPONENT_B,
        [
          write(
            'b1',
            makeDocument({
              status: 'implemented',
              cost: { monthlyDelta: 10, currency: 'USD', items: [] },
            }),
          ),
        ],
        '2026-01-01T00:00:00.000Z',
        TEAM_B,
      ),
      diffLocation,
    );
    const summary = await store.getSummary({});
    expect(summary.total).toBe(4);
    expect(summary.byStatus).toEqual({
      draft: 1,
      'in-review': 0,
      approved: 2,
      implemented: 1,
      superseded: 0,
      rejected: 0,
      unknown: 0,
    });
    expect(summary.byBlastRadius).toEqual({
      unknown: 0,
      low: 3,
      medium: 0,
      high: 1,
      critical: 0,
    });
    expect(summary.monthlyCostDeltaByStatus.approved).toBeCloseTo(59.5);
    expect(summary.monthlyCostDeltaByStatus.draft).toBe(0);
    expect(summary.monthlyCostDeltaByStatus.implemented).toBe(10);
    expect(summary.monthlyCostDeltaByComponent).toEqual([
      { componentRef: COMPONENT_A, monthlyCostDelta: 59.5 },
      { componentRef: COMPONENT_B, monthlyCostDelta: 10 },
    ]);
    expect(summary.monthlyCostDeltaByOwner).toEqual([
      { ownerRef: TEAM_A, monthlyCostDelta: 59.5 },
      { ownerRef: TEAM_B, monthlyCostDelta: 10 },
    ]);
    expect(summary.currency).toBe('USD');

    const scoped = await store.getSummary({ componentRef: COMPONENT_B });
    expect(scoped.total).toBe(1);
    expect(scoped.monthlyCostDeltaByComponent).toEqual([
      { componentRef: COMPONENT_B, monthlyCostDelta: 10 },
    ]);

    await store.syncLocation(
      sync(
        COMPONENT_B,
        [
          write(
            'b1',
            makeDocument({
              status: 'implemented',
              cost: { monthlyDelta: 10, currency: 'EUR', items: [] },
            }),
          ),
        ],
        '2026-01-02T00:00:00.000Z',
        TEAM_B,
      ),
      diffLocation,
    );
    expect((await store.getSummary({})).currency).toBeNull();
  });
  it('sums estimates beside claims, counts drift, and lists by drift; a re-judged spec moves', async () => {
    const estimated = (
      claimed: number | null,
      estimate: number,
      drift: 'over' | 'under' | 'ok' | null,
      currency = 'USD',
    ) => ({
      monthlyDelta: claimed,
      currency: claimed === null ? null : 'USD',
      items: [],
      estimate: {
        monthlyDelta: estimate,
        currency,
        source: 'infracost.json',
        generatedAt: null,
      },
      drift,
    });
    const specsOfA = (drift: 'over' | 'ok') => [
      write(
        'a1',
        makeDocument({
          status: 'approved',
          cost: estimated(120, drift === 'over' ? 412.5 : 125, drift),
        }),
      ),
      write(
        'a2',
        makeDocument({
          status: 'approved',
          cost: estimated(300, 100, 'under'),
        }),
      ),
      write(
        'a3',
        makeDocument({
          status: 'draft',
          cost: {
            monthlyDelta: 50,
            currency: 'USD',
            items: [],
            estimate: null,
          },
        }),
      ),
    ];
    await store.syncLocation(
      sync(COMPONENT_A, specsOfA('over'), '2026-01-01T00:00:00.000Z'),
      diffLocation,
    );
    await store.syncLocation(
      sync(
        COMPONENT_B,
        [
          write(
            'b1',
            makeDocument({
              status: 'in-review',
              cost: estimated(null, 20, null),
            }),
          ),
        ],
        '2026-01-01T00:00:00.000Z',
        TEAM_B,
      ),
      diffLocation,
    );

    const summary = await store.getSummary({});
    expect(summary.monthlyCostDeltaByStatus.approved).toBe(420);
    expect(summary.estimated).toEqual({
      count: 3,
      // draft has a spec but no estimate: counted 0, so it reads as not estimated
      byStatus: expect.objectContaining({
        approved: 2,
        'in-review': 1,
        draft: 0,
      }),
      monthlyCostDeltaByStatus: expect.objectContaining({
        approved: 512.5,
        'in-review': 20,
        draft: 0,
      }),
      monthlyCostDeltaByComponent: [
        { componentRef: COMPONENT_A, monthlyCostDelta: 512.5 },
        { componentRef: COMPONENT_B, monthlyCostDelta: 20 },
      ],
      monthlyCostDeltaByOwner: [
        { ownerRef: TEAM_A, monthlyCostDelta: 512.5 },
        { ownerRef: TEAM_B, monthlyCostDelta: 20 },
      ],
      currency: 'USD',
    });
    expect(summary.byCostDrift).toEqual({ over: 1, under: 1, ok: 0 });
    expect(
      (await store.getSummary({ componentRef: COMPONENT_B })).byCostDrift,
    ).toEqual({ over: 0, under: 0, ok: 0 });

    const drifting = async (costDrift: Array<'over' | 'under' | 'ok'>) =>
      (
        await store.listSpecs({
          filter: { costDrift },
          limit: 50,
          sort: { field: 'title', order: 'asc' },
        })
      ).items
        .map(i => i.name)
        .sort();
    expect(await drifting(['over'])).toEqual(['a1']);
    expect(await drifting(['over', 'under'])).toEqual(['a1', 'a2']);

    // The estimate of a1 is brought in line: it leaves the over list and its new sum counts.
    await store.syncLocation(
      sync(COMPONENT_A, specsOfA('ok'), '2026-01-02T00:00:00.000Z'),
      diffLocation,
    );
    expect(await drifting(['over'])).toEqual([]);
    expect(await drifting(['ok'])).toEqual(['a1']);
    const after = await store.getSummary({});
    expect(after.estimated?.monthlyCostDeltaByStatus.approved).toBe(225);
    expect(after.byCostDrift).toEqual({ over: 0, under: 1, ok: 1 });

    await store.syncLocation(
      sync(
        COMPONENT_B,
        [
          write(
            'b1',
            makeDocument({
              status: 'in-review',
              cost: estimated(null, 20, null, 'EUR'),
            }),
          ),
        ],
        '2026-01-03T00:00:00.000Z',
        TEAM_B,
      ),
      diffLocation,
    );
    expect((await store.getSummary({})).estimated?.currency).toBeNull();
  });
});
