import type { Knex } from 'knex';
import { createTestDatabases } from '@infra-specs/backstage-plugin-infra-specs-node/testUtils';
import { setup } from '../__testUtils__/storeFixtures';
import type { DatabaseSpecStore } from './DatabaseSpecStore';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

describe.each(ids)('DatabaseSpecStore location queries on %s', databaseId => {
  let knex: Knex;
  let store: DatabaseSpecStore;

  beforeEach(async () => {
    ({ knex, store } = await setup(databases, databaseId));
  });

  afterEach(async () => {
    await knex.destroy();
  });

  it('lists the current locations of one repository, on any ref, and no look-alikes', async () => {
    const targets: Record<string, string> = {
      vpc: 'https://github.com/acme/my_infra/tree/main/network/specs',
      eks: 'https://github.com/Acme/My_Infra/blob/release/1.0/eks/specs',
      root: 'http://github.com/acme/my_infra',
      // `_` is no wildcard, a longer name no match, nor another host or port.
      wildcard: 'https://github.com/acme/myxinfra/tree/main/specs',
      longer: 'https://github.com/acme/my_infra-old/tree/main/specs',
      otherHost: 'https://ghe.example.com/acme/my_infra/tree/main/specs',
      otherPort: 'https://github.com:8443/acme/my_infra/tree/main/specs',
      local: 'file:/srv/acme/my_infra',
      gone: 'https://github.com/acme/my_infra/tree/main/gone/specs',
    };
    for (const [name, target] of Object.entries(targets)) {
      await store.recordLocationFailure({
        componentRef: `component:default/${name}`,
        target,
        ownerRef: 'group:default/platform',
        message: 'Error: not read yet',
        at: '2026-03-01T10:00:00.000Z',
        consecutiveFailures: 1,
        nextAttemptAt: '2026-03-01T10:01:00.000Z',
      });
    }
    await store.softRemoveLocations(
      ['component:default/gone'],
      '2026-03-01T10:00:00.000Z',
    );

    const found = await store.listLocationsInRepository({
      host: 'github.com',
      fullName: 'acme/my_infra',
    });
    expect(found.map(l => l.componentRef).sort()).toEqual([
      'component:default/eks',
      'component:default/root',
      'component:default/vpc',
    ]);
    expect(
      found.find(l => l.componentRef === 'component:default/eks')?.target,
    ).toBe(targets.eks);
    expect(
      (
        await store.listLocationsInRepository({
          host: 'github.com:8443',
          fullName: 'acme/my_infra',
        })
      ).map(l => l.componentRef),
    ).toEqual(['component:default/otherPort']);
  });
});
