import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import {
  startBackendProcess,
  BackendProcess,
} from './harness/startBackendProcess';
import { postgresConnectionString } from './harness/postgres';
import { Client as McpClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { pollBackend, waitForDemoSpecs } from './harness/demoData';

jest.setTimeout(180_000);

const MCP_TOKEN = randomBytes(24).toString('base64url');

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

/** An MCP client as assistants run it: streamable HTTP with a bearer token. */
async function connectMcp(backend: BackendProcess, token: string) {
  const client = new McpClient({
    name: 'infra-specs-e2e',
    version: '1.0.0',
  });
  await client.connect(
    new StreamableHTTPClientTransport(
      new URL(`${backend.baseUrl}/api/mcp-actions/v1`),
      { requestInit: { headers: { Authorization: `Bearer ${token}` } } },
    ),
  );
  return client;
}

const structured = (result: any) =>
  result.structuredContent ?? JSON.parse(result.content[0].text);

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

  it('publishes the infra-specs facts to Tech Insights and runs the sample checks on them', async () => {
    const token = await backend.guestToken();
    const headers = {
      Authorization: `Bearer ${token}`,
      'content-type': 'application/json',
    };
    await waitForDemoSpecs(backend);
    const specs = await (
      await fetch(
        `${backend.baseUrl}/api/infra-specs/specs?component=component:default/payments-api&limit=100`,
        { headers },
      )
    ).json();
    const open = specs.items.filter((r: any) =>
      ['draft', 'in-review', 'approved', 'unknown'].includes(r.document.status),
    ).length;
    expect(open).toBeGreaterThan(0);
    // Run the retriever now instead of at its next minute.
    const trigger = await fetch(
      `${backend.baseUrl}/api/tech-insights/.backstage/scheduler/v1/tasks/infra-specs-facts/trigger`,
      { method: 'POST', headers },
    );
    expect(trigger.status).toBe(200);
    const latest = await pollBackend<any>(
      backend,
      '/api/tech-insights/facts/latest?entity=component:default/payments-api&ids=infra-specs-facts',
      body => body['infra-specs-facts']?.facts.openSpecs === open,
      { what: `payments-api's facts with ${open} open specs` },
    );
    expect(Object.keys(latest['infra-specs-facts'].facts).sort()).toEqual([
      'estimatedMonthlyCostDeltaInFlight',
      'incompleteApprovedSpecs',
      'monthlyCostDeltaInFlight',
      'openSpecs',
      'riskyRollbacksWithoutPlan',
      'staleReviews',
    ]);
    const checks = await fetch(
      `${backend.baseUrl}/api/tech-insights/checks/run/default/component/payments-api`,
      { method: 'POST', headers, body: '{}' },
    );
    expect(checks.status).toBe(200);
    const results: Array<{ check: { id: string }; result: boolean }> =
      await checks.json();
    const facts = latest['infra-specs-facts'].facts;
    expect(
      Object.fromEntries(results.map(r => [r.check.id, r.result])),
    ).toEqual({
      infraSpecsNoRiskyRollbacksWithoutPlan:
        facts.riskyRollbacksWithoutPlan === 0,
      infraSpecsNoStaleReviews: facts.staleReviews === 0,
      infraSpecsNoIncompleteApprovedSpecs: facts.incompleteApprovedSpecs === 0,
    });
  });

  describe('as an MCP server (@backstage/plugin-mcp-actions-backend)', () => {
    it('refuses an MCP client without a token', async () => {
      const res = await fetch(`${backend.baseUrl}/api/mcp-actions/v1`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });
      expect(res.status).toBe(401);
    });

    it('lists the infra-specs tools and answers list-specs and lint-spec calls', async () => {
      const token = await backend.guestToken();
      await waitForDemoSpecs(backend);
      const client = await connectMcp(backend, token);
      try {
        const { tools } = await client.listTools();
        const ours = tools.filter(t => t.name.startsWith('infra-specs.'));
        expect(ours.map(t => t.name).sort()).toEqual([
          'infra-specs.get-spec',
          'infra-specs.lint-spec',
          'infra-specs.list-specs',
          'infra-specs.next-spec-id',
          'infra-specs.summarize-specs',
        ]);
        const list = ours.find(t => t.name === 'infra-specs.list-specs')!;
        expect(list.annotations).toMatchObject({
          readOnlyHint: true,
          destructiveHint: false,
        });
        expect(Object.keys(list.inputSchema.properties ?? {})).toEqual(
          expect.arrayContaining([
            'status',
            'component',
            'costDrift',
            'cursor',
          ]),
        );
        // The catalog's own tools come through the same server.
        expect(tools.some(t => t.name.startsWith('catalog.'))).toBe(true);

        const listed = structured(
          await client.callTool({
            name: 'infra-specs.list-specs',
            arguments: { component: ['payments-api'], sort: 'id' },
          }),
        );
        expect(listed.totalCount).toBeGreaterThan(0);
        expect(
          listed.items.every(
            (i: any) => i.componentRef === 'component:default/payments-api',
          ),
        ).toBe(true);
        expect(listed.items.map((i: any) => i.id)).toContain('FEAT-014');

        const linted = structured(
          await client.callTool({
            name: 'infra-specs.lint-spec',
            arguments: {
              markdown:
                '# Spec: Flow logs\n\n**Spec ID**: SPEC-0200\n**Status**: Approved\n**Author**: [Name]\n',
            },
          }),
        );
        expect(linted.id).toBe('SPEC-0200');
        expect(linted.diagnostics.map((d: any) => d.code)).toEqual(
          expect.arrayContaining(['placeholder', 'incomplete-approved-spec']),
        );

        const missing = await client.callTool({
          name: 'infra-specs.get-spec',
          arguments: { spec: 'SPEC-9999' },
        });
        expect(missing.isError).toBe(true);
      } finally {
        await client.close();
      }
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
          // A static token for MCP clients that are not a signed-in user (README, MCP section).
          auth: {
            externalAccess: [
              {
                type: 'static',
                options: { token: MCP_TOKEN, subject: 'mcp-clients' },
              },
            ],
          },
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

  it('answers an MCP client with a static token from backend.auth.externalAccess', async () => {
    expect(backend).toBeDefined();
    await waitForDemoSpecs(backend!);
    const client = await connectMcp(backend!, MCP_TOKEN);
    try {
      const { tools } = await client.listTools();
      expect(tools.map(t => t.name)).toContain('infra-specs.summarize-specs');
      const summary = structured(
        await client.callTool({
          name: 'infra-specs.summarize-specs',
          arguments: { component: 'payments-api' },
        }),
      );
      expect(summary.total).toBeGreaterThan(0);
      expect(summary.byStatus).toHaveProperty('approved');
    } finally {
      await client.close();
    }
  });
});
