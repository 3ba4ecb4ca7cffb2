import { ConfigReader } from '@backstage/config';
import { DEFAULT_SCHEDULE, readSpecNotificationsConfig } from './config';

const read = (infraSpecs: object) =>
  readSpecNotificationsConfig(new ConfigReader({ infraSpecs }));

describe('readSpecNotificationsConfig', () => {
  it('turns every kind on by default, with the review threshold the backend uses', () => {
    expect(read({})).toEqual({
      statusChange: true,
      staleReview: {
        enabled: true,
        afterMs: 21 * 24 * 3600_000,
        repeatEveryMs: 7 * 24 * 3600_000,
      },
      newErrors: true,
      schedule: DEFAULT_SCHEDULE,
    });
  });

  it('reads every key', () => {
    const config = read({
      review: { staleAfter: 'P14D' },
      notifications: {
        statusChange: { enabled: false },
        staleReview: { enabled: true, repeatEvery: { days: 1 } },
        newErrors: { enabled: false },
        schedule: { frequency: { minutes: 15 } },
      },
    });
    expect(config).toMatchObject({
      statusChange: false,
      newErrors: false,
      staleReview: {
        afterMs: 14 * 24 * 3600_000,
        repeatEveryMs: 24 * 3600_000,
      },
      schedule: { frequency: { minutes: 15 }, timeout: { minutes: 10 } },
    });
  });

  it.each([
    [
      { notifications: { statusChange: { enabled: 'yes' } } },
      "'infraSpecs.notifications.statusChange.enabled'",
    ],
    [
      { notifications: { staleReview: { repeatEvery: 'weekly' } } },
      "'infraSpecs.notifications.staleReview.repeatEvery'",
    ],
    [{ review: { staleAfter: 'soon' } }, "'infraSpecs.review.staleAfter'"],
    [
      { notifications: { schedule: { frequency: 'often' } } },
      "'infraSpecs.notifications.schedule'",
    ],
  ])('refuses %j naming the key', (infraSpecs, key) => {
    expect(() => read(infraSpecs)).toThrow(`Invalid config at ${key}`);
  });
});
