import { ConfigReader } from '@backstage/config';
import { DEFAULT_SCHEDULE, readInfraSpecsCollatorConfig } from './config';

describe('readInfraSpecsCollatorConfig', () => {
  it('defaults to every 10 minutes, starting 5 seconds after start', () => {
    expect(readInfraSpecsCollatorConfig(new ConfigReader({}))).toEqual({
      schedule: DEFAULT_SCHEDULE,
    });
    expect(DEFAULT_SCHEDULE).toEqual({
      frequency: { minutes: 10 },
      timeout: { minutes: 15 },
      initialDelay: { seconds: 5 },
    });
  });

  it('reads the schedule from search.collators.infraSpecs.schedule', () => {
    const config = new ConfigReader({
      search: {
        collators: {
          infraSpecs: {
            schedule: {
              frequency: { cron: '*/5 * * * *' },
              timeout: { minutes: 3 },
              initialDelay: { seconds: 30 },
            },
          },
        },
      },
    });
    const { schedule } = readInfraSpecsCollatorConfig(config);
    expect(schedule.frequency).toEqual({ cron: '*/5 * * * *' });
    expect(schedule.initialDelay).toEqual({ seconds: 30 });
    expect(schedule.timeout).toEqual({ minutes: 3 });
  });

  it('names the key when the schedule is malformed', () => {
    const config = new ConfigReader({
      search: {
        collators: { infraSpecs: { schedule: { frequency: 'often' } } },
      },
    });
    expect(() => readInfraSpecsCollatorConfig(config)).toThrow(
      /^Invalid config at 'search\.collators\.infraSpecs\.schedule': /,
    );
  });
});
