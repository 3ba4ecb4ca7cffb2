/*
 * `yarn bench:index`: indexes 2,000 components x 5 specs cold into SQLite and PostgreSQL
 * through the real plugin (startTestBackend, real store, real parser, local folders on disk),
 * then times a refresh where nothing changed, one where one file changed, and the latency
 * of two API routes over HTTP. Each database runs in its own child process so that peak
 * RSS is its own. Writes bench/results/index-<date>.json.
 *
 * A third child reads the same number of components from the loopback forge through
 * Backstage's real GitHub reader, BENCH_REPOSITORIES (200) repositories of one small spec per
 * component: forge requests of a no-change refresh against per-location reads (one manual
 * refresh per component, what every location cost before reads were shared per repository),
 * and the time from a `github.push` through the events service to the spec record showing the
 * change, and on to the Spec entity in the real catalog backend (the catalog module applies the
 * backend's `infra-specs.specs-changed` at once), against the scheduled refresh that would
 * otherwise land it.
 *
 * Parsing runs in the backend's worker pool (infraSpecs.parsing.workers: one per CPU but one); each
 * database is indexed a second time with `workers: 0`, parsing on the main thread, as the
 * baseline. While the cold index runs, the event loop's delay is sampled and
 * `GET /specs?status=approved` is requested BENCH_DURING_RPS (20) times a second, to show how
 * the API fares meanwhile.
 *
 * Env: BENCH_COMPONENTS (2000), BENCH_SPECS (5), BENCH_REQUESTS (1000), BENCH_REPOSITORIES
 * (200), BENCH_PUSHES (20), BENCH_PG (postgresql://postgres@127.0.0.1:5432), BENCH_WORKERS (one
 * per CPU but one), BENCH_LARGE_COMPONENTS (10000: the growth run on PostgreSQL; 0 skips it),
 * BENCH_PROFILE (a folder: CPU profiles of the cold, no-change and one-change refreshes go there).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

const COMPONENTS = Number(process.env.BENCH_COMPONENTS ?? 2000);
const SPECS = Number(process.env.BENCH_SPECS ?? 5);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const REPOSITORIES = Number(process.env.BENCH_REPOSITORIES ?? 200);
const PUSHES = Number(process.env.BENCH_PUSHES ?? 20);
/** Components of the growth run (PostgreSQL only, parsing in workers); 0 skips it. */
const LARGE_COMPONENTS = Number(process.env.BENCH_LARGE_COMPONENTS ?? 10_000);
/** `infraSpecs.refresh.concurrency` of the local-folder runs. */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const DURING_RPS = Number(process.env.BENCH_DURING_RPS ?? 20);
const PG = process.env.BENCH_PG ?? 'postgresql://postgres@127.0.0.1:5432';
const ROOT = resolve(__dirname, '..', '..');

type DbKind = 'sqlite' | 'postgres';
type ChildKind = DbKind | 'forge';
/** Parsing in the worker pool (the default) or on the main thread (`parsing.workers: 0`). */
type Parsing = 'workers' | 'main';

interface DbResult {
  db: DbKind;
  parsing: Parsing;
  workers: number;
  specs: number;
  coldMs: number;
  specsPerSecond: number;
  /** parseSpec alone over the same files, in this process: the floor of a cold index. */
  parseOnlyMs: number;
  noChangeMs: number;
  oneChangedMs: number;
  listApprovedMs: { p50: number; p95: number; items: number; total: number };
  entitySpecsMs: { p50: number; p95: number; items: number };
  peakRssMb: number;
  /** The main thread's event-loop delay while the cold index ran. */
  coldEventLoopLagMs: { p50: number; p99: number; max: number };
  /** `GET /specs?status=approved`, DURING_RPS a second while the cold index ran. */
  listApprovedDuringColdMs: { p50: number; p95: number; requests: number };
}

function percentile(sorted: number[], p: number) {
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

async function timeRequests(url: string, headers: Record<string, string>) {
  const times: number[] = [];
  let body: any;
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers });
    body = await response.json();
    times.push(performance.now() - started);
    if (!response.ok)
      throw new Error(`${url}: ${response.status} ${JSON.stringify(body)}`);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), body };
}

/**
 * With BENCH_PROFILE=<folder>, a CPU profile of the step goes there (open it in Chrome DevTools):
 * how the time of a refresh splits between reading, planning and SQL.
 */
async function profiled<T>(step: string, run: () => Promise<T>): Promise<T> {
  const folder = process.env.BENCH_PROFILE;
  if (!folder) return run();
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `${step}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

/** One database, in this process. */
async function runOne(
  db: DbKind,
  parsing: Parsing,
  components = COMPONENTS,
): Promise<DbResult> {
  const { availableParallelism } = await import('node:os');
  const workers =
    parsing === 'main'
      ? 0
      : Number(
          process.env.BENCH_WORKERS ?? Math.max(1, availableParallelism() - 1),
        );
  const { default: knexFactory } = await import('knex');
  const { mockCredentials, mockServices, startTestBackend } = await import(
    '@backstage/backend-test-utils'
  );
  const { catalogServiceMock } = await import(
    '@backstage/plugin-catalog-node/testUtils'
  );
  const { default: infraSpecsPlugin } = await import(
    '@infra-specs/backstage-plugin-infra-specs-backend'
  );
  const { generate } = await import('./generate');

  const { parseSpec } = await import(
    '@infra-specs/backstage-plugin-infra-specs-common'
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'infra-specs-bench-'));
  const catalog = generate(dataDir, components, SPECS);
  const specFiles = execFileSync(
    'find',
    [
      dataDir,
      '-name',
      '*.md',
      '-not',
      '-name',
      'README.md',
      '-not',
      '-name',
      'plan.md',
    ],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  )
    .trim()
    .split('\n')
    .map(path => ({ path, markdown: readFileSync(path, 'utf8') }));
  const parseStarted = performance.now();
  for (const file of specFiles) parseSpec(file.markdown, { path: file.path });
  const parseOnlyMs = performance.now() - parseStarted;
  const entities = catalog.components.map(c => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: c.name,
      namespace: 'default',
      annotations: {
        // Registered from the folder that holds docs/specs, as the location policy wants.
        'backstage.io/managed-by-location': `file:${join(
          c.dir,
          '..',
          '..',
          'catalog-info.yaml',
        )}`,
        'infra-specs.dev/spec-location': `dir:${c.dir}`,
      },
    },
    spec: {
      type: 'service',
      owner: `group:default/team-${Number(c.name.slice(4)) % 20}`,
    },
  }));

  let knex;
  let dropDatabase = async () => {};
  if (db === 'sqlite') {
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
  } else {
    const name = `infra_specs_bench_${Date.now()}`;
    const admin = knexFactory({ client: 'pg', connection: `${PG}/postgres` });
    await admin.raw(`CREATE DATABASE ${name}`);
    knex = knexFactory({
      client: 'pg',
      connection: `${PG}/${name}`,
      pool: { min: 0, max: 10 },
    });
    dropDatabase = async () => {
      await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.destroy();
    };
  }

  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);

  const backend = await startTestBackend({
    features: [
      infraSpecsPlugin,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({
        data: {
          infraSpecs: {
            local: { allowedRoots: [dataDir] },
            refresh: { concurrency: CONCURRENCY },
            parsing: { workers },
          },
        },
      }),
    ],
  });
  const base = `http://localhost:${backend.server.port()}/api/infra-specs`;
  const headers = {
    Authorization: mockCredentials.user.header(),
    'Content-Type': 'application/json',
  };
  // The mock scheduler runs the task inside triggerTask, so POST /refresh returns when the run is done.
  const refreshAll = async () => {
    const started = performance.now();
    const response = await fetch(`${base}/refresh`, {
      method: 'POST',
      headers,
      body: '{}',
    });
    if (response.status !== 202)
      throw new Error(`refresh: ${response.status} ${await response.text()}`);
    await response.json();
    return performance.now() - started;
  };

  // The cold index, with the event loop watched and the API asked meanwhile.
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  let indexing = true;
  const during: number[] = [];
  // Paced like a busy portal (DURING_RPS page loads a second), not back to back: a saturating
  // client would measure its own load and slow the index it is meant to watch.
  const asking = (async () => {
    while (indexing) {
      const started = performance.now();
      const response = await fetch(`${base}/specs?status=approved`, {
        headers,
      });
      await response.json();
      const took = performance.now() - started;
      if (indexing) during.push(took);
      await new Promise(r =>
        setTimeout(r, Math.max(0, 1000 / DURING_RPS - took)),
      );
    }
  })();
  const coldMs = await profiled(`${db}-cold`, refreshAll);
  indexing = false;
  await asking;
  lag.disable();
  during.sort((a, b) => a - b);
  const coldEventLoopLagMs = {
    p50: lag.percentile(50) / 1e6,
    p99: lag.percentile(99) / 1e6,
    max: lag.max / 1e6,
  };
  const count = await (
    await fetch(`${base}/specs?limit=1`, { headers })
  ).json();
  if (count.totalCount !== catalog.specCount) {
    throw new Error(
      `indexed ${count.totalCount} specs, expected ${catalog.specCount}`,
    );
  }
  const noChangeMs = await profiled(`${db}-no-change`, refreshAll);

  // One spec (and the README next to it) of one component changes.
  const changed = catalog.components[Math.floor(components / 2)];
  appendFileSync(join(changed.dir, 'README.md'), '\nOne more line.\n');
  const changedSpec = (
    await (
      await fetch(`${base}/entity/component/default/${changed.name}/specs`, {
        headers,
      })
    ).json()
  ).items[1];
  appendFileSync(join(changed.dir, changedSpec.path), '\nOne more line.\n');
  const oneChangedMs = await profiled(`${db}-one-change`, refreshAll);
  const after = await (
    await fetch(`${base}/specs/${changedSpec.name}`, { headers })
  ).json();
  if (!after.markdown.endsWith('One more line.\n'))
    throw new Error('the changed file was not re-read');

  const list = await timeRequests(`${base}/specs?status=approved`, headers);
  const entityName = catalog.components[Math.floor(components / 4)].name;
  const entity = await timeRequests(
    `${base}/entity/component/default/${entityName}/specs`,
    headers,
  );

  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  await backend.stop();
  await knex.destroy();
  await dropDatabase();
  rmSync(dataDir, { recursive: true, force: true });

  return {
    db,
    parsing,
    workers,
    specs: catalog.specCount,
    coldMs,
    specsPerSecond: catalog.specCount / (coldMs / 1000),
    parseOnlyMs,
    noChangeMs,
    oneChangedMs,
    listApprovedMs: {
      p50: list.p50,
      p95: list.p95,
      items: list.body.items.length,
      total: list.body.totalCount,
    },
    entitySpecsMs: {
      p50: entity.p50,
      p95: entity.p95,
      items: entity.body.items.length,
    },
    peakRssMb: peakRss / 1024 / 1024,
    coldEventLoopLagMs,
    listApprovedDuringColdMs: {
      p50: during.length ? percentile(during, 50) : NaN,
      p95: during.length ? percentile(during, 95) : NaN,
      requests: during.length,
    },
  };
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);

interface ForgeResult {
  components: number;
  repositories: number;
  coldMs: number;
  coldRequests: number;
  noChangeMs: number;
  noChangeRequests: number;
  /** The same check, one manual refresh per component: one read per location. */
  perLocationMs: number;
  perLocationRequests: number;
  pushToRecordMs: { p50: number; p95: number; max: number; pushes: number };
  /** Until the real catalog serves the changed Spec entity. */
  pushToEntityMs: { p50: number; p95: number; max: number; pushes: number };
  /** The catalog taking in every Spec entity after the cold index. */
  catalogColdMs: number;
  requestsPerPush: number;
  /** A scheduled refresh that lands one change: the polling path, not counting the wait for it. */
  scheduledRunMs: number;
  scheduleFrequency: string;
  /** The catalog module's default schedule: how late an entity was at worst before the change event. */
  providerFrequencyMs: number;
}

/** 2,000 components in 200 forge repositories, through the real GitHub reader, on SQLite. */
async function runForge(): Promise<ForgeResult> {
  const { default: knexFactory } = await import('knex');
  const { coreServices, createServiceFactory } = await import(
    '@backstage/backend-plugin-api'
  );
  const { mockCredentials, mockServices, startTestBackend } = await import(
    '@backstage/backend-test-utils'
  );
  const { catalogServiceMock } = await import(
    '@backstage/plugin-catalog-node/testUtils'
  );
  const { default: catalogPlugin } = await import(
    '@backstage/plugin-catalog-backend'
  );
  const { default: catalogModuleInfraSpecs } = await import(
    '@infra-specs/backstage-plugin-catalog-backend-module-infra-specs'
  );
  const { DefaultEventsService, eventsServiceRef } = await import(
    '@backstage/plugin-events-node'
  );
  const { default: infraSpecsPlugin } = await import(
    '@infra-specs/backstage-plugin-infra-specs-backend'
  );
  const { startForge } = await import('@internal/forge');

  const perRepository = Math.ceil(COMPONENTS / REPOSITORIES);
  const spec = (r: number, i: number, status: string) =>
    [
      `# Spec: Service ${r}-${i}`,
      '',
      `**Spec ID**: SPEC-${String(r * perRepository + i + 1).padStart(4, '0')}`,
      `**Status**: ${status}`,
      '**Author**: Jane Doe',
      '**Created**: 2026-01-05',
      '',
      '## Summary',
      '',
      `A small change of service ${i} in repository ${r}.`,
      '',
    ].join('\n');
  const specPath = (i: number) => `services/s${i}/specs/SPEC-1.md`;

  const forge = await startForge();
  const entities = [];
  for (let r = 0; r < REPOSITORIES; r++) {
    const fullName = `acme/repo-${r}`;
    const files: Record<string, string> = { 'README.md': 'monorepo' };
    const services = Math.min(perRepository, COMPONENTS - r * perRepository);
    for (let i = 0; i < services; i++) {
      files[specPath(i)] = spec(r, i, 'Draft');
      files[`services/s${i}/main.tf`] = 'resource "null_resource" "x" {}';
    }
    forge.addRepository(fullName, { files });
    for (let i = 0; i < services; i++) {
      entities.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: `repo-${r}-s${i}`,
          namespace: 'default',
          annotations: {
            'backstage.io/managed-by-location': `url:${forge.url(
              fullName,
              'catalog-info.yaml',
              { kind: 'blob' },
            )}`,
            'infra-specs.dev/spec-location': `url:${forge.url(
              fullName,
              `services/s${i}/specs`,
            )}`,
          },
        },
        spec: { type: 'service', owner: `group:default/team-${r % 20}` },
      });
    }
  }

  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  const events = DefaultEventsService.create({
    logger: mockServices.rootLogger({ level: 'warn' }),
  });
  const backend = await startTestBackend({
    features: [
      infraSpecsPlugin,
      // The real catalog with the module, for push -> Spec entity. The infra-specs backend reads
      // its components from the mock (the catalog API as a service): 2,000 components through
      // the real catalog's processing would only add minutes of set-up.
      catalogPlugin,
      catalogModuleInfraSpecs,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      createServiceFactory({
        service: eventsServiceRef,
        deps: { pluginMetadata: coreServices.pluginMetadata },
        factory: ({ pluginMetadata }) =>
          events.forPlugin(pluginMetadata.getId()),
      }),
      mockServices.rootConfig.factory({
        data: {
          integrations: { github: [forge.integration] },
          // Entities are processed when they change; no periodic reprocessing during the bench.
          catalog: { processingInterval: { minutes: 60 } },
          infraSpecs: {
            refresh: {
              concurrency: 4,
              // More than the one manual refresh per component of the baseline; 10,000 is the most config takes.
              manual: { rateLimit: { max: 10_000, window: { minutes: 1 } } },
            },
          },
        },
      }),
    ],
  });
  const base = `http://localhost:${backend.server.port()}/api/infra-specs`;
  const headers = {
    Authorization: mockCredentials.user.header(),
    'Content-Type': 'application/json',
  };
  const post = async (body: object) => {
    const response = await fetch(`${base}/refresh`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`refresh: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const counted = async (fn: () => Promise<unknown>) => {
    forge.resetRequests();
    const started = performance.now();
    await fn();
    return { ms: performance.now() - started, requests: forge.requests() };
  };
  const getJson = async (path: string) => {
    const response = await fetch(`${base}${path}`, { headers });
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return response.json();
  };

  const catalogBase = `http://localhost:${backend.server.port()}/api/catalog`;
  const catalogJson = async (path: string) => {
    const response = await fetch(`${catalogBase}${path}`, { headers });
    return response.status === 404 ? undefined : response.json();
  };
  const until = async (
    what: string,
    probe: () => Promise<boolean>,
    started: number,
  ) => {
    for (;;) {
      if (await probe()) return performance.now() - started;
      if (performance.now() - started > 300_000)
        throw new Error(`${what} never happened`);
      await new Promise(resolve => setTimeout(resolve, 5));
    }
  };

  const cold = await counted(() => post({}));
  const count = await getJson('/specs?limit=1');
  if (count.totalCount !== entities.length) {
    throw new Error(
      `indexed ${count.totalCount} specs from the forge, expected ${entities.length}`,
    );
  }
  // The cold index announced its changes: the module's first run publishes them all. Wait for
  // the catalog to serve every one, so that its processing does not load what follows.
  const catalogColdMs = await until(
    'every Spec entity in the catalog',
    async () =>
      (
        await catalogJson('/entities/by-query?filter=kind=spec&limit=1')
      )?.totalItems === entities.length,
    performance.now(),
  );
  const noChange = await counted(() => post({}));
  const perLocation = await counted(async () => {
    for (const entity of entities)
      await post({ entityRef: `component:default/${entity.metadata.name}` });
  });

  // Pushes to repositories spread over the set, each approving one spec.
  const pushTimes: number[] = [];
  const entityTimes: number[] = [];
  let pushRequests = 0;
  for (let k = 0; k < PUSHES; k++) {
    const r = Math.floor((k * REPOSITORIES) / PUSHES);
    const i = k % perRepository;
    const fullName = `acme/repo-${r}`;
    const name = (
      await getJson(`/entity/component/default/repo-${r}-s${i}/specs`)
    ).items[0].name;
    forge.repository(fullName).write({ [specPath(i)]: spec(r, i, 'Approved') });
    forge.resetRequests();
    const started = performance.now();
    await events.publish({
      topic: 'github.push',
      eventPayload: {
        ref: 'refs/heads/main',
        repository: {
          html_url: `http://${forge.host}/${fullName}`,
          full_name: fullName,
          default_branch: 'main',
        },
        commits: [{ added: [], modified: [specPath(i)], removed: [] }],
      },
    });
    // The events service may hand the event over before the subscriber is done: poll the record
    // and the entity side by side.
    const [toRecord, toEntity] = await Promise.all([
      until(
        `push to ${fullName} in the index`,
        async () =>
          (await getJson(`/specs/${name}`)).document.status === 'approved',
        started,
      ),
      until(
        `push to ${fullName} in the catalog`,
        async () =>
          (
            await catalogJson(`/entities/by-name/spec/default/${name}`)
          )?.spec?.status === 'approved',
        started,
      ),
    ]);
    pushTimes.push(toRecord);
    entityTimes.push(toEntity);
    pushRequests += forge.requests();
  }
  pushTimes.sort((a, b) => a - b);
  entityTimes.sort((a, b) => a - b);

  // The polling path: the next scheduled run lands a change (after waiting up to a frequency for it).
  const r = REPOSITORIES - 1;
  forge
    .repository(`acme/repo-${r}`)
    .write({ [specPath(0)]: spec(r, 0, 'Implemented') });
  const scheduled = await counted(() => post({}));

  await backend.stop();
  await knex.destroy();
  await forge.close();
  return {
    components: entities.length,
    repositories: REPOSITORIES,
    coldMs: cold.ms,
    coldRequests: cold.requests,
    noChangeMs: noChange.ms,
    noChangeRequests: noChange.requests,
    perLocationMs: perLocation.ms,
    perLocationRequests: perLocation.requests,
    pushToRecordMs: {
      p50: percentile(pushTimes, 50),
      p95: percentile(pushTimes, 95),
      max: pushTimes[pushTimes.length - 1],
      pushes: pushTimes.length,
    },
    pushToEntityMs: {
      p50: percentile(entityTimes, 50),
      p95: percentile(entityTimes, 95),
      max: entityTimes[entityTimes.length - 1],
      pushes: entityTimes.length,
    },
    catalogColdMs,
    requestsPerPush: pushRequests / PUSHES,
    scheduledRunMs: scheduled.ms,
    scheduleFrequency: '5 min (infraSpecs.refresh.frequency default)',
    providerFrequencyMs: 30_000,
  };
}

function forgeTable(f: ForgeResult) {
  const perRepo = (n: number) => fmt(n / f.repositories, 2);
  // Without the change event: the scheduled refresh, then up to the provider's schedule.
  const withProvider = f.scheduledRunMs + f.providerFrequencyMs;
  const rows: Array<[string, string, string, string]> = [
    ['cold read, forge requests', String(f.coldRequests), '', ''],
    [
      'no-change refresh, forge requests',
      String(f.noChangeRequests),
      String(f.perLocationRequests),
      fmt(f.noChangeRequests / f.perLocationRequests, 3),
    ],
    [
      '  per repository',
      perRepo(f.noChangeRequests),
      perRepo(f.perLocationRequests),
      '',
    ],
    [
      'no-change refresh (ms)',
      fmt(f.noChangeMs, 0),
      fmt(f.perLocationMs, 0),
      fmt(f.noChangeMs / f.perLocationMs, 3),
    ],
    [
      'push to spec record p50 (ms)',
      fmt(f.pushToRecordMs.p50, 0),
      fmt(f.scheduledRunMs, 0),
      fmt(f.pushToRecordMs.p50 / f.scheduledRunMs, 3),
    ],
    [
      'push to spec record p95 (ms)',
      fmt(f.pushToRecordMs.p95, 0),
      fmt(f.scheduledRunMs, 0),
      fmt(f.pushToRecordMs.p95 / f.scheduledRunMs, 3),
    ],
    [
      'push to catalog entity p50 (ms)',
      fmt(f.pushToEntityMs.p50, 0),
      fmt(withProvider, 0),
      fmt(f.pushToEntityMs.p50 / withProvider, 3),
    ],
    [
      'push to catalog entity p95 (ms)',
      fmt(f.pushToEntityMs.p95, 0),
      fmt(withProvider, 0),
      fmt(f.pushToEntityMs.p95 / withProvider, 3),
    ],
    ['forge requests per push', fmt(f.requestsPerPush, 1), '', ''],
    [
      'catalog takes in every Spec entity after the cold index (ms)',
      fmt(f.catalogColdMs, 0),
      '',
      '',
    ],
  ];
  const head = [
    'forge: ' + `${f.components} components in ${f.repositories} repositories`,
    'shared reads',
    'baseline',
    'ratio',
  ];
  const widths = [0, 1, 2, 3].map(i =>
    Math.max(...[head, ...rows].map(r => r[i].length)),
  );
  const line = (r: string[]) =>
    `| ${r
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join(' | ')} |`;
  return [
    line(head),
    `|${widths.map(w => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
    '',
    'baseline: no-change rows are one manual refresh per component (per-location reads); push rows are',
    `the scheduled refresh run that lands the same change, which also waits up to ${f.scheduleFrequency} to start;`,
    `entity rows add the catalog provider's schedule (${
      f.providerFrequencyMs / 1000
    } s), which picked it up before the change event.`,
  ].join('\n');
}

/** The PostgreSQL run at LARGE_COMPONENTS against the one at COMPONENTS: how each cost grows. */
function growthTable(base: DbResult, large: DbResult) {
  const head = [
    'PostgreSQL, parsing in workers',
    `${base.specs.toLocaleString('en-US')} specs`,
    `${large.specs.toLocaleString('en-US')} specs`,
    'growth',
  ];
  const row = (
    name: string,
    pick: (r: DbResult) => number,
    digits = 0,
  ): [string, string, string, string] => [
    name,
    fmt(pick(base), digits),
    fmt(pick(large), digits),
    fmt(pick(large) / pick(base), 2),
  ];
  const rows = [
    row('cold index (specs/s)', r => r.specsPerSecond),
    row('cold index (ms)', r => r.coldMs),
    row('  cold index / parse alone', r => r.coldMs / r.parseOnlyMs, 2),
    row(
      'event-loop lag p99 during cold index (ms)',
      r => r.coldEventLoopLagMs.p99,
      1,
    ),
    row(
      'GET /specs?status=approved p95 during cold index (ms)',
      r => r.listApprovedDuringColdMs.p95,
      1,
    ),
    row('no-change refresh (ms)', r => r.noChangeMs),
    row('one-file-changed refresh (ms)', r => r.oneChangedMs),
    row('GET /specs?status=approved p50 (ms)', r => r.listApprovedMs.p50, 2),
    row('GET /specs?status=approved p95 (ms)', r => r.listApprovedMs.p95, 2),
    row('GET /entity/.../specs p95 (ms)', r => r.entitySpecsMs.p95, 2),
    row('peak RSS (MB)', r => r.peakRssMb),
  ];
  const widths = [0, 1, 2, 3].map(i =>
    Math.max(...[head, ...rows].map(r => r[i].length)),
  );
  const line = (r: string[]) =>
    `| ${r
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join(' | ')} |`;
  return [
    line(head),
    `|${widths.map(w => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

function table(results: DbResult[]) {
  const find = (db: DbKind, parsing: Parsing) =>
    results.find(r => r.db === db && r.parsing === parsing)!;
  const [sqlite, pg] = [find('sqlite', 'workers'), find('postgres', 'workers')];
  const [sqliteMain, pgMain] = [
    find('sqlite', 'main'),
    find('postgres', 'main'),
  ];
  const rows: Array<[string, string, string, string]> = [
    [
      'cold index (specs/s)',
      fmt(sqlite.specsPerSecond, 0),
      fmt(pg.specsPerSecond, 0),
      fmt(pg.specsPerSecond / sqlite.specsPerSecond, 2),
    ],
    [
      'cold index (ms)',
      fmt(sqlite.coldMs, 0),
      fmt(pg.coldMs, 0),
      fmt(pg.coldMs / sqlite.coldMs, 2),
    ],
    [
      '  parseSpec alone, same specs (ms)',
      fmt(sqlite.parseOnlyMs, 0),
      fmt(pg.parseOnlyMs, 0),
      '',
    ],
    [
      '  cold index / parse alone',
      fmt(sqlite.coldMs / sqlite.parseOnlyMs, 2),
      fmt(pg.coldMs / pg.parseOnlyMs, 2),
      '',
    ],
    [
      `  parsing on the main thread (baseline, specs/s)`,
      fmt(sqliteMain.specsPerSecond, 0),
      fmt(pgMain.specsPerSecond, 0),
      '',
    ],
    [
      `  ${sqlite.workers} workers / main thread`,
      fmt(sqlite.specsPerSecond / sqliteMain.specsPerSecond, 2),
      fmt(pg.specsPerSecond / pgMain.specsPerSecond, 2),
      '',
    ],
    [
      'event-loop lag p99 during cold index (ms)',
      fmt(sqlite.coldEventLoopLagMs.p99, 1),
      fmt(pg.coldEventLoopLagMs.p99, 1),
      fmt(pg.coldEventLoopLagMs.p99 / sqlite.coldEventLoopLagMs.p99, 2),
    ],
    [
      '  parsing on the main thread (baseline)',
      fmt(sqliteMain.coldEventLoopLagMs.p99, 1),
      fmt(pgMain.coldEventLoopLagMs.p99, 1),
      '',
    ],
    [
      'GET /specs?status=approved p95 during cold index (ms)',
      fmt(sqlite.listApprovedDuringColdMs.p95, 1),
      fmt(pg.listApprovedDuringColdMs.p95, 1),
      fmt(
        pg.listApprovedDuringColdMs.p95 / sqlite.listApprovedDuringColdMs.p95,
        2,
      ),
    ],
    [
      '  parsing on the main thread (baseline)',
      fmt(sqliteMain.listApprovedDuringColdMs.p95, 1),
      fmt(pgMain.listApprovedDuringColdMs.p95, 1),
      '',
    ],
    [
      'no-change refresh (ms)',
      fmt(sqlite.noChangeMs, 0),
      fmt(pg.noChangeMs, 0),
      fmt(pg.noChangeMs / sqlite.noChangeMs, 2),
    ],
    [
      '  ratio to cold',
      fmt(sqlite.noChangeMs / sqlite.coldMs, 3),
      fmt(pg.noChangeMs / pg.coldMs, 3),
      '',
    ],
    [
      'one-file-changed refresh (ms)',
      fmt(sqlite.oneChangedMs, 0),
      fmt(pg.oneChangedMs, 0),
      fmt(pg.oneChangedMs / sqlite.oneChangedMs, 2),
    ],
    [
      '  ratio to no-change',
      fmt(sqlite.oneChangedMs / sqlite.noChangeMs, 2),
      fmt(pg.oneChangedMs / pg.noChangeMs, 2),
      '',
    ],
    [
      'GET /specs?status=approved p50 (ms)',
      fmt(sqlite.listApprovedMs.p50, 2),
      fmt(pg.listApprovedMs.p50, 2),
      fmt(pg.listApprovedMs.p50 / sqlite.listApprovedMs.p50, 2),
    ],
    [
      'GET /specs?status=approved p95 (ms)',
      fmt(sqlite.listApprovedMs.p95, 2),
      fmt(pg.listApprovedMs.p95, 2),
      fmt(pg.listApprovedMs.p95 / sqlite.listApprovedMs.p95, 2),
    ],
    [
      'GET /entity/.../specs p50 (ms)',
      fmt(sqlite.entitySpecsMs.p50, 2),
      fmt(pg.entitySpecsMs.p50, 2),
      fmt(pg.entitySpecsMs.p50 / sqlite.entitySpecsMs.p50, 2),
    ],
    [
      'GET /entity/.../specs p95 (ms)',
      fmt(sqlite.entitySpecsMs.p95, 2),
      fmt(pg.entitySpecsMs.p95, 2),
      fmt(pg.entitySpecsMs.p95 / sqlite.entitySpecsMs.p95, 2),
    ],
    [
      'peak RSS (MB)',
      fmt(sqlite.peakRssMb, 0),
      fmt(pg.peakRssMb, 0),
      fmt(pg.peakRssMb / sqlite.peakRssMb, 2),
    ],
  ];
  const widths = [0, 1, 2, 3].map(i =>
    Math.max(
      ...[['metric', 'SQLite', 'PostgreSQL', 'PG / SQLite'], ...rows].map(
        r => r[i].length,
      ),
    ),
  );
  const line = (r: string[]) =>
    `| ${r
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join(' | ')} |`;
  return [
    line(['metric', 'SQLite', 'PostgreSQL', 'PG / SQLite']),
    `|${widths.map(w => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

/** Runs one measurement in a child process of its own (so peak RSS is its own) and returns its RESULT. */
function runChild(args: string[], label: string): any {
  const run = spawnSync(
    process.execPath,
    [...process.execArgv, __filename, '--child', ...args],
    {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const match = /RESULT (.*)/.exec(run.stdout ?? '');
  if (run.status !== 0 || !match) {
    process.stderr.write(run.stdout ?? '');
    throw new Error(`the ${label} run failed (exit ${run.status})`);
  }
  return JSON.parse(match[1]);
}

async function main() {
  const child = process.argv.indexOf('--child');
  if (child >= 0) {
    const kind = process.argv[child + 1] as ChildKind;
    const result =
      kind === 'forge'
        ? await runForge()
        : await runOne(
            kind,
            (process.argv[child + 2] ?? 'workers') as Parsing,
            Number(process.argv[child + 3] ?? COMPONENTS),
          );
    process.stdout.write(`\nRESULT ${JSON.stringify(result)}\n`);
    return;
  }

  // The machine may be shared: the load around the run says how much to trust the numbers.
  const loadBefore = loadavg();
  const results: DbResult[] = [];
  const runs = (['sqlite', 'postgres'] as DbKind[]).flatMap(db =>
    (['workers', 'main'] as Parsing[]).map(parsing => ({ db, parsing })),
  );
  for (const { db, parsing } of runs) {
    process.stderr.write(
      `bench: ${COMPONENTS} components x ${SPECS} specs on ${db}, parsing in ${
        parsing === 'main' ? 'the main thread' : 'workers'
      }...\n`,
    );
    results.push(runChild([db, parsing], db));
  }

  // How cost grows with the index: PostgreSQL at LARGE_COMPONENTS, against the run above.
  let large: DbResult | undefined;
  if (LARGE_COMPONENTS > 0) {
    process.stderr.write(
      `bench: ${LARGE_COMPONENTS} components x ${SPECS} specs on postgres (growth)...\n`,
    );
    large = runChild(
      ['postgres', 'workers', String(LARGE_COMPONENTS)],
      'postgres growth',
    );
  }

  process.stderr.write(
    `bench: ${COMPONENTS} components in ${REPOSITORIES} forge repositories...\n`,
  );
  const forge: ForgeResult = runChild(['forge'], 'forge');

  const goals = (() => {
    const defaults = results.filter(r => r.parsing === 'workers');
    const pg = defaults.find(r => r.db === 'postgres')!;
    const worstNoChange = Math.max(...defaults.map(r => r.noChangeMs));
    const worstEntityP95 = Math.max(...defaults.map(r => r.entitySpecsMs.p95));
    const specs = pg.specs.toLocaleString('en-US');
    return {
      'cold index >= 1,000 specs/s on PostgreSQL': pg.specsPerSecond >= 1000,
      'cold index >= 2,000 specs/s on PostgreSQL (issue 16)':
        pg.specsPerSecond >= 2000,
      'cold index / parse alone < 1.0 on both databases (issue 16)':
        defaults.every(r => r.coldMs / r.parseOnlyMs < 1),
      'event-loop lag p99 during cold index < 50 ms (issue 16)': defaults.every(
        r => r.coldEventLoopLagMs.p99 < 50,
      ),
      'GET /specs?status=approved p95 during cold index < 50 ms (issue 16)':
        defaults.every(r => r.listApprovedDuringColdMs.p95 < 50),
      [`no-change refresh of ${specs} specs < 2 s (goal at 10,000)`]:
        worstNoChange < 2000,
      'entity specs p95 < 20 ms': worstEntityP95 < 20,
      [`forge: no-change refresh of ${forge.components} components <= 1 request per repository (${forge.repositories})`]:
        forge.noChangeRequests <= forge.repositories,
      'forge: push to spec record p95 < 5 s': forge.pushToRecordMs.p95 < 5000,
      'forge: push to catalog entity p95 < 5 s (issue 15)':
        forge.pushToEntityMs.p95 < 5000,
      ...(large
        ? (() => {
            const base = defaults.find(r => r.db === 'postgres')!;
            const growth = `${base.specs.toLocaleString(
              'en-US',
            )} to ${large.specs.toLocaleString('en-US')} specs on PostgreSQL`;
            return {
              [`${growth}: cold index time grows <= 5.5x (issue 16)`]:
                large.coldMs / base.coldMs <= 5.5,
              [`${growth}: no-change refresh grows <= 5.5x (issue 16)`]:
                large.noChangeMs / base.noChangeMs <= 5.5,
              [`${growth}: GET /specs?status=approved p95 grows <= 5.5x (issue 16)`]:
                large.listApprovedMs.p95 / base.listApprovedMs.p95 <= 5.5,
              [`peak RSS < 600 MB (PostgreSQL at ${large.specs.toLocaleString(
                'en-US',
              )}, SQLite at ${base.specs.toLocaleString('en-US')}; issue 16)`]:
                large.peakRssMb < 600 && defaults.every(r => r.peakRssMb < 600),
            };
          })()
        : {}),
    };
  })();

  const output = {
    date: new Date().toISOString(),
    commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      memoryGb: Math.round(totalmem() / 1024 ** 3),
      node: process.version,
      loadAverageBefore: loadBefore.map(l => Number(l.toFixed(2))),
      loadAverageAfter: loadavg().map(l => Number(l.toFixed(2))),
    },
    parameters: {
      components: COMPONENTS,
      specsPerComponent: SPECS,
      requests: REQUESTS,
      source: 'local folders on disk',
      concurrency: 4,
      parsing:
        'worker pool (infraSpecs.parsing.workers default), and main thread as the baseline',
    },
    results,
    ...(large
      ? {
          growth: {
            parameters: {
              components: LARGE_COMPONENTS,
              specsPerComponent: SPECS,
              database: 'postgres',
            },
            result: large,
          },
        }
      : {}),
    forge: {
      parameters: {
        components: COMPONENTS,
        repositories: REPOSITORIES,
        specsPerComponent: 1,
        pushes: PUSHES,
        database: 'sqlite',
        concurrency: 4,
      },
      result: forge,
    },
    goals,
  };
  const basePg = results.find(
    r => r.db === 'postgres' && r.parsing === 'workers',
  )!;
  const text = [
    table(results),
    ...(large ? [growthTable(basePg, large)] : []),
    forgeTable(forge),
  ].join('\n\n');
  process.stdout.write(`\n${text}\n\n`);
  process.stdout.write(
    `load average (1/5/15 min) before ${output.machine.loadAverageBefore.join(
      ' ',
    )}, after ${output.machine.loadAverageAfter.join(' ')} on ${
      output.machine.cpus
    } CPUs\n`,
  );
  for (const [goal, met] of Object.entries(goals)) {
    process.stdout.write(`${met ? 'met    ' : 'MISSED '} ${goal}\n`);
  }
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  const file = join(
    ROOT,
    'bench',
    'results',
    `index-${output.date.slice(0, 10)}.json`,
  );
  writeFileSync(
    file,
    `${JSON.stringify({ ...output, table: text.split('\n') }, null, 2)}\n`,
  );
  process.stdout.write(`\nwrote ${file}\n`);
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
