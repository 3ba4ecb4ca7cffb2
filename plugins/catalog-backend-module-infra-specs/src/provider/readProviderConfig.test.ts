import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_FULL_SYNC_EVERY,
  DEFAULT_SCHEDULE,
  readProviderConfig,
} from './readProviderConfig';

const read = (infraSpecs?: unknown) =>
  readProviderConfig(
    new ConfigReader(
      infraSpecs === undefined ? {} : { catalog: { providers: { infraSpecs } } },
    ),
  );

describe('readProviderConfig', () => {
  it('uses the defaults when nothing is configured', () => {
    expect(read()).toEqual({
      schedule: DEFAULT_SCHEDULE,
      fullSyncEvery: DEFAULT_FULL_SYNC_EVERY,
    });
    expect(DEFAULT_SCHEDULE.frequency).toEqual({ seconds: 30 });
  });

  it('reads the schedule and the full sync interval', () => {
    expect(
      read({
        schedule: { frequency: { minutes: 2 }, timeout: { seconds: 50 } },
        fullSyncEvery: 5,
      }),
    ).toEqual({
      schedule: { frequency: { minutes: 2 }, timeout: { seconds: 50 } },
      fullSyncEvery: 5,
    });
  });

  it('accepts a cron frequency and keeps the default full sync interval', () => {
    const config = read({
      schedule: { frequency: { cron: '*/5 * * * *' }, timeout: 'PT1M' },
    });
    expect(config.schedule.frequency).toEqual({ cron: '*/5 * * * *' });
    expect(config.fullSyncEvery).toBe(DEFAULT_FULL_SYNC_EVERY);
  });

  it('names the key of an invalid schedule', () => {
    expect(() => read({ schedule: { frequency: { minutes: 1 } } })).toThrow(
      /catalog\.providers\.infraSpecs\.schedule/,
    );
  });

  it.each([0, -3, 2.5])('rejects fullSyncEvery %p', value => {
    expect(() => read({ fullSyncEvery: value })).toThrow(
      /catalog\.providers\.infraSpecs\.fullSyncEvery/,
    );
  });

  it('rejects a fullSyncEvery that is not a number', () => {
    expect(() => read({ fullSyncEvery: 'often' })).toThrow(/fullSyncEvery/);
  });
});
