import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { parseSpec } from '@infra-specs/backstage-plugin-infra-specs-common';
import { exampleInput } from '../__testUtils__/examples';
import { createTempWorkspace } from '../__testUtils__/workspace';
import { createInfraSpecsCreateAction } from './create';
import { examples } from './create.examples';

describe('infra-specs:create examples', () => {
  let ws: Awaited<ReturnType<typeof createTempWorkspace>>;
  afterEach(() => ws?.cleanup());

  async function run(index: number) {
    ws = await createTempWorkspace();
    const input = exampleInput(examples[index]);
    const ctx = createMockActionContext({
      input: input as any,
      workspacePath: ws.workspace,
      logger: mockServices.logger.mock(),
    });
    await createInfraSpecsCreateAction({
      now: () => new Date('2026-03-14T00:00:00Z'),
    }).handler(ctx);
    const output = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    const markdown = await fs.readFile(join(ws.workspace, output.path), 'utf8');
    return {
      input,
      output,
      document: parseSpec(markdown, { path: output.path }),
    };
  }

  it('writes a change spec with impact and cost', async () => {
    const { input, output, document } = await run(0);
    expect(output.id).toBe('SPEC-0001');
    expect(document).toMatchObject({
      format: 'infrastructure-change',
      title: input.title,
      impact: {
        blastRadius: { level: 'high' },
        rollback: 'easy',
        downtime: 'none',
      },
      cost: { monthlyDelta: 84.8, currency: 'USD' },
    });
  });

  it('writes a feature spec with its given id into the chosen path', async () => {
    const { output, document } = await run(1);
    expect(output.path).toBe('specs/FEAT-031-karpenter-spot.md');
    expect(document).toMatchObject({
      id: 'FEAT-031',
      format: 'infrastructure-feature',
      complexity: 2,
      cost: { monthlyDelta: -850 },
    });
  });

  it('writes a smaqit spec named after its concept', async () => {
    const { output, document } = await run(2);
    expect(output.id).toBe('INF-OBJECT-STORAGE');
    expect(output.path).toBe('docs/specs/INF-OBJECT-STORAGE.md');
    expect(document).toMatchObject({
      format: 'smaqit-infrastructure',
      author: 'Jane Doe',
    });
  });
});
