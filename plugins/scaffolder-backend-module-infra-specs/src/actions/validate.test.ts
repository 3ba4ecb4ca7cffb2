import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { changeSpec, createTempWorkspace } from '../__testUtils__/workspace';
import { createInfraSpecsValidateAction } from './validate';

const GOOD = changeSpec('SPEC-0001', 'Good spec');
// approved while it still holds a placeholder and an open clarification: an error
const BAD = `# Spec: Bad spec

**Spec ID**: SPEC-0002
**Status**: Approved
**Author**: [Name]

## Summary

Something.

### Open Clarifications

- [NEEDS CLARIFICATION: Which region hosts the replica?]
`;

describe('infra-specs:validate', () => {
  let ws: Awaited<ReturnType<typeof createTempWorkspace>>;
  afterEach(() => ws?.cleanup());

  function context(input: Record<string, unknown> = {}) {
    return createMockActionContext({
      input: input as any,
      workspacePath: ws.workspace,
      logger: mockServices.logger.mock(),
    });
  }

  it('passes valid specs, ignores non-spec markdown and outputs the counts', async () => {
    ws = await createTempWorkspace({
      'docs/specs/SPEC-0001-good.md': GOOD,
      'README.md': '# Readme\n\n[Name] is fine here.\n',
      'docs/specs/SPEC-0001-good/plan.md': '# Plan\n',
      'node_modules/x/SPEC-9999.md': BAD,
    });
    const ctx = context();
    await createInfraSpecsValidateAction().handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('files', 1);
    expect(ctx.output).toHaveBeenCalledWith('errors', 0);
  });

  it('fails with a readable path:line code message list', async () => {
    ws = await createTempWorkspace({
      'docs/specs/SPEC-0001-good.md': GOOD,
      'docs/specs/SPEC-0002-bad.md': BAD,
    });
    const ctx = context();
    const error = await createInfraSpecsValidateAction()
      .handler(ctx)
      .catch(e => e);
    expect(error.name).toBe('InputError');
    const [head, ...lines] = error.message.split('\n');
    expect(head).toBe('1 spec file(s) have errors:');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).toMatch(
        /^docs\/specs\/SPEC-0002-bad\.md:\d+ [a-z0-9-]+ \S.*$/,
      );
    }
    expect(ctx.output).toHaveBeenCalledWith('files', 2);
    expect(ctx.output).toHaveBeenCalledWith('errors', lines.length);
    expect(ctx.output).toHaveBeenCalledWith(
      'problems',
      expect.arrayContaining(lines),
    );
  });

  it('fails on warnings with failOn: warning, and reports duplicate ids across files', async () => {
    ws = await createTempWorkspace({
      'a/SPEC-0007.md': changeSpec('SPEC-0007', 'One'),
      'b/SPEC-0007.md': changeSpec('SPEC-0007', 'Two'),
    });
    await expect(
      createInfraSpecsValidateAction().handler(context()),
    ).resolves.toBeUndefined();
    const error = await createInfraSpecsValidateAction()
      .handler(context({ failOn: 'warning' }))
      .catch(e => e);
    expect(error.message).toContain('2 spec file(s) have errors or warnings:');
    expect(error.message).toMatch(
      /^a\/SPEC-0007\.md:\d+ duplicate-id .*b\/SPEC-0007\.md/m,
    );
  });

  it('lints only the paths given: files (even non-specs), folders and globs', async () => {
    ws = await createTempWorkspace({
      'docs/specs/SPEC-0002-bad.md': BAD,
      'other/SPEC-0001.md': GOOD,
      'other/notes.md': '# Notes\n',
    });
    const ctx = context({ paths: ['other', 'other/notes.md'] });
    await createInfraSpecsValidateAction().handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('files', 2);

    const globbed = context({ paths: ['other/*.md'] });
    await createInfraSpecsValidateAction().handler(globbed);
    expect(globbed.output).toHaveBeenCalledWith('files', 1);

    await expect(
      createInfraSpecsValidateAction().handler(
        context({ paths: ['missing.md'] }),
      ),
    ).rejects.toThrow("Path 'missing.md' does not exist in the workspace");
  });

  it.each([
    ['../outside/*.md', "must not contain '..'"],
    ['/etc/*.md', 'must be relative to the workspace'],
    ['docs/../../x.md', "must not contain '..'"],
  ])('refuses %s', async (pattern, message) => {
    ws = await createTempWorkspace({ 'a.md': GOOD });
    await expect(
      createInfraSpecsValidateAction().handler(context({ paths: [pattern] })),
    ).rejects.toThrow(message);
  });

  it('never reads a symlinked file that leads out of the workspace', async () => {
    ws = await createTempWorkspace({ 'docs/SPEC-0001.md': GOOD });
    await fs.writeFile(join(ws.root, 'secret.md'), BAD);
    await fs.symlink(
      join(ws.root, 'secret.md'),
      join(ws.workspace, 'docs', 'link.md'),
    );
    const ctx = context();
    await createInfraSpecsValidateAction().handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('files', 1);
    await expect(
      createInfraSpecsValidateAction().handler(
        context({ paths: ['docs/link.md'] }),
      ),
    ).rejects.toThrow(
      "Path 'docs/link.md' is a symlink that leads out of the workspace",
    );
  });
});
