import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import {
  startBackendProcess,
  BackendProcess,
} from './harness/startBackendProcess';
import { postgresConnectionString } from './harness/postgres';

jest.setTimeout(180_000);

async function catalogEntities(backend: BackendProcess, token: string) {
  const res = await fetch(`${backend.baseUrl}/api/catalog/entities`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Array<{
    kind: string;
    metadata: { name: string };
  }>;
}

/** The catalog processes locations asynchronously; wait until the demo entities are stitched. */
async function waitForDemoCatalog(backend: BackendProcess, token: string) {
  const expected = [
    'component:network-vpc',
    'component:eks-cluster',
    'component:payments-api',
    'group:platform-team',
    'group:payments-team',
    'system:cloud-platform',
    'user:guest',
  ];
  const deadline = Date.now() + 60_000;
  let names = new Set<string>();
  while (Date.now() < deadline) {
    names = new Set(
      (await catalogEntities(backend, token)).map(
        e => `${e.kind.toLocaleLowerCase('en-US')}:${e.metadata.name}`,
      ),
    );
    if (expected.every(Set.prototype.has, names)) return [...names];
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(`demo catalog incomplete, got: ${[...names].join(', ')}`);
}

function withDatabase(connectionString: string, database: string) {
  const url = new URL(connectionString);
  url.pathname = `/${database}`;
  return url.toString();
}

describe('the portal backend on embedded SQLite (app-config.yaml as is)', () => {
  let backend: BackendProcess;
  beforeAll(async () => {
    backend = await startBackendProcess({});
  });
  afterAll(async () => {
    await backend?.stop();
  });

  it('refuses anonymous requests', async () => {
    const res = await fetch(`${backend.baseUrl}/api/catalog/entities`);
    expect(res.status).toBe(401);
  });

  it('signs in a guest who belongs to the platform team, and serves the demo catalog', async () => {
    const token = await backend.guestToken();
    const names = await waitForDemoCatalog(backend, token);
    expect(names).toEqual(
      expect.arrayContaining([
        'component:observability-stack',
        'component:infra-specs',
      ]),
    );

    const res = await fetch(
      `${backend.baseUrl}/api/catalog/entities/by-name/component/default/payments-api`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    const payments = await res.json();
    expect(payments.spec.owner).toBe('group:default/payments-team');
    expect(payments.relations).toEqual(
      expect.arrayContaining([
        { type: 'dependsOn', targetRef: 'component:default/eks-cluster' },
      ]),
    );
  });

  it('runs the demo forge beside it, and reads the Edge gateway component from its repository', async () => {
    const token = await backend.guestToken();
    const repository = await fetch(
      `${backend.forgeUrl}/api/repos/demo/edge-gateway`,
    );
    expect(repository.status).toBe(200);
    expect((await repository.json()).default_branch).toBe('main');

    const deadline = Date.now() + 60_000;
    let entity: any;
    while (Date.now() < deadline) {
      const res = await fetch(
        `${backend.baseUrl}/api/catalog/entities/by-name/component/default/edge-gateway`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      if (res.ok) {
        entity = await res.json();
        break;
      }
      await new Promise(r => setTimeout(r, 1000));
    }
    expect(entity?.metadata.annotations).toMatchObject({
      // the catalog keeps the location's URL in its tree form
      'backstage.io/managed-by-location': `url:${backend.forgeUrl}/demo/edge-gateway/tree/main/catalog-info.yaml`,
      'infra-specs.dev/spec-location': './docs/specs',
    });
  });
});

describe('the portal backend on PostgreSQL', () => {
  const connectionString = postgresConnectionString();
  // Each run gets its own databases (one per plugin) through a unique prefix, dropped afterwards.
  const prefix = `infra_specs_it_${randomBytes(4).toString('hex')}_`;
  let backend: BackendProcess | undefined;

  afterAll(async () => {
    await backend?.stop();
    if (!connectionString) return;
    const admin = new Client({
      connectionString: withDatabase(connectionString, 'postgres'),
    });
    await admin.connect();
    const { rows } = await admin.query(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${prefix}%`],
    );
    for (const { datname } of rows) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    await admin.end();
  });

  // Without a server (and outside CI) postgresConnectionString() printed why this is not run.
  if (!connectionString) return;
  it('creates its plugin databases on PostgreSQL and serves the catalog from them', async () => {
    const url = new URL(connectionString!);
    backend = await startBackendProcess({
      config: {
        backend: {
          database: {
            client: 'pg',
            prefix,
            connection: {
              host: url.hostname,
              port: Number(url.port || 5432),
              user: decodeURIComponent(url.username || 'postgres'),
              password: decodeURIComponent(url.password),
            },
          },
        },
      },
    });
    const token = await backend.guestToken();
    await waitForDemoCatalog(backend, token);

    const admin = new Client({
      connectionString: withDatabase(connectionString!, `${prefix}catalog`),
    });
    await admin.connect();
    const { rows } = await admin.query(
      'SELECT count(*)::int AS n FROM final_entities WHERE final_entity LIKE \'%"name":"network-vpc"%\'',
    );
    await admin.end();
    expect(rows[0].n).toBe(1);
  });
});
