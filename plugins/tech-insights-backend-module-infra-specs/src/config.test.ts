import { ConfigReader } from '@backstage/config';
import { readInfraSpecsFactsConfig } from './config';

const retriever = (block: object | undefined, extra: object = {}) =>
  new ConfigReader({
    techInsights: { factRetrievers: block ? { infraSpecsFacts: block } : {} },
    ...extra,
  });

const valid = { cadence: '0 * * * *', lifecycle: { maxItems: 10 } };

describe('readInfraSpecsFactsConfig', () => {
  it('reads staleAfter as the backend does, 21 days by default', () => {
    expect(readInfraSpecsFactsConfig(retriever(valid))).toEqual({
      staleReviewMs: 21 * 24 * 3600_000,
    });
    expect(
      readInfraSpecsFactsConfig(
        retriever(valid, { infraSpecs: { review: { staleAfter: 'P14D' } } }),
      ),
    ).toEqual({ staleReviewMs: 14 * 24 * 3600_000 });
    expect(
      readInfraSpecsFactsConfig(
        retriever(
          { cadence: '*/30 * * * *', lifecycle: { timeToLive: { weeks: 2 } } },
          { infraSpecs: { review: { staleAfter: { days: 3 } } } },
        ),
      ),
    ).toEqual({ staleReviewMs: 3 * 24 * 3600_000 });
  });

  it.each([
    [undefined, {}, "'techInsights.factRetrievers.infraSpecsFacts': missing"],
    [
      { lifecycle: { maxItems: 10 } },
      {},
      "'techInsights.factRetrievers.infraSpecsFacts.cadence'",
    ],
    [
      { cadence: 'hourly', lifecycle: { maxItems: 10 } },
      {},
      "'techInsights.factRetrievers.infraSpecsFacts.cadence': 'hourly'",
    ],
    [
      { cadence: '0 * * * *' },
      {},
      "'techInsights.factRetrievers.infraSpecsFacts.lifecycle': missing",
    ],
    [
      { cadence: '0 * * * *', lifecycle: {} },
      {},
      "'techInsights.factRetrievers.infraSpecsFacts.lifecycle': needs maxItems",
    ],
    [
      { cadence: '0 * * * *', lifecycle: { maxItems: 0 } },
      {},
      "'techInsights.factRetrievers.infraSpecsFacts.lifecycle.maxItems'",
    ],
    [
      { cadence: '0 * * * *', lifecycle: { maxItems: 2.5 } },
      {},
      "'techInsights.factRetrievers.infraSpecsFacts.lifecycle.maxItems'",
    ],
    [
      { cadence: '0 * * * *', lifecycle: { timeToLive: 'soon' } },
      {},
      "'techInsights.factRetrievers.infraSpecsFacts.lifecycle.timeToLive'",
    ],
    [
      valid,
      { infraSpecs: { review: { staleAfter: 'a while' } } },
      "'infraSpecs.review.staleAfter'",
    ],
    [
      valid,
      { infraSpecs: { review: { staleAfter: { days: 0 } } } },
      "'infraSpecs.review.staleAfter': must be a positive duration",
    ],
  ])('refuses %j %j naming the key', (block, extra, message) => {
    expect(() => readInfraSpecsFactsConfig(retriever(block, extra))).toThrow(
      message,
    );
  });
});
