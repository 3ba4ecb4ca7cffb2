import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ResponseError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { changeSpec, createTempWorkspace } from '../__testUtils__/workspace';
import { createInfraSpecsPublishLocalAction } from './publishLocal';

const SPEC = changeSpec('SPEC-0121', 'NAT gateway per AZ');
const SOURCE = 'docs/specs/SPEC-0121-nat-gateway-per-az.md';

function component(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: {
      type: 'infrastructure',
      lifecycle: 'production',
      owner: 'group:default/platform-team',
    },
  };
}

describe('infra-specs:publish-local', () => {
  let ws: Awaited<ReturnType<typeof createTempWorkspace>>;
  let examples: string;
  let specFolder: string;

  beforeEach(async () => {
    ws = await createTempWorkspace({ [SOURCE]: SPEC });
    examples = join(ws.root, 'examples');
    specFolder = join(examples, 'components', 'network-vpc', 'docs', 'specs');
    await fs.mkdir(specFolder, { recursive: true });
    await fs.mkdir(join(ws.root, 'outside'));
  });
  afterEach(() => ws.cleanup());

  function setup(
    entities: Entity[],
    options: {
      roots?: string[];
      specs?: any;
      allowOverwrite?: boolean;
      permissions?: any;
    } = {},
  ) {
    const action = createInfraSpecsPublishLocalAction({
      config: new ConfigReader({
        infraSpecs: {
          publish: {
            local: {
              allowedRoots: options.roots ?? ['examples'],
              ...(options.allowOverwrite !== undefined
                ? { allowOverwrite: options.allowOverwrite }
                : {}),
            },
          },
        },
      }),
      catalog: catalogServiceMock({ entities }),
      specs: options.specs,
      permissions: options.permissions,
      cwd: ws.root,
    });
    const context = (input: Record<string, unknown>) =>
      createMockActionContext({
        input: input as any,
        workspacePath: ws.workspace,
        logger: mockServices.logger.mock(),
      });
    return { action, context };
  }

  const networkVpc = () =>
    component('network-vpc', {
      'infra-specs.dev/spec-location': './docs/specs',
      'backstage.io/managed-by-location': `file:${join(
        examples,
        'components',
        'network-vpc',
        'catalog-info.yaml',
      )}`,
    });

  function fakeSpecs(items: Array<{ path: string; name: string }> = []) {
    return {
      refresh: jest.fn(async () => ({ locations: [] })),
      getEntitySpecs: jest.fn(async () => ({ items, location: null })),
      getNextId: jest.fn(),
      listSpecs: jest.fn(),
    };
  }

  it("copies the spec into the component's spec folder, refreshes it and names the entity", async () => {
    const specs = fakeSpecs([
      {
        path: 'SPEC-0121-nat-gateway-per-az.md',
        name: 'spec-0121-nat-gateway-per-az-1a2b3c',
      },
    ]);
    const { action, context } = setup([networkVpc()], { specs });
    const ctx = context({ sourcePath: SOURCE, component: 'network-vpc' });
    await action.handler(ctx);

    const written = join(specFolder, 'SPEC-0121-nat-gateway-per-az.md');
    expect(await fs.readFile(written, 'utf8')).toBe(SPEC);
    expect(specs.refresh).toHaveBeenCalledWith(
      'component:default/network-vpc',
      {
        credentials: expect.anything(),
      },
    );
    expect(ctx.output).toHaveBeenCalledWith('path', written);
    // the indexer's name wins over the computed one
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'spec:default/spec-0121-nat-gateway-per-az-1a2b3c',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'entityUrl',
      '/catalog/default/spec/spec-0121-nat-gateway-per-az-1a2b3c',
    );
  });

  it('computes the entity name and carries on when the specs backend is not installed', async () => {
    const specs = fakeSpecs();
    specs.refresh.mockRejectedValue(
      await ResponseError.fromResponse(
        new Response('Not Found', { status: 404 }) as any,
      ),
    );
    const { action, context } = setup([networkVpc()], { specs });
    const ctx = context({
      sourcePath: SOURCE,
      component: 'component:default/network-vpc',
      targetPath: 'nested/spec.md',
    });
    await action.handler(ctx);
    expect(
      await fs.readFile(join(specFolder, 'nested', 'spec.md'), 'utf8'),
    ).toBe(SPEC);
    expect(ctx.logger.info).toHaveBeenCalledWith(
      expect.stringContaining('not installed or not reachable'),
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'spec:default/spec-0121-nat-gateway-per-az',
    );
    expect(specs.getEntitySpecs).not.toHaveBeenCalled();
  });

  it('refuses overwrite: true unless the config allows it, naming the key, and writes nothing', async () => {
    const { action, context } = setup([networkVpc()]);
    const existing = join(specFolder, 'SPEC-0121-nat-gateway-per-az.md');
    await fs.writeFile(existing, 'approved, do not touch');
    await expect(
      action.handler(
        context({
          sourcePath: SOURCE,
          component: 'network-vpc',
          overwrite: true,
        }),
      ),
    ).rejects.toThrow(
      /overwrite: true is refused.*infraSpecs\.publish\.local\.allowOverwrite/,
    );
    expect(await fs.readFile(existing, 'utf8')).toBe('approved, do not touch');
  });

  it('refuses to publish into a component the user may not create specs for, before reading or writing anything', async () => {
    const decided: Array<{ permission: string; resourceRef?: string }> = [];
    const permissions = {
      authorize: async (requests: any[]) =>
        requests.map(r => {
          decided.push({
            permission: r.permission.name,
            resourceRef: r.resourceRef,
          });
          return { result: AuthorizeResult.DENY };
        }),
      authorizeConditional: async () => [{ result: AuthorizeResult.DENY }],
    };
    const specs = fakeSpecs();
    const { action, context } = setup([networkVpc()], { specs, permissions });
    await expect(
      action.handler(context({ sourcePath: SOURCE, component: 'network-vpc' })),
    ).rejects.toThrow(
      /may not create specs for component:default\/network-vpc.*infra-specs\.spec\.create/,
    );
    expect(decided).toEqual([
      {
        permission: 'infra-specs.spec.create',
        resourceRef: 'component:default/network-vpc',
      },
    ]);
    expect(await fs.readdir(specFolder)).toEqual([]);
    expect(specs.refresh).not.toHaveBeenCalled();
    expect(specs.getEntitySpecs).not.toHaveBeenCalled();
  });

  it('refuses to overwrite an existing file unless asked to', async () => {
    const { action, context } = setup([networkVpc()], { allowOverwrite: true });
    await fs.writeFile(
      join(specFolder, 'SPEC-0121-nat-gateway-per-az.md'),
      'older',
    );
    await expect(
      action.handler(context({ sourcePath: SOURCE, component: 'network-vpc' })),
    ).rejects.toThrow(
      /Refusing to overwrite .*SPEC-0121-nat-gateway-per-az\.md: the file exists; pass overwrite: true/,
    );
    expect(
      await fs.readFile(
        join(specFolder, 'SPEC-0121-nat-gateway-per-az.md'),
        'utf8',
      ),
    ).toBe('older');
    await action.handler(
      context({
        sourcePath: SOURCE,
        component: 'network-vpc',
        overwrite: true,
      }),
    );
    expect(
      await fs.readFile(
        join(specFolder, 'SPEC-0121-nat-gateway-per-az.md'),
        'utf8',
      ),
    ).toBe(SPEC);
  });

  it.each([
    [
      '../../../../outside/x.md',
      "targetPath '../../../../outside/x.md' points outside",
    ],
    ['/tmp/x.md', "targetPath '/tmp/x.md' must be relative to"],
  ])('refuses targetPath %s', async (targetPath, message) => {
    const { action, context } = setup([networkVpc()]);
    await expect(
      action.handler(
        context({ sourcePath: SOURCE, component: 'network-vpc', targetPath }),
      ),
    ).rejects.toThrow(message);
    expect(await fs.readdir(join(ws.root, 'outside'))).toEqual([]);
  });

  it('refuses spec folders outside the allowed roots, naming the root and the path', async () => {
    const stray = component('stray', {
      'infra-specs.dev/spec-location': `dir:${join(ws.root, 'outside')}`,
    });
    const { action, context } = setup([stray]);
    await expect(
      action.handler(context({ sourcePath: SOURCE, component: 'stray' })),
    ).rejects.toThrow(
      `Refusing to write ${join(
        ws.root,
        'outside',
        'SPEC-0121-nat-gateway-per-az.md',
      )}: it is outside the allowed root ${examples} (infraSpecs.publish.local.allowedRoots)`,
    );
  });

  it('refuses a spec folder that is a symlink leading out of the allowed root', async () => {
    await fs.rm(specFolder, { recursive: true });
    await fs.symlink(join(ws.root, 'outside'), specFolder);
    const { action, context } = setup([networkVpc()]);
    await expect(
      action.handler(context({ sourcePath: SOURCE, component: 'network-vpc' })),
    ).rejects.toThrow(
      /a symlink on the way leads to .*outside\/SPEC-0121-nat-gateway-per-az\.md, outside the allowed root/,
    );
    expect(await fs.readdir(join(ws.root, 'outside'))).toEqual([]);
  });

  it('refuses a spec whose id another spec of the folder already has', async () => {
    await fs.mkdir(join(specFolder, 'done'));
    await fs.writeFile(
      join(specFolder, 'done', 'SPEC-0121-older.md'),
      changeSpec('SPEC-0121', 'Older'),
    );
    const { action, context } = setup([networkVpc()]);
    await expect(
      action.handler(context({ sourcePath: SOURCE, component: 'network-vpc' })),
    ).rejects.toThrow(
      `SPEC-0121 is already used by ${join(
        specFolder,
        'done',
        'SPEC-0121-older.md',
      )}; give the new spec another id`,
    );
    expect(await fs.readdir(specFolder)).toEqual(['done']);
  });

  it('refuses everything when no root is configured', async () => {
    const { action, context } = setup([networkVpc()], { roots: [] });
    await expect(
      action.handler(context({ sourcePath: SOURCE, component: 'network-vpc' })),
    ).rejects.toThrow(
      'no folder is allowed; add its root to infraSpecs.publish.local.allowedRoots',
    );
  });

  it('explains remote spec locations, unknown components and missing sources', async () => {
    const remote = component('payments', {
      'infra-specs.dev/spec-location':
        'url:https://github.com/acme/payments/tree/main/docs/specs',
    });
    const { action, context } = setup([remote]);
    await expect(
      action.handler(context({ sourcePath: SOURCE, component: 'payments' })),
    ).rejects.toThrow(/is not a local folder .*publish:github:pull-request/);
    await expect(
      action.handler(context({ sourcePath: SOURCE, component: 'nope' })),
    ).rejects.toThrow(
      'component:default/nope is not in the catalog (or you may not see it)',
    );
    await expect(
      action.handler(
        context({ sourcePath: 'missing.md', component: 'payments' }),
      ),
    ).rejects.toThrow("sourcePath 'missing.md' is not a file in the workspace");
    await expect(
      action.handler(
        context({ sourcePath: '../secret.md', component: 'payments' }),
      ),
    ).rejects.toThrow("sourcePath '../secret.md' points outside the workspace");
  });

  it('writes nothing and refreshes nothing in a dry run', async () => {
    const specs = fakeSpecs();
    const { action, context } = setup([networkVpc()], { specs });
    const ctx = context({ sourcePath: SOURCE, component: 'network-vpc' });
    await action.handler({ ...ctx, isDryRun: true });
    expect(await fs.readdir(specFolder)).toEqual([]);
    expect(specs.refresh).not.toHaveBeenCalled();
    expect(ctx.output).toHaveBeenCalledWith(
      'path',
      join(specFolder, 'SPEC-0121-nat-gateway-per-az.md'),
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'entityUrl',
      '/catalog/default/spec/spec-0121-nat-gateway-per-az',
    );
  });
});
