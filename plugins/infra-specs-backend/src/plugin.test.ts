/*
 * The REST API against the real backend, its specs read through Backstage's real GitHub reader
 * (the backend's default urlReader) from the loopback forge.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { createTestDatabases } from '@infra-specs/backstage-plugin-infra-specs-node/testUtils';
import { startForge, type Forge } from '@internal/forge';
import { apiBackendFixture } from './__testUtils__/apiBackend';
import { changeSpec } from './__testUtils__/testParser';
import {
  readSpecFields,
  type SpecFormatDefinition,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { infraSpecsFormatsExtensionPoint } from '@infra-specs/backstage-plugin-infra-specs-node';
import { createInfraSpecsConditionalDecision, infraSpecsConditions } from './permissions/rules';
import { infraSpecsPlugin } from './plugin';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

let forge: Forge;
let fixture: ReturnType<typeof apiBackendFixture>;
let REPO_A: string;
let REPO_B: string;
let repos: Pick<typeof fixture, 'repoA' | 'repoB'>;
beforeEach(async () => {
  forge = await startForge();
  fixture = apiBackendFixture(forge);
  ({ REPO_A, REPO_B } = fixture);
  repos = { repoA: fixture.repoA, repoB: fixture.repoB };
});
afterEach(() => forge.close());

const features = (extra: any[] = [], config: object = {}) => fixture.features(extra, config);
const withPermissions = (handle: (request: any) => any) => fixture.withPermissions(handle);
const index = (server: any) => fixture.index(server);

describe.each(ids)('infra-specs REST API on %s', databaseId => {
  it('serves the index: list, filters, pagination, detail, entity, summary, changes, next-id, lint', async () => {
    const knex = await databases.init(databaseId);
    const { repoB } = repos;
    const { server } = await startTestBackend({
      features: features([mockServices.database.factory({ knex })]),
    });

    // Refresh one entity synchronously; its state comes back.
    const refreshed = await request(server)
      .post('/api/infra-specs/refresh')
      .send({ entityRef: 'component:default/a' });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.locations).toEqual([
      expect.objectContaining({ componentRef: 'component:default/a', target: REPO_A, specCount: 3, lastError: null }),
    ]);
    await request(server).post('/api/infra-specs/refresh').send({ entityRef: 'component:default/b' }).expect(200);
    await request(server).post('/api/infra-specs/refresh').send({ entityRef: 'component:default/nope' }).expect(404);
    await request(server).post('/api/infra-specs/refresh').send({ entityRef: 'component:default/plain' }).expect(404);
    await request(server).post('/api/infra-specs/refresh').send({ bogus: 1 }).expect(400);
    // Without a body: the scheduled task is triggered, the states come back at once.
    const all = await request(server).post('/api/infra-specs/refresh');
    expect(all.status).toBe(202);
    expect(all.body.locations.map((l: any) => l.componentRef)).toEqual(['component:default/a', 'component:default/b']);

    const list = await request(server).get('/api/infra-specs/specs?sort=id');
    expect(list.status).toBe(200);
    expect(list.body.totalCount).toBe(4);
    expect(list.body.items.map((s: any) => s.document.id)).toEqual(['SPEC-0001', 'SPEC-0002', 'SPEC-0003', 'SPEC-0010']);
    expect(list.body.items[0]).toMatchObject({
      componentRef: 'component:default/a',
      ownerRef: 'group:default/team-a',
      entityRef: expect.stringMatching(/^spec:default\//),
      indexedAt: expect.any(String),
      lastRefreshError: null,
    });

    const ids_ = async (query: string) =>
      (await request(server).get(`/api/infra-specs/specs?${query}`).expect(200)).body.items.map((s: any) => s.document.id);
    expect(await ids_('status=approved&sort=id')).toEqual(['SPEC-0001', 'SPEC-0010']);
    expect(await ids_('status=approved,draft&sort=id')).toEqual(['SPEC-0001', 'SPEC-0002', 'SPEC-0010']);
    expect(await ids_('status=approved&status=implemented&sort=id')).toEqual(['SPEC-0001', 'SPEC-0003', 'SPEC-0010']);
    expect(await ids_('component=b')).toEqual(['SPEC-0010']);
    expect(await ids_('owner=team-a&sort=-id')).toEqual(['SPEC-0003', 'SPEC-0002', 'SPEC-0001']);
    expect(await ids_('q=NAT')).toEqual(['SPEC-0002']);
    expect(await ids_('blastRadius=high,critical&sort=id')).toEqual(['SPEC-0001', 'SPEC-0002']);
    expect(await ids_('rollback=irreversible')).toEqual(['SPEC-0010']);
    expect(await ids_('downtime=maintenance-window')).toEqual(['SPEC-0002']);
    expect(await ids_('format=infrastructure-change&sort=-monthlyCostDelta')).toEqual([
      'SPEC-0001', 'SPEC-0010', 'SPEC-0002', 'SPEC-0003',
    ]);
    expect(await ids_('sort=-blastRadius')).toEqual(['SPEC-0002', 'SPEC-0001', 'SPEC-0010', 'SPEC-0003']);

    // Pagination: every item exactly once, same total on every page.
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await request(server)
        .get('/api/infra-specs/specs')
        .query({ limit: 1, sort: 'title', ...(cursor ? { cursor } : {}) })
        .expect(200);
      expect(page.body.totalCount).toBe(4);
      seen.push(...page.body.items.map((s: any) => s.document.title));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Flow logs', 'NAT gateways per AZ', 'Payments cache', 'Upgrade EKS']);

    for (const bad of ['limit=0', 'limit=501', 'sort=owner', 'status=done', 'costDrift=maybe', 'cursor=%%%', 'owner=::']) {
      const res = await request(server).get(`/api/infra-specs/specs?${bad}`);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
    }

    const name = list.body.items[0].name;
    const detail = await request(server).get(`/api/infra-specs/specs/${name}`).expect(200);
    expect(detail.body).toMatchObject({
      name,
      markdown: expect.stringContaining('# Spec: Upgrade EKS'),
      history: [{ from: null, to: 'approved', observedAt: expect.any(String) }],
      location: { componentRef: 'component:default/a', specCount: 3 },
    });
    const missing = await request(server).get('/api/infra-specs/specs/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ name: 'NotFoundError', message: "No spec named 'nope'" });

    const entity = await request(server).get('/api/infra-specs/entity/component/default/a/specs').expect(200);
    expect(entity.body.items).toHaveLength(3);
    expect(entity.body.location).toMatchObject({ componentRef: 'component:default/a', specCount: 3 });
    const none = await request(server).get('/api/infra-specs/entity/component/default/plain/specs').expect(200);
    expect(none.body).toEqual({ items: [], location: null });

    const summary = await request(server).get('/api/infra-specs/summary').expect(200);
    expect(summary.body).toMatchObject({
      total: 4,
      byStatus: { approved: 2, draft: 1, implemented: 1 },
      byBlastRadius: { critical: 1, high: 1, medium: 1, low: 1 },
      monthlyCostDeltaByStatus: { approved: 470, draft: 98, implemented: -40 },
      monthlyCostDeltaByComponent: [
        { componentRef: 'component:default/a', monthlyCostDelta: 408 },
        { componentRef: 'component:default/b', monthlyCostDelta: 120 },
      ],
      currency: 'USD',
    });
    const scoped = await request(server).get('/api/infra-specs/summary?entityRef=component:default/b').expect(200);
    expect(scoped.body.total).toBe(1);

    // GET previews the next id, POST reserves it: a preview is repeatable, a reservation is not.
    expect((await request(server).get('/api/infra-specs/next-id').expect(200)).body).toEqual({ id: 'SPEC-0011' });
    expect((await request(server).get('/api/infra-specs/next-id?prefix=SPEC').expect(200)).body).toEqual({ id: 'SPEC-0011' });
    const forA = { entityRef: 'component:default/a' };
    expect((await request(server).post('/api/infra-specs/next-id').send({ prefix: 'SPEC', ...forA }).expect(200)).body).toEqual({ id: 'SPEC-0011' });
    expect((await request(server).post('/api/infra-specs/next-id').send(forA).expect(200)).body).toEqual({ id: 'SPEC-0012' });
    // A reservation names the component it is for: create permission is decided on it.
    const withoutComponent = await request(server).post('/api/infra-specs/next-id').send({ prefix: 'SPEC' });
    expect(withoutComponent.status).toBe(400);
    expect(withoutComponent.body.error.message).toContain('entityRef');
    expect((await request(server).get('/api/infra-specs/next-id').expect(200)).body).toEqual({ id: 'SPEC-0013' });
    expect((await request(server).get('/api/infra-specs/next-id?prefix=feat').expect(200)).body).toEqual({ id: 'FEAT-001' });
    await request(server).get('/api/infra-specs/next-id?prefix=1x').expect(400);
    await request(server).post('/api/infra-specs/next-id').send({ prefix: '1x', ...forA }).expect(400);

    const full = await request(server).get('/api/infra-specs/changes').expect(200);
    expect(full.body).toMatchObject({ full: true, upserted: [], removed: [] });
    // The folder stays, its only spec goes.
    repoB.write({ 'specs/SPEC-0010.md': null, 'specs/.gitkeep': '' });
    await request(server).post('/api/infra-specs/refresh').send({ entityRef: 'component:default/b' }).expect(200);
    // On PostgreSQL the feed holds back the last seconds (commits may land out of id order).
    let delta;
    for (let attempt = 0; attempt < 40; attempt++) {
      delta = await request(server).get('/api/infra-specs/changes').query({ since: full.body.token }).expect(200);
      if (delta.body.removed.length) break;
      await new Promise(resolve => setTimeout(resolve, 250));
    }
    expect(delta!.body).toMatchObject({ full: false, hasMore: false });
    expect(delta!.body.removed).toHaveLength(1);
    // Changes just before the full token may come again (idempotent for the consumer).
    expect(delta!.body.upserted.map((s: any) => s.name)).not.toContain(delta!.body.removed[0].name);
    expect(await ids_('sort=id')).toEqual(['SPEC-0001', 'SPEC-0002', 'SPEC-0003']);
    expect(await ids_('sort=id&includeRemoved=true')).toEqual(['SPEC-0001', 'SPEC-0002', 'SPEC-0003', 'SPEC-0010']);

    const lint = await request(server)
      .post('/api/infra-specs/lint')
      .send({ markdown: changeSpec({ id: 'SPEC-0100', title: 'New thing', status: 'Draft' }), path: 'x.md' })
      .expect(200);
    expect(lint.body.document).toMatchObject({ id: 'SPEC-0100', title: 'New thing', status: 'draft' });
    expect(lint.body.diagnostics).toEqual(lint.body.document.diagnostics);
    await request(server).post('/api/infra-specs/lint').send({ path: 'x.md' }).expect(400);
  });
});

describe('infra-specs REST API limits and access', () => {
  it('limits the lint body', async () => {
    const { server } = await startTestBackend({
      features: features([], { infraSpecs: { lint: { maxBytes: 1000 } } }),
    });
    const tooBig = await request(server).post('/api/infra-specs/lint').send({ markdown: 'é'.repeat(600) });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.message).toContain('1200 bytes; lint accepts at most 1000 (infraSpecs.lint.maxBytes)');
    // Far beyond: rejected while reading the body.
    const huge = await request(server).post('/api/infra-specs/lint').send({ markdown: 'x'.repeat(100_000) });
    expect(huge.status).toBe(413);
    expect(huge.body.error).toBeDefined();
    await request(server).post('/api/infra-specs/lint').send({ markdown: 'x'.repeat(900) }).expect(200);
  });

  it('parses with formats that modules add through the extension point', async () => {
    const adrFormat: SpecFormatDefinition = {
      name: 'adr',
      label: 'Architecture decision record',
      recognise: ctx => (/^ADR-\d+/.test(ctx.titleSection?.title ?? '') ? 0.9 : 0),
      read: ctx => readSpecFields(ctx, { titlePrefix: /^ADR-\d+:?\s*/ }),
    };
    const adrModule = createBackendModule({
      pluginId: 'infra-specs',
      moduleId: 'adr-format',
      register(reg) {
        reg.registerInit({
          deps: { formats: infraSpecsFormatsExtensionPoint },
          async init({ formats }) {
            formats.addFormat(adrFormat);
          },
        });
      },
    });
    repos.repoA.replace({ 'specs/ADR-0007.md': '# ADR-0007: Use Karpenter\n\n**ID**: ADR-0007\n**Status**: Accepted\n' });
    const { server } = await startTestBackend({ features: features([adrModule]) });
    const lint = await request(server)
      .post('/api/infra-specs/lint')
      .send({ markdown: '# ADR-0007: Use Karpenter\n\n**Status**: Accepted\n' })
      .expect(200);
    expect(lint.body.document).toMatchObject({ format: 'adr', status: 'approved' });
    await request(server).post('/api/infra-specs/refresh').send({ entityRef: 'component:default/a' }).expect(200);
    const list = await request(server).get('/api/infra-specs/specs?format=adr').expect(200);
    expect(list.body.items.map((s: any) => s.document.id)).toEqual(['ADR-0007']);
  });

  it('schedules the refresh, the open pull request lookup and the retention, the retention from config', async () => {
    const scheduler = mockServices.scheduler.mock();
    await startTestBackend({
      features: [
        infraSpecsPlugin,
        catalogServiceMock.factory({ entities: fixture.entities() }),
        scheduler.factory,
        mockServices.rootConfig.factory({
          data: { infraSpecs: { retention: { schedule: { frequency: { hours: 6 } } } } },
        }),
      ],
    });
    const tasks = scheduler.scheduleTask.mock.calls.map(([task]) => task);
    expect(tasks.map(t => t.id)).toEqual([
      'infra-specs-refresh',
      'infra-specs-pull-requests',
      'infra-specs-retention',
    ]);
    expect(tasks[0]).toMatchObject({ frequency: { minutes: 5 }, scope: 'global' });
    // The open pull request lookup runs far less often than the refresh.
    expect(tasks[1]).toMatchObject({ frequency: { minutes: 30 }, scope: 'global' });
    expect(tasks[2]).toMatchObject({
      frequency: { hours: 6 },
      timeout: { minutes: 30 },
      initialDelay: { minutes: 1 },
      scope: 'global',
    });
    // Runs against the plugin's store: an empty index has nothing to prune.
    await expect(tasks[2].fn(new AbortController().signal)).resolves.toBeUndefined();
  });

  it('rejects requests without credentials', async () => {
    const { server } = await startTestBackend({ features: features() });
    for (const [method, path] of [
      ['get', '/specs'],
      ['get', '/specs/x'],
      ['get', '/entity/component/default/a/specs'],
      ['get', '/summary'],
      ['get', '/changes'],
      ['get', '/next-id'],
      ['post', '/next-id'],
      ['post', '/refresh'],
      ['post', '/lint'],
    ] as const) {
      const res = await request(server)[method](`/api/infra-specs${path}`).set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    }
    await request(server)
      .get('/api/infra-specs/specs')
      .set('Authorization', mockCredentials.user.invalidHeader())
      .expect(401);
  });

  it('rejects requests without a header when nobody is signed in', async () => {
    const { server } = await startTestBackend({
      features: features([mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() })]),
    });
    expect((await request(server).get('/api/infra-specs/specs')).status).toBe(401);
    expect((await request(server).post('/api/infra-specs/refresh')).status).toBe(401);
  });

  it('hides everything from a user the policy denies, but not from services', async () => {
    const { server } = await startTestBackend({
      features: withPermissions(() => ({ result: AuthorizeResult.DENY })),
    });
    // Services (the catalog module, the collator) are allowed by the permission framework.
    for (const ref of ['component:default/a', 'component:default/b']) {
      await request(server)
        .post('/api/infra-specs/refresh')
        .set('Authorization', mockCredentials.service.header())
        .send({ entityRef: ref })
        .expect(200);
    }
    const asService = await request(server).get('/api/infra-specs/specs').set('Authorization', mockCredentials.service.header());
    expect(asService.body.totalCount).toBe(4);
    await request(server).get('/api/infra-specs/changes').set('Authorization', mockCredentials.service.header()).expect(200);

    const list = await request(server).get('/api/infra-specs/specs');
    expect(list.body).toEqual({ items: [], totalCount: 0 });
    await request(server).get(`/api/infra-specs/specs/${asService.body.items[0].name}`).expect(404);
    const entity = await request(server).get('/api/infra-specs/entity/component/default/a/specs').expect(200);
    expect(entity.body.items).toEqual([]);
    // Nor the location: its folder, error and count follow the decision on the specs.
    expect(entity.body.location).toBeNull();
    expect((await request(server).get('/api/infra-specs/summary').expect(200)).body.total).toBe(0);
    await request(server).get('/api/infra-specs/changes').expect(403);
    const refresh = await request(server).post('/api/infra-specs/refresh').send({ entityRef: 'component:default/a' });
    expect(refresh.status).toBe(403);
    expect(refresh.body.error.message).toContain('infra-specs.refresh');
  });

  it('shows a user only the specs of components their teams own (IS_COMPONENT_OWNER)', async () => {
    const { server } = await startTestBackend({
      features: withPermissions(req =>
        req.permission.name === 'infra-specs.spec.read'
          ? createInfraSpecsConditionalDecision(
              req.permission,
              infraSpecsConditions.isComponentOwner({ claims: ['group:default/team-b'] }),
            )
          : { result: AuthorizeResult.ALLOW },
      ),
    });
    await index(server);
    // The location of a component whose specs the user may not read stays hidden (conditional decision).
    const own = await request(server).get('/api/infra-specs/entity/component/default/b/specs').expect(200);
    expect(own.body.location).toMatchObject({ componentRef: 'component:default/b', target: REPO_B, specCount: 1 });
    const others = await request(server).get('/api/infra-specs/entity/component/default/a/specs').expect(200);
    expect(others.body.location).toBeNull();
    const all = await request(server).post('/api/infra-specs/refresh').expect(202);
    expect(all.body.locations.map((l: any) => l.componentRef)).toEqual(['component:default/b']);
    const list = await request(server).get('/api/infra-specs/specs?limit=1').expect(200);
    expect(list.body.totalCount).toBe(1);
    expect(list.body.items.map((s: any) => s.document.id)).toEqual(['SPEC-0010']);
    expect(list.body.nextCursor).toBeUndefined();
    const other = await request(server).get('/api/infra-specs/entity/component/default/a/specs').expect(200);
    expect(other.body.items).toEqual([]);
    const summary = await request(server).get('/api/infra-specs/summary').expect(200);
    expect(summary.body.total).toBe(1);
    // A conditional reader gets no change feed: it would look like deletions.
    await request(server).get('/api/infra-specs/changes').expect(403);
  });

  it('lets only owners refresh a component or reserve ids for it, when the policy says so', async () => {
    const ownerOnly = (permission: any) =>
      createInfraSpecsConditionalDecision(
        permission,
        infraSpecsConditions.isComponentOwner({ claims: ['group:default/team-b'] }),
      );
    const { server } = await startTestBackend({
      features: withPermissions(req =>
        req.permission.name === 'infra-specs.spec.read' ? { result: AuthorizeResult.ALLOW } : ownerOnly(req.permission),
      ),
    });
    const mine = await request(server).post('/api/infra-specs/refresh').send({ entityRef: 'component:default/b' });
    expect(mine.status).toBe(200);
    const theirs = await request(server).post('/api/infra-specs/refresh').send({ entityRef: 'component:default/a' });
    expect(theirs.status).toBe(403);
    expect(theirs.body.error.message).toContain('infra-specs.refresh');
    // Refreshing everything needs an unconditional decision.
    expect((await request(server).post('/api/infra-specs/refresh')).status).toBe(403);
    expect(await specCount(server)).toBe(1);

    const reserved = await request(server).post('/api/infra-specs/next-id').send({ entityRef: 'component:default/b' });
    expect(reserved.body).toEqual({ id: 'SPEC-0011' });
    const refused = await request(server).post('/api/infra-specs/next-id').send({ entityRef: 'component:default/a' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('infra-specs.spec.create');
    // The refused reservation used up no id.
    expect((await request(server).get('/api/infra-specs/next-id')).body).toEqual({ id: 'SPEC-0012' });
  });
});

async function specCount(server: any): Promise<number> {
  return (await request(server).get('/api/infra-specs/specs').expect(200)).body.totalCount;
}
