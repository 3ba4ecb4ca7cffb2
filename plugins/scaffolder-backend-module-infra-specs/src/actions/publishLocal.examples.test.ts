import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { exampleInput } from '../__testUtils__/examples';
import { changeSpec, createTempWorkspace } from '../__testUtils__/workspace';
import { createInfraSpecsPublishLocalAction } from './publishLocal';
import { examples } from './publishLocal.examples';

describe('infra-specs:publish-local examples', () => {
  let ws: Awaited<ReturnType<typeof createTempWorkspace>>;
  afterEach(() => ws?.cleanup());

  async function run(
    index: number,
    specPath: string,
    expressions: Record<string, unknown>,
    existing?: string,
  ) {
    ws = await createTempWorkspace({
      [specPath]: changeSpec('SPEC-0042', 'Upgrade EKS'),
    });
    const input = exampleInput(examples[index], expressions);
    const name = String(input.component).replace(/^component:default\//, '');
    const folder = join(ws.root, 'examples', name, 'docs', 'specs');
    await fs.mkdir(folder, { recursive: true });
    if (existing) {
      await fs.mkdir(join(folder, existing, '..'), { recursive: true });
      await fs.writeFile(join(folder, existing), 'older');
    }
    const action = createInfraSpecsPublishLocalAction({
      config: new ConfigReader({
        infraSpecs: {
          publish: {
            local: { allowedRoots: ['examples'], allowOverwrite: true },
          },
        },
      }),
      catalog: catalogServiceMock({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: {
              name,
              annotations: {
                'infra-specs.dev/spec-location': './docs/specs',
                'backstage.io/managed-by-location': `file:${join(
                  ws.root,
                  'examples',
                  name,
                  'catalog-info.yaml',
                )}`,
              },
            },
            spec: {
              type: 'infrastructure',
              lifecycle: 'production',
              owner: 'group:default/platform-team',
            },
          },
        ],
      }),
      cwd: ws.root,
    });
    const ctx = createMockActionContext({
      input: input as any,
      workspacePath: ws.workspace,
      logger: mockServices.logger.mock(),
    });
    await action.handler(ctx);
    return {
      folder,
      output: Object.fromEntries((ctx.output as jest.Mock).mock.calls),
    };
  }

  it("copies the created spec into the component's spec folder", async () => {
    const { folder, output } = await run(
      0,
      'docs/specs/SPEC-0042-upgrade-eks.md',
      {
        "steps['create-spec'].output.path":
          'docs/specs/SPEC-0042-upgrade-eks.md',
        'parameters.component': 'component:default/network-vpc',
      },
    );
    expect(output.path).toBe(join(folder, 'SPEC-0042-upgrade-eks.md'));
    expect(await fs.readFile(output.path, 'utf8')).toContain(
      '**Spec ID**: SPEC-0042',
    );
  });

  it('publishes under another name, replacing the existing file', async () => {
    const { folder, output } = await run(
      1,
      'docs/specs/SPEC-0042-upgrade-eks.md',
      {},
      'SPEC-0042-upgrade-eks/spec.md',
    );
    expect(output.path).toBe(join(folder, 'SPEC-0042-upgrade-eks', 'spec.md'));
    expect(await fs.readFile(output.path, 'utf8')).toContain(
      '# Spec: Upgrade EKS',
    );
  });
});
