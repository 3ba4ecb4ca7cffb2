/*
 * Specs in review, end to end through the real backend: the forge's pull_request and push
 * webhooks go through Backstage's in-process events service (as the GitHub events module
 * publishes them), the specs are read through Backstage's GitHub reader and the API answers.
 */
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  type SchedulerService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DefaultEventsService,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import permissionBackend from '@backstage/plugin-permission-backend';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { onBehalfOfAuthFactory } from '@infra-specs/backstage-plugin-infra-specs-node/testUtils';
import type { SpecRecord } from '@infra-specs/backstage-plugin-infra-specs-common';
import { startForge, type Forge, type ForgeRepository } from '@internal/forge';
import request from 'supertest';
import { changeSpec } from './__testUtils__/testParser';
import {
  createInfraSpecsConditionalDecision,
  infraSpecsConditions,
} from './permissions/rules';
import { infraSpecsPlugin } from './plugin';
import { PULL_REQUESTS_TASK_ID } from './refresh/PullRequestIndexer';

jest.setTimeout(60_000);

let forge: Forge;
let repo: ForgeRepository;

const VPC = 'component:default/vpc';

function component(target: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'vpc',
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': `url:${forge.url(
          'acme/infra',
          'network/catalog-info.yaml',
          { kind: 'blob' },
        )}`,
        'infra-specs.dev/spec-location': `url:${target}`,
      },
    },
    spec: { type: 'service', owner: 'group:default/platform' },
  };
}

// The plugin's own scheduler, to run its tasks (the mock runs a task inside triggerTask).
let scheduler: SchedulerService;
const schedulerOfThePlugin = createBackendModule({
  pluginId: 'infra-specs',
  moduleId: 'test-scheduler',
  register(reg) {
    reg.registerInit({
      deps: { pluginScheduler: coreServices.scheduler },
      async init({ pluginScheduler }) {
        scheduler = pluginScheduler;
      },
    });
  },
});

/**
 * A backend reading the forge. With `webhooks`, every forge webhook is published in order, as
 * GitHub delivers them; `settled()` waits until each has been handled.
 */
async function startBackend(options: {
  webhooks: boolean;
  /** A permission policy for `infra-specs.spec.read`; without, everything is allowed. */
  specRead?: (permission: any) => PolicyDecision;
}) {
  const events = DefaultEventsService.create({
    logger: mockServices.logger.mock(),
  });
  let delivered: Promise<unknown> = Promise.resolve();
  if (options.webhooks) {
    forge.onWebhook(webhook => {
      delivered = delivered.then(() =>
        events.publish({
          topic: `github.${webhook.name}`,
          eventPayload: webhook.payload,
        }),
      );
    });
  }
  const { server } = await startTestBackend({
    features: [
      infraSpecsPlugin,
      catalogServiceMock.factory({
        entities: [component(forge.url('acme/infra', 'network/specs'))],
      }),
      mockServices.rootConfig.factory({
        data: {
          integrations: { github: [forge.integration] },
          permission: { enabled: Boolean(options.specRead) },
        },
      }),
      createServiceFactory({
        service: eventsServiceRef,
        deps: { pluginMetadata: coreServices.pluginMetadata },
        factory: ({ pluginMetadata }) =>
          events.forPlugin(pluginMetadata.getId()),
      }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      schedulerOfThePlugin,
      ...(options.specRead ? withPolicy(options.specRead) : []),
    ],
  });
  /** Runs the open pull request lookup now, as its schedule would. */
  const lookUpOpenPullRequests = () => scheduler.triggerTask(PULL_REQUESTS_TASK_ID);
  const specs = async (): Promise<SpecRecord[]> =>
    (
      await request(server)
        .get('/api/infra-specs/entity/component/default/vpc/specs')
        .expect(200)
    ).body.items;
  return { server, specs, settled: () => delivered, lookUpOpenPullRequests };
}


function withPolicy(specRead: (permission: any) => PolicyDecision) {
  const policy = createBackendModule({
    pluginId: 'permission',
    moduleId: 'test-policy',
    register(reg) {
      reg.registerInit({
        deps: { policy: policyExtensionPoint },
        async init({ policy: point }) {
          point.setPolicy({
            handle: async req =>
              req.permission.name === 'infra-specs.spec.read'
                ? specRead(req.permission)
                : { result: AuthorizeResult.ALLOW },
          });
        },
      });
    },
  });
  return [permissionBackend, policy, onBehalfOfAuthFactory];
}

/** What a test compares: name, id, status, whether proposed, and the pull request's number and state. */
const brief = (items: SpecRecord[]) =>
  items.map(s => [
    s.name,
    s.document.id,
    s.document.status,
    s.proposed,
    s.pullRequest ? `#${s.pullRequest.number} ${s.pullRequest.state}` : null,
  ]);

describe('specs in review', () => {
  beforeEach(async () => {
    forge = await startForge();
    repo = forge.addRepository('acme/infra', {
      files: {
        'network/specs/SPEC-0001.md': changeSpec({
          id: 'SPEC-0001',
          title: 'NAT',
          status: 'Draft',
        }),
        'network/main.tf': 'resource "aws_vpc" "main" {}',
      },
    });
  });
  afterEach(() => forge.close());

  it('lists a spec proposed in an open pull request as proposed, and as merged once the pull request is', async () => {
    const { server, specs, settled } = await startBackend({ webhooks: true });
    await request(server).post('/api/infra-specs/refresh').expect(202);
    expect(brief(await specs())).toEqual([
      ['spec-0001-nat', 'SPEC-0001', 'draft', false, null],
    ]);

    // (a) A pull request that adds a spec: listed with its parsed fields, proposed, with the pull request.
    repo.write(
      {
        'network/specs/SPEC-0002.md': changeSpec({
          id: 'SPEC-0002',
          title: 'Egress',
          status: 'In Review',
          cost: 120,
        }),
      },
      { branch: 'add-egress' },
    );
    const adding = repo.openPull({
      head: 'add-egress',
      title: 'SPEC-0002 Egress',
    });
    await settled();
    const proposedName = 'spec-0002-egress--pr-1';
    expect(brief(await specs())).toEqual([
      ['spec-0001-nat', 'SPEC-0001', 'draft', false, null],
      [proposedName, 'SPEC-0002', 'in-review', true, '#1 open'],
    ]);
    const detail = (
      await request(server)
        .get(`/api/infra-specs/specs/${proposedName}`)
        .expect(200)
    ).body;
    expect(detail).toMatchObject({
      proposed: true,
      componentRef: VPC,
      path: 'SPEC-0002.md',
      pullRequest: {
        number: adding.number,
        url: forge.pullUrl('acme/infra', 1),
        state: 'open',
      },
      document: { title: 'Egress', cost: { monthlyDelta: 120 } },
    });
    expect(detail.markdown).toContain('**Spec ID**: SPEC-0002');
    expect(detail.viewUrl).toBe(
      forge.url('acme/infra', 'network/specs/SPEC-0002.md', {
        ref: repo.sha('add-egress'),
        kind: 'blob',
      }),
    );
    // GET /specs lists merged specs only, unless asked for the proposed ones too.
    const listed = async (query: string) =>
      (
        await request(server).get(`/api/infra-specs/specs${query}`).expect(200)
      ).body.items.map((s: SpecRecord) => s.name);
    expect(await listed('')).toEqual(['spec-0001-nat']);
    expect(await listed('?includeProposed=true')).toEqual([
      'spec-0001-nat',
      proposedName,
    ]);

    // A push to the pull request's branch reads it again.
    repo.write(
      {
        'network/specs/SPEC-0002.md': changeSpec({
          id: 'SPEC-0002',
          title: 'Egress',
          status: 'Approved',
          cost: 120,
        }),
      },
      { branch: 'add-egress' },
    );
    await settled();
    expect(brief(await specs())[1]).toEqual([
      proposedName,
      'SPEC-0002',
      'approved',
      true,
      '#1 open',
    ]);

    // (b) A pull request that changes the merged spec: that spec gets it, still as merged.
    repo.write(
      {
        'network/specs/SPEC-0001.md': changeSpec({
          id: 'SPEC-0001',
          title: 'NAT',
          status: 'Approved',
        }),
      },
      { branch: 'approve-nat' },
    );
    const approving = repo.openPull({
      head: 'approve-nat',
      title: 'Approve SPEC-0001',
    });
    // A pull request that touches no spec folder changes nothing.
    repo.write(
      {
        'network/main.tf':
          'resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }',
      },
      { branch: 'tf-only' },
    );
    repo.openPull({ head: 'tf-only', title: 'Terraform only' });
    await settled();
    expect(brief(await specs())).toEqual([
      ['spec-0001-nat', 'SPEC-0001', 'draft', false, '#2 open'],
      [proposedName, 'SPEC-0002', 'approved', true, '#1 open'],
    ]);

    // (c) Merged: the push to main refreshes the location, the close clears the pull request.
    repo.mergePull(adding.number);
    await settled();
    expect(brief(await specs())).toEqual([
      ['spec-0001-nat', 'SPEC-0001', 'draft', false, '#2 open'],
      ['spec-0002-egress', 'SPEC-0002', 'approved', false, null],
    ]);
    await request(server)
      .get(`/api/infra-specs/specs/${proposedName}`)
      .expect(404);

    // (d) Closed without merging: the merged spec loses the pull request, its content unchanged.
    repo.closePull(approving.number);
    await settled();
    expect(brief(await specs())).toEqual([
      ['spec-0001-nat', 'SPEC-0001', 'draft', false, null],
      ['spec-0002-egress', 'SPEC-0002', 'approved', false, null],
    ]);
  });

  it('drops the proposed spec of a pull request closed without merging, and matches a moved spec by id', async () => {
    const { server, specs, settled } = await startBackend({ webhooks: true });
    await request(server).post('/api/infra-specs/refresh').expect(202);

    repo.write(
      {
        'network/specs/SPEC-0003.md': changeSpec({
          id: 'SPEC-0003',
          title: 'Peering',
          status: 'Draft',
        }),
        // The merged spec moves into a per-spec folder: a change of it, not a new spec.
        'network/specs/SPEC-0001.md': null,
        'network/specs/0001-nat/spec.md': changeSpec({
          id: 'SPEC-0001',
          title: 'NAT',
          status: 'Draft',
        }),
      },
      { branch: 'peering' },
    );
    const pull = repo.openPull({ head: 'peering', title: 'Peering' });
    await settled();
    expect(brief(await specs())).toEqual([
      ['spec-0001-nat', 'SPEC-0001', 'draft', false, '#1 open'],
      ['spec-0003-peering--pr-1', 'SPEC-0003', 'draft', true, '#1 open'],
    ]);

    repo.closePull(pull.number);
    await settled();
    expect(brief(await specs())).toEqual([
      ['spec-0001-nat', 'SPEC-0001', 'draft', false, null],
    ]);
    // Nothing of the branch was merged.
    expect(Object.keys(repo.files()).sort()).toEqual([
      'network/main.tf',
      'network/specs/SPEC-0001.md',
    ]);
  });

  it('catches missed pull_request events with the scheduled open pull request lookup', async () => {
    // Opened while nobody listened.
    repo.write(
      {
        'network/specs/SPEC-0004.md': changeSpec({
          id: 'SPEC-0004',
          title: 'Transit',
          status: 'Draft',
        }),
      },
      { branch: 'transit' },
    );
    const pull = repo.openPull({ head: 'transit', title: 'Transit' });
    const { server, specs, lookUpOpenPullRequests } = await startBackend({ webhooks: false });

    await request(server).post('/api/infra-specs/refresh').expect(202);
    // The refresh alone asks nothing about pull requests: one request per repository.
    expect(forge.requests('pulls', 'acme/infra')).toBe(0);
    await lookUpOpenPullRequests();
    expect(brief(await specs())).toEqual([
      ['spec-0001-nat', 'SPEC-0001', 'draft', false, null],
      ['spec-0004-transit--pr-1', 'SPEC-0004', 'draft', true, '#1 open'],
    ]);
    // An unchanged open pull request is not read again: one list request per run, no files.
    const files = forge.requests('pulls', 'acme/infra');
    await lookUpOpenPullRequests();
    expect(forge.requests('pulls', 'acme/infra')).toBe(files + 1);

    // Closed while nobody listened: the next lookup no longer lists it.
    repo.closePull(pull.number);
    await lookUpOpenPullRequests();
    expect(brief(await specs())).toEqual([
      ['spec-0001-nat', 'SPEC-0001', 'draft', false, null],
    ]);
  });

  it('shows proposed specs only to those who may read the specs of their component', async () => {
    let claims = ['group:default/platform'];
    const { server, specs, settled } = await startBackend({
      webhooks: true,
      specRead: permission =>
        createInfraSpecsConditionalDecision(
          permission,
          infraSpecsConditions.isComponentOwner({ claims }),
        ),
    });
    await request(server).post('/api/infra-specs/refresh').expect(202);
    repo.write(
      {
        'network/specs/SPEC-0005.md': changeSpec({
          id: 'SPEC-0005',
          title: 'Firewall',
          status: 'Draft',
        }),
      },
      { branch: 'firewall' },
    );
    repo.openPull({ head: 'firewall', title: 'Firewall' });
    await settled();
    const proposed = 'spec-0005-firewall--pr-1';
    const listed = async () =>
      (
        await request(server)
          .get('/api/infra-specs/specs?includeProposed=true')
          .expect(200)
      ).body;

    expect((await specs()).map(s => s.name)).toEqual([
      'spec-0001-nat',
      proposed,
    ]);
    expect((await listed()).totalCount).toBe(2);
    await request(server).get(`/api/infra-specs/specs/${proposed}`).expect(200);
    // Through the permission framework too: the resource loader finds the proposed spec.
    const authorize = async () =>
      (
        await request(server)
          .post('/api/permission/authorize')
          .send({
            items: [
              {
                id: 'proposed',
                permission: {
                  type: 'resource',
                  name: 'infra-specs.spec.read',
                  attributes: { action: 'read' },
                  resourceType: 'infra-spec',
                },
                resourceRef: proposed,
              },
            ],
          })
          .expect(200)
      ).body.items[0].result;
    expect(await authorize()).toBe('ALLOW');

    // Another team's member sees neither the merged nor the proposed spec.
    claims = ['group:default/other'];
    expect(await specs()).toEqual([]);
    expect(await listed()).toEqual({ items: [], totalCount: 0 });
    await request(server).get(`/api/infra-specs/specs/${proposed}`).expect(404);
    expect(await authorize()).toBe('DENY');
  });
});
