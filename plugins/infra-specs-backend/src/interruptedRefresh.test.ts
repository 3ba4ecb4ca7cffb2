/*
 * Done-when: "a refresh interrupted mid-batch (the process killed) loses nothing and resumes on
 * the next run". A backend process (src/__testUtils__/backendChild.ts) starts a cold refresh of
 * a few hundred local spec folders and is killed with SIGKILL while it runs; a second process
 * on the same database refreshes again. What the first one committed is read straight from the
 * database between the two.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  mockCredentials,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  createTestDatabases,
  waitFor,
} from '@infra-specs/backstage-plugin-infra-specs-node/testUtils';
import knexFactory, { type Knex } from 'knex';
import { changeSpec } from './__testUtils__/testParser';
import { HISTORY, LOCATIONS, SPECS } from './database/tables';

jest.setTimeout(120_000);

const COMPONENTS = 400;
const SPECS_PER_COMPONENT = 4;
const TOTAL = COMPONENTS * SPECS_PER_COMPONENT;
const STATUSES = ['Draft', 'In Review', 'Approved', 'Implemented'];

const { databases, ids } = createTestDatabases();

/** Writes COMPONENTS spec folders of SPECS_PER_COMPONENT change specs (plus a README) each. */
function generateCatalog(root: string): Entity[] {
  const entities: Entity[] = [];
  let specNumber = 1;
  for (let c = 0; c < COMPONENTS; c++) {
    const name = `svc-${String(c).padStart(4, '0')}`;
    const dir = path.join(root, name, 'docs', 'specs');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'README.md'), `# Specs of ${name}\n`);
    for (let s = 0; s < SPECS_PER_COMPONENT; s++) {
      const id = `SPEC-${String(specNumber++).padStart(4, '0')}`;
      fs.writeFileSync(
        path.join(dir, `${id}.md`),
        changeSpec({
          id,
          title: `Change ${c}-${s}`,
          status: STATUSES[(c + s) % STATUSES.length],
        }),
      );
    }
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        namespace: 'default',
        annotations: {
          // Registered from the folder that holds docs/specs, as the location policy wants.
          'backstage.io/managed-by-location': `file:${path.join(
            root,
            name,
            'catalog-info.yaml',
          )}`,
          'infra-specs.dev/spec-location': `dir:${dir}`,
        },
      },
      spec: { type: 'service', owner: `group:default/team-${c % 5}` },
    });
  }
  // Older than the local reader's racy window, so a folder's ETag is the same in both processes.
  const anHourAgo = new Date(Date.now() - 3_600_000);
  for (const file of fs.readdirSync(root, {
    recursive: true,
    encoding: 'utf8',
  })) {
    if (file.endsWith('.md'))
      fs.utimesSync(path.join(root, file), anHourAgo, anHourAgo);
  }
  return entities;
}

interface Child {
  process: ChildProcess;
  base: string;
  output(): string;
}

/** Starts backendChild.ts as a process of its own (no wrapper: a kill reaches the backend). */
async function startChild(optionsFile: string): Promise<Child> {
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      path.join(__dirname, '__testUtils__', 'backendChild.ts'),
      optionsFile,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', d => (output += d));
  child.stderr!.on('data', d => (output += d));
  const port = await waitFor(
    async () => {
      if (child.exitCode !== null) {
        throw new Error(`exited with ${child.exitCode}:\n${output}`);
      }
      return /listening on (\d+)/.exec(output)?.[1];
    },
    {
      timeoutMs: 60_000,
      intervalMs: 50,
      what: 'the backend process to listen',
    },
  ).catch(async error => {
    child.kill('SIGKILL');
    throw error;
  });
  return {
    process: child,
    base: `http://127.0.0.1:${port}/api/infra-specs`,
    output: () => output,
  };
}

const headers = {
  Authorization: mockCredentials.user.header(),
  'Content-Type': 'application/json',
};

async function getJson(url: string) {
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Reads the change feed from `since` to its end: the names it upserted, and the last token. */
async function readFeed(base: string, since: string, pages = Infinity) {
  const upserted: string[] = [];
  let token = since;
  for (let page = 0; page < pages; page++) {
    const body = await getJson(
      `${base}/changes?since=${encodeURIComponent(token)}&limit=100`,
    );
    expect(body.full).toBe(false);
    upserted.push(...body.upserted.map((s: { name: string }) => s.name));
    token = body.token;
    if (!body.hasMore) break;
  }
  return { upserted, token };
}

/** What is committed, read from the database itself. */
async function snapshot(knex: Knex) {
  const specs = await knex(SPECS)
    .whereNull('removed_at')
    .orderBy('name')
    .select(
      'name',
      'component_ref',
      'spec_id',
      'content_hash',
      'indexed_at',
      'content_changed_at',
    );
  const locations = await knex(LOCATIONS)
    .orderBy('component_ref')
    .select('component_ref', 'etag', 'last_error');
  const history = await knex(HISTORY)
    .orderBy('spec_name')
    .select('spec_name', 'from_status', 'to_status');
  return { specs, locations, history };
}

const REFRESH_SUMMARY =
  /Spec refresh: (\d+) locations \((\d+) updated, (\d+) unchanged, (\d+) failed, (\d+) backing off\), (\d+) files parsed/;

describe.each(ids)('a cold refresh killed mid-batch on %s', databaseId => {
  let dir: string;
  const children: ChildProcess[] = [];
  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await once(child, 'exit');
      }
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The database both processes use: a file for SQLite, a fresh database on PostgreSQL. */
  async function database(id: TestDatabaseId) {
    if (id.startsWith('SQLITE')) {
      const knex: Knex.Config = {
        client: 'better-sqlite3',
        connection: { filename: path.join(dir, 'index.sqlite') },
        useNullAsDefault: true,
      };
      return { config: knex, open: () => knexFactory(knex) };
    }
    const test = await databases.init(id);
    const config: Knex.Config = {
      client: 'pg',
      connection: test.client.config.connection,
    };
    return { config, open: () => test };
  }

  it('loses nothing and resumes where it stopped on the next run', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-specs-killed-'));
    const specsRoot = path.join(dir, 'components');
    const entities = generateCatalog(specsRoot);
    const db = await database(databaseId);
    const optionsFile = path.join(dir, 'backend.json');
    fs.writeFileSync(
      optionsFile,
      JSON.stringify({ knex: db.config, entities, allowedRoots: [specsRoot] }),
    );

    // The first process: a feed reader's token from before the refresh, then the cold refresh.
    const first = await startChild(optionsFile);
    children.push(first.process);
    const before = await getJson(`${first.base}/changes`);
    expect(before.full).toBe(true);
    // The mock scheduler runs the task inside this request, which the kill cuts off.
    const refresh = fetch(`${first.base}/refresh`, {
      method: 'POST',
      headers,
      body: '{}',
    }).catch(() => undefined);
    await waitFor(
      async () => {
        const { totalCount } = await getJson(`${first.base}/specs?limit=1`);
        return totalCount >= TOTAL / 5 ? totalCount : undefined;
      },
      {
        timeoutMs: 60_000,
        intervalMs: 10,
        what: 'a fifth of the specs to be indexed',
      },
    );
    // The reader takes one page while the refresh runs, and holds the token it was given.
    const early = await readFeed(first.base, before.token, 1);
    first.process.kill('SIGKILL');
    await once(first.process, 'exit');
    await refresh;

    // What the killed process left behind, read from the database.
    let knex = db.open();
    const left = await snapshot(knex);
    if (db.config.client === 'better-sqlite3') await knex.destroy();
    expect(left.specs.length).toBeGreaterThan(0);
    // Killed mid-batch: if this fails, the refresh ended before the kill and nothing was tested.
    expect(left.specs.length).toBeLessThan(TOTAL);
    // Each location is one transaction: a committed location has all its specs and their
    // first statuses, an uncommitted one none of them.
    const committed = new Set(left.locations.map(l => l.component_ref));
    expect(left.locations.every(l => l.etag && !l.last_error)).toBe(true);
    expect(new Set(left.specs.map(s => s.component_ref))).toEqual(committed);
    expect(left.specs.length).toBe(committed.size * SPECS_PER_COMPONENT);
    expect(left.history.map(h => h.spec_name)).toEqual(
      left.specs.map(s => s.name),
    );

    // The second process resumes: the same database, a refresh run to its end.
    const second = await startChild(optionsFile);
    children.push(second.process);
    const res = await fetch(`${second.base}/refresh`, {
      method: 'POST',
      headers,
      body: '{}',
    });
    expect(res.status).toBe(202);
    await res.json();
    const summary = await waitFor(
      async () => REFRESH_SUMMARY.exec(second.output()) ?? undefined,
      {
        timeoutMs: 10_000,
        what: `the refresh summary in the log:\n${second.output()}`,
      },
    );
    const [, locations, updated, unchanged, failed, backingOff, parsed] =
      summary.map(Number);
    expect({
      locations,
      updated,
      unchanged,
      failed,
      backingOff,
      parsed,
    }).toEqual({
      locations: COMPONENTS,
      // What the first process committed is not read into the index again, nor parsed.
      updated: COMPONENTS - committed.size,
      unchanged: committed.size,
      failed: 0,
      backingOff: 0,
      parsed: (COMPONENTS - committed.size) * SPECS_PER_COMPONENT,
    });

    const { totalCount } = await getJson(`${second.base}/specs?limit=1`);
    expect(totalCount).toBe(TOTAL);
    // The reader, from the token it held, sees the rest: every spec, none lost at the kill.
    const rest = await readFeed(second.base, early.token);
    const seen = new Set([...early.upserted, ...rest.upserted]);
    expect(seen.size).toBe(TOTAL);

    second.process.kill('SIGTERM');
    await once(second.process, 'exit');
    if (db.config.client === 'better-sqlite3') knex = db.open();
    const after = await snapshot(knex);
    if (db.config.client === 'better-sqlite3') await knex.destroy();
    // Every spec once: its own id under one name, with one first status in the history.
    expect(after.specs).toHaveLength(TOTAL);
    expect(new Set(after.specs.map(s => s.spec_id)).size).toBe(TOTAL);
    expect(after.history.map(h => h.spec_name)).toEqual(
      after.specs.map(s => s.name),
    );
    expect(after.history.every(h => h.from_status === null)).toBe(true);
    expect(after.locations).toHaveLength(COMPONENTS);
    expect(after.locations.every(l => l.etag && !l.last_error)).toBe(true);
    // The specs committed before the kill are the very rows written then, untouched since.
    const afterByName = new Map(after.specs.map(s => [s.name, s]));
    expect(left.specs.map(s => afterByName.get(s.name))).toEqual(left.specs);
    const etags = new Map(after.locations.map(l => [l.component_ref, l.etag]));
    expect(left.locations.map(l => etags.get(l.component_ref))).toEqual(
      left.locations.map(l => l.etag),
    );
  });
});
