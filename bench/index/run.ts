/*
 * `yarn bench:index`: indexes 2,000 components x 5 specs cold into SQLite and PostgreSQL
 * through the real plugin (startTestBackend, real store, real parser, local folders on disk),
 * then times a refresh where nothing changed, one where one file changed, and the latency
 * of two API routes over HTTP. Each database runs in its own child process so that peak
 * RSS is its own. Writes bench/results/index-<date>.json.
 *
 * Env: BENCH_COMPONENTS (2000), BENCH_SPECS (5), BENCH_REQUESTS (1000),
 * BENCH_PG (postgresql://postgres@127.0.0.1:5432).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const COMPONENTS = Number(process.env.BENCH_COMPONENTS ?? 2000);
const SPECS = Number(process.env.BENCH_SPECS ?? 5);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const PG = process.env.BENCH_PG ?? 'postgresql://postgres@127.0.0.1:5432';
const ROOT = resolve(__dirname, '..', '..');

type DbKind = 'sqlite' | 'postgres';

interface DbResult {
  db: DbKind;
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
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timeRequests(url: string, headers: Record<string, string>) {
  const times: number[] = [];
  let body: any;
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers });
    body = await response.json();
    times.push(performance.now() - started);
    if (!response.ok) throw new Error(`${url}: ${response.status} ${JSON.stringify(body)}`);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), body };
}

/** One database, in this process. */
async function runOne(db: DbKind): Promise<DbResult> {
  const { default: knexFactory } = await import('knex');
  const { mockCredentials, mockServices, startTestBackend } = await import('@backstage/backend-test-utils');
  const { catalogServiceMock } = await import('@backstage/plugin-catalog-node/testUtils');
  const { default: infraSpecsPlugin } = await import('@infra-specs/backstage-plugin-infra-specs-backend');
  const { generate } = await import('./generate');

  const { parseSpec } = await import('@infra-specs/backstage-plugin-infra-specs-common');
  const dataDir = mkdtempSync(join(tmpdir(), 'infra-specs-bench-'));
  const catalog = generate(dataDir, COMPONENTS, SPECS);
  const specFiles = execFileSync('find', [dataDir, '-name', '*.md', '-not', '-name', 'README.md', '-not', '-name', 'plan.md'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
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
        'backstage.io/managed-by-location': `file:${join(c.dir, '..', '..', 'catalog-info.yaml')}`,
        'infra-specs.dev/spec-location': `dir:${c.dir}`,
      },
    },
    spec: { type: 'service', owner: `group:default/team-${Number(c.name.slice(4)) % 20}` },
  }));

  let knex;
  let dropDatabase = async () => {};
  if (db === 'sqlite') {
    knex = knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true });
  } else {
    const name = `infra_specs_bench_${Date.now()}`;
    const admin = knexFactory({ client: 'pg', connection: `${PG}/postgres` });
    await admin.raw(`CREATE DATABASE ${name}`);
    knex = knexFactory({ client: 'pg', connection: `${PG}/${name}`, pool: { min: 0, max: 10 } });
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
        data: { infraSpecs: { local: { allowedRoots: [dataDir] }, refresh: { concurrency: 4 } } },
      }),
    ],
  });
  const base = `http://localhost:${backend.server.port()}/api/infra-specs`;
  const headers = { Authorization: mockCredentials.user.header(), 'Content-Type': 'application/json' };
  // The mock scheduler runs the task inside triggerTask, so POST /refresh returns when the run is done.
  const refreshAll = async () => {
    const started = performance.now();
    const response = await fetch(`${base}/refresh`, { method: 'POST', headers, body: '{}' });
    if (response.status !== 202) throw new Error(`refresh: ${response.status} ${await response.text()}`);
    await response.json();
    return performance.now() - started;
  };

  const coldMs = await refreshAll();
  const count = await (await fetch(`${base}/specs?limit=1`, { headers })).json();
  if (count.totalCount !== catalog.specCount) {
    throw new Error(`indexed ${count.totalCount} specs, expected ${catalog.specCount}`);
  }
  const noChangeMs = await refreshAll();

  // One spec (and the README next to it) of one component changes.
  const changed = catalog.components[Math.floor(COMPONENTS / 2)];
  appendFileSync(join(changed.dir, 'README.md'), '\nOne more line.\n');
  const changedSpec = (await (await fetch(`${base}/entity/component/default/${changed.name}/specs`, { headers })).json())
    .items[1];
  appendFileSync(join(changed.dir, changedSpec.path), '\nOne more line.\n');
  const oneChangedMs = await refreshAll();
  const after = await (await fetch(`${base}/specs/${changedSpec.name}`, { headers })).json();
  if (!after.markdown.endsWith('One more line.\n')) throw new Error('the changed file was not re-read');

  const list = await timeRequests(`${base}/specs?status=approved`, headers);
  const entityName = catalog.components[Math.floor(COMPONENTS / 4)].name;
  const entity = await timeRequests(`${base}/entity/component/default/${entityName}/specs`, headers);

  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  await backend.stop();
  await knex.destroy();
  await dropDatabase();
  rmSync(dataDir, { recursive: true, force: true });

  return {
    db,
    specs: catalog.specCount,
    coldMs,
    specsPerSecond: catalog.specCount / (coldMs / 1000),
    parseOnlyMs,
    noChangeMs,
    oneChangedMs,
    listApprovedMs: { p50: list.p50, p95: list.p95, items: list.body.items.length, total: list.body.totalCount },
    entitySpecsMs: { p50: entity.p50, p95: entity.p95, items: entity.body.items.length },
    peakRssMb: peakRss / 1024 / 1024,
  };
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);

function table(results: DbResult[]) {
  const [sqlite, pg] = [results.find(r => r.db === 'sqlite')!, results.find(r => r.db === 'postgres')!];
  const rows: Array<[string, string, string, string]> = [
    ['cold index (specs/s)', fmt(sqlite.specsPerSecond, 0), fmt(pg.specsPerSecond, 0), fmt(pg.specsPerSecond / sqlite.specsPerSecond, 2)],
    ['cold index (ms)', fmt(sqlite.coldMs, 0), fmt(pg.coldMs, 0), fmt(pg.coldMs / sqlite.coldMs, 2)],
    ['  parseSpec alone, same specs (ms)', fmt(sqlite.parseOnlyMs, 0), fmt(pg.parseOnlyMs, 0), ''],
    ['  cold index / parse alone', fmt(sqlite.coldMs / sqlite.parseOnlyMs, 2), fmt(pg.coldMs / pg.parseOnlyMs, 2), ''],
    ['no-change refresh (ms)', fmt(sqlite.noChangeMs, 0), fmt(pg.noChangeMs, 0), fmt(pg.noChangeMs / sqlite.noChangeMs, 2)],
    ['  ratio to cold', fmt(sqlite.noChangeMs / sqlite.coldMs, 3), fmt(pg.noChangeMs / pg.coldMs, 3), ''],
    ['one-file-changed refresh (ms)', fmt(sqlite.oneChangedMs, 0), fmt(pg.oneChangedMs, 0), fmt(pg.oneChangedMs / sqlite.oneChangedMs, 2)],
    ['  ratio to no-change', fmt(sqlite.oneChangedMs / sqlite.noChangeMs, 2), fmt(pg.oneChangedMs / pg.noChangeMs, 2), ''],
    ['GET /specs?status=approved p50 (ms)', fmt(sqlite.listApprovedMs.p50, 2), fmt(pg.listApprovedMs.p50, 2), fmt(pg.listApprovedMs.p50 / sqlite.listApprovedMs.p50, 2)],
    ['GET /specs?status=approved p95 (ms)', fmt(sqlite.listApprovedMs.p95, 2), fmt(pg.listApprovedMs.p95, 2), fmt(pg.listApprovedMs.p95 / sqlite.listApprovedMs.p95, 2)],
    ['GET /entity/.../specs p50 (ms)', fmt(sqlite.entitySpecsMs.p50, 2), fmt(pg.entitySpecsMs.p50, 2), fmt(pg.entitySpecsMs.p50 / sqlite.entitySpecsMs.p50, 2)],
    ['GET /entity/.../specs p95 (ms)', fmt(sqlite.entitySpecsMs.p95, 2), fmt(pg.entitySpecsMs.p95, 2), fmt(pg.entitySpecsMs.p95 / sqlite.entitySpecsMs.p95, 2)],
    ['peak RSS (MB)', fmt(sqlite.peakRssMb, 0), fmt(pg.peakRssMb, 0), fmt(pg.peakRssMb / sqlite.peakRssMb, 2)],
  ];
  const widths = [0, 1, 2, 3].map(i => Math.max(...[['metric', 'SQLite', 'PostgreSQL', 'PG / SQLite'], ...rows].map(r => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [line(['metric', 'SQLite', 'PostgreSQL', 'PG / SQLite']), `|${widths.map(w => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

async function main() {
  const child = process.argv.indexOf('--child');
  if (child >= 0) {
    const result = await runOne(process.argv[child + 1] as DbKind);
    process.stdout.write(`\nRESULT ${JSON.stringify(result)}\n`);
    return;
  }

  // The machine may be shared: the load around the run says how much to trust the numbers.
  const loadBefore = loadavg();
  const results: DbResult[] = [];
  for (const db of ['sqlite', 'postgres'] as DbKind[]) {
    process.stderr.write(`bench: ${COMPONENTS} components x ${SPECS} specs on ${db}...\n`);
    const run = spawnSync(process.execPath, [...process.execArgv, __filename, '--child', db], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const match = /RESULT (.*)/.exec(run.stdout ?? '');
    if (run.status !== 0 || !match) {
      process.stderr.write(run.stdout ?? '');
      throw new Error(`the ${db} run failed (exit ${run.status})`);
    }
    results.push(JSON.parse(match[1]));
  }

  const goals = (() => {
    const pg = results.find(r => r.db === 'postgres')!;
    const worstNoChange = Math.max(...results.map(r => r.noChangeMs));
    const worstEntityP95 = Math.max(...results.map(r => r.entitySpecsMs.p95));
    const specs = pg.specs.toLocaleString('en-US');
    return {
      'cold index >= 1,000 specs/s on PostgreSQL': pg.specsPerSecond >= 1000,
      [`no-change refresh of ${specs} specs < 2 s (goal at 10,000)`]: worstNoChange < 2000,
      'entity specs p95 < 20 ms': worstEntityP95 < 20,
    };
  })();

  const output = {
    date: new Date().toISOString(),
    commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      memoryGb: Math.round(totalmem() / 1024 ** 3),
      node: process.version,
      loadAverageBefore: loadBefore.map(l => Number(l.toFixed(2))),
      loadAverageAfter: loadavg().map(l => Number(l.toFixed(2))),
    },
    parameters: { components: COMPONENTS, specsPerComponent: SPECS, requests: REQUESTS, source: 'local folders on disk', concurrency: 4 },
    results,
    goals,
  };
  const text = table(results);
  process.stdout.write(`\n${text}\n\n`);
  process.stdout.write(
    `load average (1/5/15 min) before ${output.machine.loadAverageBefore.join(' ')}, after ${output.machine.loadAverageAfter.join(' ')} on ${output.machine.cpus} CPUs\n`,
  );
  for (const [goal, met] of Object.entries(goals)) {
    process.stdout.write(`${met ? 'met    ' : 'MISSED '} ${goal}\n`);
  }
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  const file = join(ROOT, 'bench', 'results', `index-${output.date.slice(0, 10)}.json`);
  writeFileSync(file, `${JSON.stringify({ ...output, table: text.split('\n') }, null, 2)}\n`);
  process.stdout.write(`\nwrote ${file}\n`);
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
