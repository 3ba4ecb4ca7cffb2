/*
 * The Create-wizard templates run end to end through the real scaffolder, with the
 * real catalog (SQLite) holding a copy of a demo component and the template, and the real
 * infra-specs backend allocating ids and indexing the spec folder.
 */
import { promises as fs } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import scaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import { parseSpec } from '@infra-specs/backstage-plugin-infra-specs-common';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- the real specs backend, started in the test
import infraSpecsBackend from '@infra-specs/backstage-plugin-infra-specs-backend';
import infraSpecsModule from './index';

jest.setTimeout(180_000);

const REPO = resolve(__dirname, '../../..');
const COMPONENT = 'component:default/network-vpc';
const TEMPLATE = 'template:default/infrastructure-change-spec';
const TEMPLATES = [
  'infrastructure-change-spec',
  'infrastructure-feature-spec',
  'smaqit-infrastructure-spec',
];

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 250));
  }
}

/**
 * The permission decisions of the test backend (the scaffolder's and the specs backend's): all
 * allowed, but `infra-specs.spec.create` while `denyCreate` is set. The real permission backend
 * cannot run here: it refuses the mock tokens of startTestBackend for conditional decisions.
 */
let denyCreate = false;
const decide = async (requests: Array<{ permission: { name: string } }>) =>
  requests.map(r => ({
    result:
      denyCreate && r.permission.name === 'infra-specs.spec.create'
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
  }));
const permissionsFactory = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: () => ({ authorize: decide, authorizeConditional: decide } as any),
});

describe('the Create-wizard templates through the real scaffolder', () => {
  let root: string;
  let specFolder: string;
  let base: string;

  beforeAll(async () => {
    root = await fs.realpath(
      await fs.mkdtemp(join(tmpdir(), 'infra-specs-integration-')),
    );
    const examples = join(root, 'examples');
    await fs.cp(
      join(REPO, 'examples/components/network-vpc'),
      join(examples, 'components/network-vpc'),
      {
        recursive: true,
      },
    );
    for (const name of TEMPLATES) {
      await fs.cp(
        join(REPO, 'templates', name),
        join(root, 'templates', name),
        {
          recursive: true,
        },
      );
    }
    specFolder = join(examples, 'components/network-vpc/docs/specs');

    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        scaffolderEntityModel,
        scaffolderPlugin,
        githubModule,
        infraSpecsModule,
        infraSpecsBackend,
        permissionsFactory,
        mockServices.rootConfig.factory({
          data: {
            // The permission framework stays off (allow): the mock auth of startTestBackend issues
            // tokens the real permission backend refuses for conditional decisions.
            catalog: {
              rules: [{ allow: ['Component', 'Location', 'Template'] }],
              locations: [
                {
                  type: 'file',
                  target: join(
                    examples,
                    'components/network-vpc/catalog-info.yaml',
                  ),
                },
                ...TEMPLATES.map(name => ({
                  type: 'file',
                  target: join(root, 'templates', name, 'template.yaml'),
                })),
              ],
            },
            infraSpecs: {
              local: { allowedRoots: [examples] },
              publish: { local: { allowedRoots: [examples] } },
            },
          },
        }),
      ],
    });
    base = `http://localhost:${(server.address() as AddressInfo).port}/api`;

    const inCatalog = (api: string, ref: string) => async () => {
      const [kind, rest] = ref.split(':');
      const res = await fetch(
        `${api}/catalog/entities/by-name/${kind}/${rest}`,
      );
      return res.ok ? true : undefined;
    };
    await until(`${COMPONENT} in the catalog`, inCatalog(base, COMPONENT));
    for (const name of TEMPLATES) {
      await until(
        `${name} in the catalog`,
        inCatalog(base, `template:default/${name}`),
      );
    }
    // What the backend's scheduled refresh does at start: index the folder's existing specs.
    const refresh = await fetch(`${base}/infra-specs/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ entityRef: COMPONENT }),
    });
    if (refresh.status !== 200) {
      throw new Error(
        `Refreshing ${COMPONENT} failed: ${
          refresh.status
        } ${await refresh.text()}`,
      );
    }
  });

  afterAll(async () => {
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  async function start(
    values: Record<string, unknown>,
    templateRef = TEMPLATE,
  ) {
    const created = await fetch(`${base}/scaffolder/v2/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ templateRef, values }),
    });
    if (created.status !== 201) {
      throw new Error(
        `Creating the task failed: ${created.status} ${await created.text()}`,
      );
    }
    const { id } = await created.json();
    const task = await until(`task ${id}`, async () => {
      const body = await (
        await fetch(`${base}/scaffolder/v2/tasks/${id}`)
      ).json();
      return ['completed', 'failed', 'cancelled'].includes(body.status)
        ? body
        : undefined;
    });
    const events = await (
      await fetch(`${base}/scaffolder/v2/tasks/${id}/events`)
    ).json();
    const messages: string = events
      .map((e: any) => e.body?.message)
      .filter(Boolean)
      .join('\n');
    return { task, messages };
  }

  async function run(values: Record<string, unknown>, templateRef = TEMPLATE) {
    const { task, messages } = await start(values, templateRef);
    if (task.status !== 'completed') {
      throw new Error(`Task ${task.status}:\n${messages}`);
    }
    return task;
  }

  const values = (title: string) => ({
    component: COMPONENT,
    title,
    summary: `${title}, so that egress survives an AZ outage.`,
    problem: 'One NAT gateway is a single point of failure.',
    status: 'draft',
    blastRadiusLevel: 'high',
    blastRadiusDescription: 'All egress traffic of eu-west-1',
    rollbackComplexity: 'easy',
    downtime: 'maintenance-window',
    currency: 'USD',
    costItems: [
      { resource: 'NAT Gateway', monthly: 64.8, notes: 'Per-AZ' },
      { resource: 'Data processing', monthly: 20 },
    ],
  });

  it('writes the spec into the allowed spec folder, then allocates the next id on the next run', async () => {
    const before = await fs.readdir(specFolder);
    const existing = before
      .map(f => /SPEC-(\d{4})/.exec(f)?.[1])
      .filter(Boolean)
      .map(Number);
    const next = Math.max(...existing) + 1;
    const firstId = `SPEC-${String(next).padStart(4, '0')}`;

    const first = await run(values('NAT gateway per availability zone'));
    const firstFile = join(
      specFolder,
      `${firstId}-nat-gateway-per-availability-zone.md`,
    );
    const doc = parseSpec(await fs.readFile(firstFile, 'utf8'));
    expect(doc).toMatchObject({
      id: firstId,
      format: 'infrastructure-change',
      title: 'NAT gateway per availability zone',
      status: 'draft',
      impact: {
        blastRadius: { level: 'high' },
        rollback: 'easy',
        downtime: 'maintenance-window',
      },
      cost: { monthlyDelta: 84.8, currency: 'USD' },
    });
    expect(doc.diagnostics.filter(d => d.severity === 'error')).toEqual([]);

    const name = `${firstId.toLowerCase()}-nat-gateway-per-availability-zone`;
    const events = await (
      await fetch(`${base}/scaffolder/v2/tasks/${first.id}/events`)
    ).json();
    const output = events.find((e: any) => e.type === 'completion').body.output;
    expect(output.links).toEqual([
      {
        title: `Open the spec ${firstId}`,
        icon: 'docs',
        url: `/catalog/default/spec/${name}`,
      },
      {
        title: 'Specs of Network (VPC)',
        icon: 'catalog',
        url: '/catalog/default/component/network-vpc/specs',
      },
    ]);
    expect(output.text[0].content).toContain(`**Spec ID**: ${firstId}`);

    // publish-local asked the backend to refresh: the new spec is indexed already
    const indexed = await (
      await fetch(`${base}/infra-specs/specs?q=${firstId}`)
    ).json();
    expect(indexed.items.map((i: any) => i.name)).toContain(name);

    await run(values('Egress through IPv6'));
    const secondId = `SPEC-${String(next + 1).padStart(4, '0')}`;
    const second = await fs.readFile(
      join(specFolder, `${secondId}-egress-through-ipv6.md`),
      'utf8',
    );
    expect(parseSpec(second).id).toBe(secondId);
    expect((await fs.readdir(specFolder)).length).toBe(before.length + 2);
  });

  it('refuses to write a spec for a component the user may not create specs for, reserving nothing', async () => {
    const before = await fs.readdir(specFolder);
    const preview = async () =>
      (await (await fetch(`${base}/infra-specs/next-id?prefix=SPEC`)).json())
        .id;
    const nextBefore = await preview();
    denyCreate = true;
    try {
      const { task, messages } = await start(values('Not my team'));
      expect(task.status).toBe('failed');
      expect(messages).toMatch(
        /may not create specs for component:default\/network-vpc.*infra-specs\.spec\.create/,
      );
    } finally {
      denyCreate = false;
    }
    expect(await fs.readdir(specFolder)).toEqual(before);
    expect(await preview()).toBe(nextBefore);
  });

  it('writes feature and smaqit specs with their own id schemes', async () => {
    await run(
      {
        component: COMPONENT,
        title: 'Transit gateway attachment',
        complexity: 2,
        problem:
          'Workload VPCs need private routes to the shared services VPC.',
        currency: 'EUR',
        monthlyCost: 36,
      },
      'template:default/infrastructure-feature-spec',
    );
    const feature = (await fs.readdir(specFolder)).find(f =>
      f.startsWith('FEAT-'),
    );
    expect(feature).toMatch(/^FEAT-\d{3}-transit-gateway-attachment\.md$/);
    expect(
      parseSpec(await fs.readFile(join(specFolder, feature!), 'utf8')),
    ).toMatchObject({
      format: 'infrastructure-feature',
      complexity: 2,
      cost: { monthlyDelta: 36, currency: 'EUR' },
    });

    await run(
      {
        component: COMPONENT,
        title: 'Egress proxy',
        summary:
          'An HTTP egress proxy with an allow list for every workload VPC.',
      },
      'template:default/smaqit-infrastructure-spec',
    );
    const smaqit = await fs.readFile(
      join(specFolder, 'INF-EGRESS-PROXY.md'),
      'utf8',
    );
    expect(parseSpec(smaqit)).toMatchObject({
      id: 'INF-EGRESS-PROXY',
      format: 'smaqit-infrastructure',
      title: 'Egress proxy',
      status: 'draft',
    });
  });
});
