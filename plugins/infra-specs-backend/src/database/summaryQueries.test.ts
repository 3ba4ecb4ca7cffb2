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
});
