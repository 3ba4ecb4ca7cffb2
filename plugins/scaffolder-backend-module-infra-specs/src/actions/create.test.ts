import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { parseSpec } from '@infra-specs/backstage-plugin-infra-specs-common';
import { changeSpec, createTempWorkspace } from '../__testUtils__/workspace';
import type { SpecsApi } from '../lib/specsBackend';
import { createInfraSpecsCreateAction } from './create';

const NOW = () => new Date('2026-03-14T10:00:00Z');

function fakeSpecs(overrides: Partial<Record<keyof SpecsApi, jest.Mock>> = {}) {
  return {
    getNextId: jest.fn(async (prefix: string) => ({ id: `${prefix}-0120` })),
    listSpecs: jest.fn(async () => ({ items: [], totalCount: 0 })),
    refresh: jest.fn(),
    getEntitySpecs: jest.fn(),
    ...overrides,
  };
}

async function notFound() {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'NotFoundError', message: 'Not Found' },
      }),
      {
        status: 404,
        statusText: 'Not Found',
        headers: { 'content-type': 'application/json' },
      },
    ) as any,
  );
}

describe('infra-specs:create', () => {
  let ws: Awaited<ReturnType<typeof createTempWorkspace>>;

  afterEach(async () => {
    await ws?.cleanup();
  });

  function context(
    input: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ) {
    return createMockActionContext({
      input: input as any,
      workspacePath: ws.workspace,
      logger: mockServices.logger.mock(),
      ...extra,
    });
  }

  it('writes a change spec that parses back to the inputs', async () => {
    ws = await createTempWorkspace();
    const specs = fakeSpecs();
    const action = createInfraSpecsCreateAction({ specs, now: NOW });
    const ctx = context({
      format: 'change',
      title: 'NAT gateway per availability zone',
      component: 'component:default/network-vpc',
      owner: 'group:default/platform-team',
      summary: 'One NAT gateway per AZ so that an AZ outage keeps egress up.',
      problem: 'A single NAT gateway is a single point of failure.',
      status: 'in-review',
      complexity: 2,
      blastRadius: {
        level: 'high',
        description: 'All egress traffic of eu-west-1',
      },
      rollbackComplexity: 'easy',
      downtime: 'none',
      currency: 'EUR',
      costItems: [
        { resource: 'NAT Gateway', monthly: 64.8, notes: 'Two more, per AZ' },
        { resource: 'Data processing', monthly: 20 },
      ],
      issue: 'https://github.com/acme/network/issues/42',
      author: 'Jane Doe',
    });
    await action.handler(ctx);

    expect(specs.getNextId).toHaveBeenCalledWith(
      'SPEC',
      expect.objectContaining({
        reserve: true,
        entityRef: 'component:default/network-vpc',
      }),
    );
    const path = 'docs/specs/SPEC-0120-nat-gateway-per-availability-zone.md';
    expect(ctx.output).toHaveBeenCalledWith('path', path);
    expect(ctx.output).toHaveBeenCalledWith('id', 'SPEC-0120');
    expect(ctx.output).toHaveBeenCalledWith(
      'entityName',
      'spec-0120-nat-gateway-per-availability-zone',
    );
    const markdown = await fs.readFile(join(ws.workspace, path), 'utf8');
    expect(ctx.output).toHaveBeenCalledWith('markdown', markdown);

    const doc = parseSpec(markdown, { path });
    expect(doc).toMatchObject({
      id: 'SPEC-0120',
      title: 'NAT gateway per availability zone',
      format: 'infrastructure-change',
      status: 'in-review',
      complexity: 2,
      author: 'Jane Doe',
      created: '2026-03-14',
      updated: '2026-03-14',
      issue: 'https://github.com/acme/network/issues/42',
      impact: {
        blastRadius: {
          level: 'high',
          text: expect.stringContaining('All egress traffic of eu-west-1'),
        },
        rollback: 'easy',
        downtime: 'none',
      },
      cost: {
        monthlyDelta: 84.8,
        currency: 'EUR',
        items: [
          { resource: 'NAT Gateway', monthly: 64.8, notes: 'Two more, per AZ' },
          { resource: 'Data processing', monthly: 20 },
        ],
      },
    });
    expect(doc.summary).toContain('One NAT gateway per AZ');
    expect(doc.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
  });

  it.each([
    [
      'feature',
      'Karpenter spot node pool',
      'FEAT-012',
      'infrastructure-feature',
      ['FEAT-011'],
    ],
    [
      'smaqit',
      'Object storage',
      'INF-OBJECT-STORAGE',
      'smaqit-infrastructure',
      [],
    ],
  ])(
    'writes %s specs with their id scheme',
    async (format, title, id, parsedFormat, existing) => {
      ws = await createTempWorkspace(
        Object.fromEntries(
          existing.map(e => [
            `docs/specs/${e}.md`,
            `# Specification: ${e} Older feature\n\n**Template Type**: Infrastructure Feature\n**Status**: draft\n`,
          ]),
        ),
      );
      const action = createInfraSpecsCreateAction({ now: NOW });
      const ctx = context({
        format,
        title,
        component: 'component:default/eks-cluster',
        complexity: 3,
        monthlyCost: -850,
        currency: 'USD',
      });
      await action.handler(ctx);
      expect(ctx.output).toHaveBeenCalledWith('id', id);
      const path = (ctx.output as jest.Mock).mock.calls.find(
        c => c[0] === 'path',
      )[1];
      const doc = parseSpec(
        await fs.readFile(join(ws.workspace, path), 'utf8'),
        { path },
      );
      expect(doc).toMatchObject({
        id,
        title,
        format: parsedFormat,
        status: 'draft',
        complexity: 3,
      });
      expect(doc.cost.monthlyDelta).toBe(-850);
    },
  );

  it('allocates above the specs already in the workspace, and above the backend offer', async () => {
    ws = await createTempWorkspace({
      'docs/specs/SPEC-0007-a.md': changeSpec('SPEC-0007', 'A'),
      'docs/specs/done/SPEC-0131-b/spec.md': changeSpec('SPEC-0131', 'B'),
      'docs/specs/done/SPEC-0131-b/plan.md':
        '# Plan\n\nSPEC-0900 is mentioned here only.\n',
    });
    const specs = fakeSpecs();
    const action = createInfraSpecsCreateAction({ specs, now: NOW });
    const ctx = context({
      format: 'change',
      title: 'C',
      component: 'component:default/x',
    });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('id', 'SPEC-0132');
  });

  it('falls back to the workspace when the specs backend is not installed', async () => {
    ws = await createTempWorkspace({
      'docs/specs/SPEC-0041-a.md': changeSpec('SPEC-0041', 'A'),
    });
    const error = await notFound();
    const specs = fakeSpecs({
      getNextId: jest.fn().mockRejectedValue(error),
      listSpecs: jest.fn().mockRejectedValue(
        Object.assign(new TypeError('fetch failed'), {
          cause: { code: 'ECONNREFUSED' },
        }),
      ),
    });
    const action = createInfraSpecsCreateAction({ specs, now: NOW });
    const ctx = context({
      format: 'change',
      title: 'B',
      component: 'component:default/x',
    });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('id', 'SPEC-0042');
  });

  it('fails rather than guess an id when the backend refuses', async () => {
    ws = await createTempWorkspace();
    const denied = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({ error: { name: 'NotAllowedError', message: 'no' } }),
        {
          status: 403,
          headers: { 'content-type': 'application/json' },
        },
      ) as any,
    );
    const action = createInfraSpecsCreateAction({
      specs: fakeSpecs({ getNextId: jest.fn().mockRejectedValue(denied) }),
    });
    await expect(
      action.handler(
        context({
          format: 'change',
          title: 'B',
          component: 'component:default/x',
        }),
      ),
    ).rejects.toThrow('Request failed with 403');
    expect(await ws.list(ws.workspace)).toEqual([]);
  });

  it('refuses a component the user may not create specs for, before reserving an id or writing', async () => {
    ws = await createTempWorkspace();
    const specs = fakeSpecs();
    const decided: string[] = [];
    const permissions = {
      authorize: async (requests: any[]) =>
        requests.map(r => {
          decided.push(`${r.permission.name} ${r.resourceRef}`);
          return {
            result:
              r.resourceRef === 'component:default/network-vpc'
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          };
        }),
      authorizeConditional: async () => [],
    } as any;
    const action = createInfraSpecsCreateAction({
      specs,
      permissions,
      now: NOW,
    });
    await expect(
      action.handler(
        context({
          format: 'change',
          title: 'B',
          component: 'payments-api',
          id: 'SPEC-0200',
        }),
      ),
    ).rejects.toThrow(
      /may not create specs for component:default\/payments-api.*infra-specs\.spec\.create/,
    );
    expect(specs.getNextId).not.toHaveBeenCalled();
    expect(specs.listSpecs).not.toHaveBeenCalled();
    expect(await ws.list(ws.workspace)).toEqual([]);

    await action.handler(
      context({ format: 'change', title: 'B', component: 'network-vpc' }),
    );
    expect(decided).toEqual([
      'infra-specs.spec.create component:default/payments-api',
      'infra-specs.spec.create component:default/network-vpc',
    ]);
  });

  it("never falls back to the scaffolder's own credentials: without the user's it fails before any read", async () => {
    ws = await createTempWorkspace();
    const specs = fakeSpecs();
    const action = createInfraSpecsCreateAction({ specs, now: NOW });
    const ctx = context({
      format: 'change',
      title: 'B',
      component: 'component:default/x',
    });
    ctx.getInitiatorCredentials = () =>
      Promise.reject(new Error('the token expired'));
    await expect(action.handler(ctx)).rejects.toThrow(
      /acts for the user who runs the template.*the token expired/,
    );
    expect(specs.getNextId).not.toHaveBeenCalled();
    expect(specs.listSpecs).not.toHaveBeenCalled();
  });

  it('refuses an id that an indexed spec or a workspace file already uses', async () => {
    ws = await createTempWorkspace({
      'docs/specs/SPEC-0041-a.md': changeSpec('SPEC-0041', 'A'),
    });
    const specs = fakeSpecs({
      listSpecs: jest.fn(async () => ({
        items: [
          {
            name: 'spec-0042-upgrade-eks',
            componentRef: 'component:default/eks-cluster',
            path: 'SPEC-0042-upgrade-eks.md',
            document: { id: 'SPEC-0042', title: 'Upgrade EKS' },
          },
        ],
        totalCount: 1,
      })),
    });
    const action = createInfraSpecsCreateAction({ specs });
    await expect(
      action.handler(
        context({
          format: 'change',
          id: 'spec-0042',
          title: 'X',
          component: 'component:default/x',
        }),
      ),
    ).rejects.toThrow(
      'spec-0042 is already used by Upgrade EKS (component:default/eks-cluster, SPEC-0042-upgrade-eks.md)',
    );
    await expect(
      action.handler(
        context({
          format: 'change',
          id: 'SPEC-0041',
          title: 'X',
          component: 'component:default/x',
        }),
      ),
    ).rejects.toThrow(
      'SPEC-0041 is already used by docs/specs/SPEC-0041-a.md in the workspace',
    );
  });

  it('takes the author from the user running the task', async () => {
    ws = await createTempWorkspace();
    const action = createInfraSpecsCreateAction({ now: NOW });
    const ctx = context(
      {
        format: 'change',
        id: 'SPEC-0001',
        title: 'A',
        component: 'component:default/x',
      },
      {
        user: {
          ref: 'user:default/jane',
          entity: {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'User',
            metadata: { name: 'jane' },
            spec: { profile: { displayName: 'Jane Doe' } },
          },
        },
      },
    );
    await action.handler(ctx);
    const markdown = (ctx.output as jest.Mock).mock.calls.find(
      c => c[0] === 'markdown',
    )[1];
    expect(parseSpec(markdown).author).toBe('Jane Doe');
  });

  it.each([
    ['../outside.md', 'points outside the workspace'],
    ['/tmp/absolute.md', 'points outside the workspace'],
    ['docs/specs/../../../x.md', 'points outside the workspace'],
    ['docs/specs/x.txt', 'must name a markdown file'],
  ])('refuses targetPath %s', async (targetPath, message) => {
    ws = await createTempWorkspace();
    const action = createInfraSpecsCreateAction();
    await expect(
      action.handler(
        context({
          format: 'change',
          id: 'SPEC-0001',
          title: 'A',
          component: 'c',
          targetPath,
        }),
      ),
    ).rejects.toThrow(message);
    expect(await ws.list()).toEqual([]);
  });

  it('refuses a targetPath through a symlink that leads out of the workspace', async () => {
    ws = await createTempWorkspace();
    await fs.mkdir(join(ws.root, 'outside'));
    await fs.symlink(join(ws.root, 'outside'), join(ws.workspace, 'docs'));
    const action = createInfraSpecsCreateAction();
    await expect(
      action.handler(
        context({
          format: 'change',
          id: 'SPEC-0001',
          title: 'A',
          component: 'c',
        }),
      ),
    ).rejects.toThrow(
      "targetPath 'docs/specs/SPEC-0001-a.md' points outside the workspace",
    );
    expect(await fs.readdir(join(ws.root, 'outside'))).toEqual([]);
  });

  it('fails with the diagnostics when the new spec is not valid', async () => {
    ws = await createTempWorkspace();
    const action = createInfraSpecsCreateAction({ now: NOW });
    // approved while the body still holds template placeholders: a spec that claims more than it says
    const error = await action
      .handler(
        context({
          format: 'change',
          id: 'SPEC-0001',
          title: 'A',
          component: 'c',
          status: 'approved',
        }),
      )
      .catch(e => e);
    expect(error.name).toBe('InputError');
    expect(error.message).toMatch(
      /^The new spec is not valid:\ndocs\/specs\/SPEC-0001-a\.md:\d+ [a-z-]+ /,
    );
    expect(await ws.list()).toEqual([]);
  });

  it('does not reserve ids or write outside the workspace in a dry run', async () => {
    ws = await createTempWorkspace({
      'docs/specs/SPEC-0009-a.md': changeSpec('SPEC-0009', 'A'),
    });
    const specs = fakeSpecs({
      // the backend's preview is past the index (ids reserved by runs not merged yet)
      getNextId: jest.fn(async () => ({ id: 'SPEC-0050' })),
      listSpecs: jest.fn(async () => ({
        items: [
          { document: { id: 'SPEC-0041' } },
          { document: { id: 'FEAT-0900' } },
        ],
        totalCount: 2,
      })),
    });
    const action = createInfraSpecsCreateAction({ specs, now: NOW });
    const ctx = context({
      format: 'change',
      title: 'Dry',
      component: 'component:default/x',
    });
    await action.handler({ ...ctx, isDryRun: true });
    // a preview of the backend's next id and of what the index knows (read-only), never a reservation
    expect(specs.getNextId).toHaveBeenCalledWith('SPEC', {
      credentials: expect.anything(),
    });
    expect(specs.listSpecs).toHaveBeenCalledWith(
      expect.objectContaining({ q: 'SPEC-', sort: '-id' }),
      expect.anything(),
    );
    expect(ctx.output).toHaveBeenCalledWith('id', 'SPEC-0050');
    expect(ctx.output).toHaveBeenCalledWith(
      'markdown',
      expect.stringContaining('# Spec: Dry'),
    );
    expect(await ws.list()).toEqual([
      'workspace/docs/specs/SPEC-0009-a.md',
      'workspace/docs/specs/SPEC-0050-dry.md',
    ]);
  });

  it('refuses a smaqit title that names an existing concept', async () => {
    ws = await createTempWorkspace({
      'docs/specs/INF-NAT-GATEWAY.md':
        '---\nid: INF-NAT-GATEWAY\nstatus: draft\n---\n\n# NAT gateway\n\n## Scope\n\nx\n',
    });
    const action = createInfraSpecsCreateAction();
    await expect(
      action.handler(
        context({ format: 'smaqit', title: 'NAT gateway', component: 'c' }),
      ),
    ).rejects.toThrow('INF-NAT-GATEWAY is already used by another spec');
  });
});
