/*
 * The actions against the real backend plugin (forge-backed specs, the real permission backend),
 * registered into the test actions registry: schemas, examples, and the same permission outcomes
 * as the REST API.
 */
import {
  createServiceFactory,
  type BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  lintSpec,
  SPEC_STATUSES,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { createTestDatabases } from '@infra-specs/backstage-plugin-infra-specs-node/testUtils';
import { startForge, type Forge } from '@internal/forge';
import { z } from 'zod/v3';
import { apiBackendFixture } from '../__testUtils__/apiBackend';
import { changeSpec } from '../__testUtils__/testParser';
import {
  createInfraSpecsConditionalDecision,
  infraSpecsConditions,
} from '../permissions/rules';

jest.setTimeout(60_000);

// SQLite only: the REST API tests cover both databases under the same service.
const { databases } = createTestDatabases();
const USER: BackstageCredentials = mockCredentials.user('user:default/jane');

let forge: Forge;
beforeEach(async () => {
  forge = await startForge();
});
afterEach(() => forge.close());

async function start(
  handle: (request: any) => any = () => ({ result: AuthorizeResult.ALLOW }),
  config: object = {},
) {
  const registry = actionsRegistryServiceMock();
  const fixture = apiBackendFixture(forge);
  const knex = await databases.init('SQLITE_3');
  const backend = await startTestBackend({
    features: fixture.withPermissions(
      handle,
      [
        mockServices.database.factory({ knex }),
        createServiceFactory({
          service: actionsRegistryServiceRef,
          deps: {},
          factory: () => registry,
        }),
      ],
      config,
    ),
  });
  // Indexed as a service: the policy under test decides for users only.
  for (const entityRef of ['component:default/a', 'component:default/b']) {
    await fetch(
      `http://localhost:${backend.server.port()}/api/infra-specs/refresh`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: mockCredentials.service.header(),
        },
        body: JSON.stringify({ entityRef }),
      },
    );
  }
  const call = async (
    name: string,
    input: object,
    credentials = USER,
  ): Promise<any> =>
    (
      await registry.invoke({
        id: `test:${name}`,
        input: input as any,
        credentials,
      })
    ).output;
  return { registry, call, fixture, backend };
}

const ownerOfB = (permission: any) =>
  createInfraSpecsConditionalDecision(
    permission,
    infraSpecsConditions.isComponentOwner({ claims: ['group:default/team-b'] }),
  );

describe('infra-specs actions', () => {
  it('registers five actions with JSON schemas, attributes, and examples that fit their input schema', async () => {
    const { registry, backend } = await start();
    const { actions } = await registry.list();
    expect(actions.map(a => a.name).sort()).toEqual([
      'get-spec',
      'lint-spec',
      'list-specs',
      'next-spec-id',
      'summarize-specs',
    ]);
    for (const action of actions) {
      expect(action.description.length).toBeGreaterThan(80);
      expect(action.schema.input).toMatchObject({ type: 'object' });
      expect(action.schema.output).toMatchObject({ type: 'object' });
      const readOnly = action.name !== 'next-spec-id';
      expect(action.attributes).toEqual({
        readOnly,
        idempotent: readOnly,
        destructive: false,
      });
      const options = registry.actions.get(action.id)!;
      expect(options.examples?.length).toBeGreaterThan(0);
      for (const example of options.examples ?? []) {
        const parsed = options.schema.input(z).safeParse(example.input);
        expect({ example: example.title, ok: parsed.success }).toEqual({
          example: example.title,
          ok: true,
        });
      }
    }
    const listInput = actions.find(a => a.name === 'list-specs')!.schema
      .input as any;
    expect(listInput.properties.status.items.enum).toEqual(
      SPEC_STATUSES.map(s => s.value),
    );
    await backend.stop();
  });

  it('lists and gets specs with the filters of the REST API, by id or by name', async () => {
    const { call, backend } = await start();
    const approved = await call('list-specs', {
      status: ['approved'],
      sort: 'id',
    });
    expect(approved.items.map((i: any) => i.id)).toEqual([
      'SPEC-0001',
      'SPEC-0010',
    ]);
    expect(approved.totalCount).toBe(2);
    expect(approved.items[0]).toMatchObject({
      componentRef: 'component:default/a',
      ownerRef: 'group:default/team-a',
      blastRadius: 'high',
      monthlyCostDelta: 350,
      estimatedMonthlyCostDelta: null,
      costDrift: null,
      proposed: false,
    });
    expect(
      (await call('list-specs', { component: ['b'] })).items.map(
        (i: any) => i.id,
      ),
    ).toEqual(['SPEC-0010']);
    expect(
      (
        await call('list-specs', { owner: ['team-a'], sort: '-id', limit: 2 })
      ).items.map((i: any) => i.id),
    ).toEqual(['SPEC-0003', 'SPEC-0002']);
    await expect(call('list-specs', { costDrift: ['maybe'] })).rejects.toThrow(
      /Invalid input/,
    );
    await expect(call('list-specs', { owner: ['::'] })).rejects.toThrow(
      "owner: '::' is not an entity ref",
    );

    const byId = await call('get-spec', { spec: 'spec-0010' });
    expect(byId).toMatchObject({
      id: 'SPEC-0010',
      title: 'Payments cache',
      rollback: 'irreversible',
      history: [{ from: null, to: 'approved', observedAt: expect.any(String) }],
      estimate: null,
      plan: null,
      attention: [],
    });
    expect(byId.markdown).toBeUndefined();
    const byRef = await call('get-spec', {
      spec: byId.entityRef,
      includeMarkdown: true,
    });
    expect(byRef.markdown).toContain('# Spec: Payments cache');
    await expect(call('get-spec', { spec: 'SPEC-9999' })).rejects.toThrow(
      "No spec named 'SPEC-9999'",
    );
    await backend.stop();
  });

  it('lints markdown with the diagnostics the CLI gives, within infraSpecs.lint.maxBytes', async () => {
    const { call, backend } = await start(undefined, {
      infraSpecs: { lint: { maxBytes: 2000 } },
    });
    const markdown = changeSpec({
      id: 'SPEC-0200',
      title: 'Flow logs',
      status: 'Approved',
      cost: 10,
    }).replace(/\*\*Author\*\*:.*/, '**Author**: [Name]');
    const linted = await call('lint-spec', {
      markdown,
      path: 'docs/specs/x.md',
    });
    const expected = lintSpec(markdown, { path: 'docs/specs/x.md' });
    expect(linted.diagnostics).toEqual(
      expected.map(({ severity, line, code, message }) => ({
        severity,
        line,
        code,
        message,
      })),
    );
    expect(linted.diagnostics.map((d: any) => d.code)).toContain(
      'incomplete-approved-spec',
    );
    expect(linted).toMatchObject({
      id: 'SPEC-0200',
      status: 'approved',
      errors: 1,
    });
    await expect(
      call('lint-spec', { markdown: `${markdown}\n${'x'.repeat(2000)}` }),
    ).rejects.toThrow(
      /lint accepts at most 2000 \(infraSpecs\.lint\.maxBytes\)/,
    );
    await backend.stop();
  });

  it('summarizes a component or an owner, and asks for one of them', async () => {
    const { call, backend } = await start();
    const a = await call('summarize-specs', { component: 'a' });
    expect(a).toMatchObject({
      total: 3,
      byStatus: { approved: 1, draft: 1, implemented: 1, 'in-review': 0 },
      // Open specs only: the implemented one's -40 is history.
      openMonthlyCostDelta: 448,
      openEstimatedMonthlyCostDelta: null,
      currency: 'USD',
      needsAttention: [],
      truncated: false,
    });
    expect((await call('summarize-specs', { owner: 'team-b' })).total).toBe(1);
    await expect(call('summarize-specs', {})).rejects.toThrow(
      'summarize-specs needs a component or an owner',
    );
    await backend.stop();
  });

  it('reserves ids only where the caller may create specs, like POST /next-id', async () => {
    const { call, backend } = await start(req =>
      req.permission.name === 'infra-specs.spec.create'
        ? ownerOfB(req.permission)
        : { result: AuthorizeResult.ALLOW },
    );
    expect(await call('next-spec-id', { component: 'b' })).toEqual({
      id: 'SPEC-0011',
    });
    expect(
      await call('next-spec-id', { component: 'component:default/b' }),
    ).toEqual({
      id: 'SPEC-0012',
    });
    await expect(call('next-spec-id', { component: 'a' })).rejects.toThrow(
      /infra-specs\.spec\.create/,
    );
    await expect(
      call('next-spec-id', { component: 'b', prefix: 'NOPE' }),
    ).rejects.toThrow(/not the id prefix of a spec format/);
    await backend.stop();
  });

  it('shows a denied user what the REST API shows them: nothing, except to services', async () => {
    const denied = await start(() => ({ result: AuthorizeResult.DENY }));
    expect(await denied.call('list-specs', {})).toEqual({
      items: [],
      totalCount: 0,
    });
    await expect(
      denied.call('get-spec', { spec: 'SPEC-0010' }),
    ).rejects.toThrow("No spec named 'SPEC-0010'");
    expect(
      (await denied.call('summarize-specs', { component: 'a' })).total,
    ).toBe(0);
    await expect(
      denied.call('next-spec-id', { component: 'b' }),
    ).rejects.toThrow(/infra-specs\.spec\.create/);
    // Services are not users: the permission framework allows them.
    expect(
      (await denied.call('list-specs', {}, mockCredentials.service()))
        .totalCount,
    ).toBe(4);
    await denied.backend.stop();
  });

  it('shows a conditional reader only the specs the REST API shows them', async () => {
    const owner = await start(req =>
      req.permission.name === 'infra-specs.spec.read'
        ? ownerOfB(req.permission)
        : { result: AuthorizeResult.ALLOW },
    );
    const mine = await owner.call('list-specs', {});
    expect(mine.items.map((i: any) => i.id)).toEqual(['SPEC-0010']);
    await expect(owner.call('get-spec', { spec: 'SPEC-0001' })).rejects.toThrow(
      "No spec named 'SPEC-0001'",
    );
    expect(
      (await owner.call('summarize-specs', { component: 'a' })).total,
    ).toBe(0);
    await owner.backend.stop();
  });
});
