import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readInfraSpecsConfig } from '../config';
import type { PruneOptions } from '../database/SpecStore';
import { SpecRetention } from './SpecRetention';

describe('SpecRetention', () => {
  it('prunes with cut-offs from now and each retention key', async () => {
    const calls: PruneOptions[] = [];
    const logger = mockServices.logger.mock();
    const retention = new SpecRetention({
      store: {
        async prune(options) {
          calls.push(options);
          return { history: 3, specs: 2, locations: 1, changes: 1 };
        },
      },
      config: readInfraSpecsConfig(
        new ConfigReader({
          infraSpecs: {
            history: { retention: { days: 90 } },
            removed: { retention: { days: 1 } },
            changes: { retention: { hours: 12 } },
          },
        }),
      ),
      logger,
      now: () => new Date('2026-06-01T12:00:00.000Z'),
    });

    expect(await retention.run()).toEqual({
      history: 3,
      specs: 2,
      locations: 1,
      changes: 1,
    });
    expect(calls).toEqual([
      {
        historyBefore: '2026-03-03T12:00:00.000Z',
        removedBefore: '2026-05-31T12:00:00.000Z',
        changesBefore: '2026-06-01T00:00:00.000Z',
      },
    ]);
    expect(logger.info).toHaveBeenCalledWith(
      'Spec retention: pruned 3 history entries, 2 removed specs, 1 locations of components gone, 1 change log entries',
    );
  });
});
