import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { exampleInput } from '../__testUtils__/examples';
import { changeSpec, createTempWorkspace } from '../__testUtils__/workspace';
import { createInfraSpecsValidateAction } from './validate';
import { examples } from './validate.examples';

describe('infra-specs:validate examples', () => {
  let ws: Awaited<ReturnType<typeof createTempWorkspace>>;
  afterEach(() => ws?.cleanup());

  async function run(index: number, files: Record<string, string>) {
    ws = await createTempWorkspace(files);
    const ctx = createMockActionContext({
      input: exampleInput(examples[index], {
        "steps['create-spec'].output.path": 'docs/specs/SPEC-0001-a.md',
      }) as any,
      workspacePath: ws.workspace,
      logger: mockServices.logger.mock(),
    });
    const result = await createInfraSpecsValidateAction()
      .handler(ctx)
      .catch(e => e);
    return { ctx, result };
  }

  it('lints every spec of the workspace', async () => {
    const { ctx, result } = await run(0, {
      'docs/specs/SPEC-0001-a.md': changeSpec('SPEC-0001', 'A'),
      'infra/SPEC-0002-b.md': changeSpec('SPEC-0002', 'B'),
    });
    expect(result).toBeUndefined();
    expect(ctx.output).toHaveBeenCalledWith('files', 2);
  });

  it('lints the spec written by infra-specs:create', async () => {
    const { ctx, result } = await run(1, {
      'docs/specs/SPEC-0001-a.md': changeSpec('SPEC-0001', 'A'),
      'docs/specs/SPEC-0002-b.md':
        '# Spec: B\n\n**Spec ID**: SPEC-0002\n**Status**: Implemented\n**Author**: [Name]\n',
    });
    expect(result).toBeUndefined();
    expect(ctx.output).toHaveBeenCalledWith('files', 1);
  });

  it('fails finished specs that still hold placeholders', async () => {
    const { result } = await run(2, {
      'docs/specs/done/SPEC-0001-a.md': changeSpec(
        'SPEC-0001',
        'A',
        '\n## Cost Impact\n\n| Resource | Monthly Cost | Notes |\n|---|---|---|\n| NAT | $X | |\n',
      ),
      'docs/specs/SPEC-0002-open.md': changeSpec(
        'SPEC-0002',
        'Open',
        '\n**Owner**: [Name]\n',
      ),
    });
    expect(result?.message).toMatch(
      /^1 spec file\(s\) have errors or warnings:\ndocs\/specs\/done\/SPEC-0001-a\.md:\d+ /,
    );
  });
});
