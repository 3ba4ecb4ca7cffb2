import { backoffDelayMs, isBackingOff, nextAttempt } from './backoff';

const MINUTE = 60_000;
const policy = { initialMs: 5 * MINUTE, maxMs: 6 * 60 * MINUTE };

describe('backoffDelayMs', () => {
  it.each([
    [1, 5 * MINUTE],
    [2, 10 * MINUTE],
    [3, 20 * MINUTE],
    [4, 40 * MINUTE],
    [6, 160 * MINUTE],
    [7, 320 * MINUTE],
    [8, 6 * 60 * MINUTE], // 640 min would pass the maximum
    [50, 6 * 60 * MINUTE],
    [10_000, 6 * 60 * MINUTE], // the exponent stops growing; no Infinity
    [0, 5 * MINUTE], // never below the first delay
  ])('after %i failure(s): %i ms', (failures, expected) => {
    expect(backoffDelayMs(failures, policy)).toBe(expected);
  });

  it('keeps a maximum equal to the initial delay flat', () => {
    expect(backoffDelayMs(5, { initialMs: 1000, maxMs: 1000 })).toBe(1000);
  });
});

describe('nextAttempt', () => {
  const now = new Date('2026-03-01T12:00:00.000Z');
  it.each([
    [0, 1, '2026-03-01T12:05:00.000Z'],
    [1, 2, '2026-03-01T12:10:00.000Z'],
    [5, 6, '2026-03-01T14:40:00.000Z'],
    [20, 21, '2026-03-01T18:00:00.000Z'],
  ])(
    'after %i earlier failures: attempt %i, next at %s',
    (previous, failures, at) => {
      expect(nextAttempt(previous, now, policy)).toEqual({
        consecutiveFailures: failures,
        delayMs: backoffDelayMs(failures, policy),
        nextAttemptAt: at,
      });
    },
  );
});

describe('isBackingOff', () => {
  const now = '2026-03-01T12:00:00.000Z';
  it.each([
    ['never indexed', undefined, false],
    ['no failure', { nextAttemptAt: null }, false],
    ['due in the future', { nextAttemptAt: '2026-03-01T12:00:30.000Z' }, true],
    ['due now', { nextAttemptAt: now }, false],
    ['overdue', { nextAttemptAt: '2026-03-01T11:00:00.000Z' }, false],
  ])('%s: %s', (_title, location, expected) => {
    expect(isBackingOff(location, now)).toBe(expected);
  });
});
