import { ConfigReader } from '@backstage/config';
import { readStaleReviewMs } from './reviewConfig';

const read = (review?: object) =>
  readStaleReviewMs(new ConfigReader(review ? { infraSpecs: { review } } : {}));

describe('readStaleReviewMs', () => {
  it('is 21 days by default and reads every duration form', () => {
    expect(read()).toBe(21 * 24 * 3600_000);
    expect(read({ staleAfter: { days: 14 } })).toBe(14 * 24 * 3600_000);
    expect(read({ staleAfter: 'P2D' })).toBe(2 * 24 * 3600_000);
  });

  it.each(['soon', { days: 0 }, { days: -1 }])(
    'refuses %j naming the key',
    staleAfter => {
      expect(() => read({ staleAfter })).toThrow(
        "Invalid config at 'infraSpecs.review.staleAfter'",
      );
    },
  );
});
