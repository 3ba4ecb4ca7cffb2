import { availableParallelism } from 'node:os';
import { ConfigReader } from '@backstage/config';
import { readInfraSpecsConfig } from './config';

const read = (infraSpecs: unknown) =>
  readInfraSpecsConfig(new ConfigReader({ infraSpecs } as any), {
    cwd: '/srv/backstage/packages/backend',
  });

describe('readInfraSpecsConfig', () => {
  it('applies defaults when nothing is configured', () => {
    const config = readInfraSpecsConfig(new ConfigReader({}), { cwd: '/x' });
    expect(config).toEqual({
      refresh: {
        schedule: {
          frequency: { minutes: 5 },
          timeout: { minutes: 15 },
          initialDelay: { seconds: 15 },
          scope: 'global',
        },
        concurrency: 4,
        locationTimeoutMs: 120_000,
        maxFileBytes: 1024 * 1024,
        maxFiles: 10_000,
        maxBytes: 32 * 1024 * 1024,
        backoff: { initialMs: 300_000, maxMs: 6 * 3600_000 },
        manual: { rateLimit: { max: 20, windowMs: 60_000 } },
      },
      local: { allowedRoots: [] },
      locations: { allowedUrls: [], allowDirOutsideComponent: false },
      retention: {
        schedule: {
          frequency: { days: 1 },
          timeout: { minutes: 30 },
          initialDelay: { minutes: 1 },
          scope: 'global',
        },
      },
      pullRequests: {
        schedule: {
          frequency: { minutes: 30 },
          timeout: { minutes: 10 },
          initialDelay: { minutes: 2 },
          scope: 'global',
        },
      },
      history: { retentionMs: 365 * 24 * 3600_000 },
      removed: { retentionMs: 30 * 24 * 3600_000, maxShare: 0.5 },
      changes: { retentionMs: 7 * 24 * 3600_000 },
      lint: { maxBytes: 1024 * 1024 },
      ids: { maxJump: 1000 },
      review: { staleAfterMs: 21 * 24 * 3600_000 },
      evidence: { costDrift: { driftShare: 0.2, driftAmount: 50 } },
      parsing: {
        workers: Math.max(1, availableParallelism() - 1),
        timeoutMs: 10_000,
      },
    });
  });

  it('reads every key, in every duration form, and resolves relative roots', () => {
    const config = read({
      refresh: {
        frequency: { cron: '*/10 * * * *' },
        timeout: 'PT3M',
        concurrency: 8,
        locationTimeout: '30s',
        maxFileBytes: 2048,
        maxFiles: 500,
        maxBytes: 4096,
        backoff: { initial: { seconds: 30 }, max: { minutes: 10 } },
        manual: { rateLimit: { max: 5, window: { seconds: 30 } } },
      },
      local: { allowedRoots: ['../../examples', '/abs/specs'] },
      locations: {
        allowedUrls: [
          'https://github.com/acme/*/tree/main/specs',
          'https://git.example.com/shared',
        ],
        allowDirOutsideComponent: true,
      },
      retention: {
        schedule: {
          frequency: { cron: '0 3 * * *' },
          timeout: '1h',
          initialDelay: { seconds: 5 },
        },
      },
      history: { retention: { days: 90 } },
      removed: { retention: { days: 1 }, maxShare: 1 },
      changes: { retention: { hours: 12 } },
      lint: { maxBytes: 5000 },
      ids: { maxJump: 50 },
      review: { staleAfter: 'P14D' },
      evidence: { costDrift: { share: 0.5, amount: 0 } },
      parsing: { workers: 0, timeout: { seconds: 3 } },
    });
    expect(config.parsing).toEqual({ workers: 0, timeoutMs: 3000 });
    expect(config.refresh.schedule).toMatchObject({
      frequency: { cron: '*/10 * * * *' },
      scope: 'global',
    });
    expect(config.refresh.schedule.timeout).toBeDefined();
    expect(config.refresh.concurrency).toBe(8);
    expect(config.refresh.locationTimeoutMs).toBe(30_000);
    expect(config.refresh.maxFileBytes).toBe(2048);
    expect(config.refresh.maxFiles).toBe(500);
    expect(config.refresh.maxBytes).toBe(4096);
    expect(config.locations).toEqual({
      allowedUrls: [
        expect.objectContaining({
          host: 'github.com',
          path: '/acme/*/tree/main/specs',
          glob: true,
        }),
        expect.objectContaining({
          host: 'git.example.com',
          path: '/shared',
          glob: false,
        }),
      ],
      allowDirOutsideComponent: true,
    });
    expect(config.refresh.backoff).toEqual({
      initialMs: 30_000,
      maxMs: 600_000,
    });
    expect(config.refresh.manual).toEqual({
      rateLimit: { max: 5, windowMs: 30_000 },
    });
    expect(config.local.allowedRoots).toEqual([
      '/srv/backstage/examples',
      '/abs/specs',
    ]);
    expect(config.retention.schedule).toMatchObject({
      frequency: { cron: '0 3 * * *' },
      initialDelay: { seconds: 5 },
      scope: 'global',
    });
    expect(config.retention.schedule.timeout).toBeDefined();
    expect(config.history.retentionMs).toBe(90 * 24 * 3600_000);
    expect(config.removed.retentionMs).toBe(24 * 3600_000);
    expect(config.removed.maxShare).toBe(1);
    expect(config.changes.retentionMs).toBe(12 * 3600_000);
    expect(config.lint.maxBytes).toBe(5000);
    expect(config.ids.maxJump).toBe(50);
    expect(config.review.staleAfterMs).toBe(14 * 24 * 3600_000);
    expect(config.evidence.costDrift).toEqual({
      driftShare: 0.5,
      driftAmount: 0,
    });
  });

  it.each([
    [{ refresh: { concurrency: 0 } }, "'infraSpecs.refresh.concurrency'"],
    [{ refresh: { concurrency: 'many' } }, "'infraSpecs.refresh.concurrency'"],
    [{ refresh: { frequency: { fortnights: 2 } } }, "'infraSpecs.refresh'"],
    [
      { refresh: { locationTimeout: 'soon' } },
      "'infraSpecs.refresh.locationTimeout'",
    ],
    [
      { refresh: { backoff: { initial: { hours: 2 }, max: { hours: 1 } } } },
      "'infraSpecs.refresh.backoff.max'",
    ],
    [
      { local: { allowedRoots: '../examples' } },
      "'infraSpecs.local.allowedRoots'",
    ],
    [{ local: { allowedRoots: [' '] } }, "'infraSpecs.local.allowedRoots[0]'"],
    [{ history: { retention: { days: 0 } } }, "'infraSpecs.history.retention'"],
    [
      { retention: { schedule: { frequency: 'often' } } },
      "'infraSpecs.retention.schedule'",
    ],
    [{ retention: { schedule: 'daily' } }, "'infraSpecs.retention.schedule'"],
    [
      { pullRequests: { schedule: { frequency: 'often' } } },
      "'infraSpecs.pullRequests.schedule'",
    ],
    [{ lint: { maxBytes: -1 } }, "'infraSpecs.lint.maxBytes'"],
    [{ ids: { maxJump: 0 } }, "'infraSpecs.ids.maxJump'"],
    [{ parsing: { workers: -1 } }, "'infraSpecs.parsing.workers'"],
    [{ parsing: { workers: 1.5 } }, "'infraSpecs.parsing.workers'"],
    [{ parsing: { timeout: 'soon' } }, "'infraSpecs.parsing.timeout'"],
    [{ review: { staleAfter: 'a while' } }, "'infraSpecs.review.staleAfter'"],
    [
      { evidence: { costDrift: { share: -0.1 } } },
      "'infraSpecs.evidence.costDrift.share'",
    ],
    [
      { evidence: { costDrift: { amount: 'fifty' } } },
      "'infraSpecs.evidence.costDrift.amount'",
    ],
    [{ refresh: { maxFiles: 0 } }, "'infraSpecs.refresh.maxFiles'"],
    [{ refresh: { maxBytes: 'lots' } }, "'infraSpecs.refresh.maxBytes'"],
    [
      { refresh: { maxFileBytes: 2048, maxBytes: 1024 } },
      "'infraSpecs.refresh.maxBytes': must not be smaller than refresh.maxFileBytes",
    ],
    [
      { locations: { allowedUrls: 'https://github.com/acme' } },
      "'infraSpecs.locations.allowedUrls'",
    ],
    [
      {
        locations: { allowedUrls: ['https://github.com/a', 'github.com/acme'] },
      },
      "'infraSpecs.locations.allowedUrls[1]': 'github.com/acme' is not an absolute URL",
    ],
    [
      { locations: { allowedUrls: ['https://*.example.com/'] } },
      "'infraSpecs.locations.allowedUrls[0]'",
    ],
    [
      { locations: { allowDirOutsideComponent: 'yes please' } },
      "'infraSpecs.locations.allowDirOutsideComponent'",
    ],
    [{ removed: { maxShare: 0 } }, "'infraSpecs.removed.maxShare'"],
    [{ removed: { maxShare: 1.5 } }, "'infraSpecs.removed.maxShare'"],
    [
      { refresh: { manual: { rateLimit: { max: 0 } } } },
      "'infraSpecs.refresh.manual.rateLimit.max'",
    ],
    [
      { refresh: { manual: { rateLimit: { window: 'soon' } } } },
      "'infraSpecs.refresh.manual.rateLimit.window'",
    ],
  ])('rejects %j naming the key', (value, key) => {
    expect(() => read(value)).toThrow(key);
  });
});
