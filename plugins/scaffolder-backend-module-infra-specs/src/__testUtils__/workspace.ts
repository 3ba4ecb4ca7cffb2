import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A temporary folder (real path) with a `workspace/` inside, removed by `cleanup`. */
export async function createTempWorkspace(files: Record<string, string> = {}) {
  const root = await fs.realpath(
    await fs.mkdtemp(join(tmpdir(), 'infra-specs-scaffolder-')),
  );
  const workspace = join(root, 'workspace');
  await fs.mkdir(workspace);
  for (const [path, content] of Object.entries(files)) {
    await fs.mkdir(dirname(join(workspace, path)), { recursive: true });
    await fs.writeFile(join(workspace, path), content);
  }
  return {
    root,
    workspace,
    async cleanup() {
      await fs.rm(root, { recursive: true, force: true });
    },
    /** Every file below `dir`, relative, sorted. */
    async list(dir: string = root): Promise<string[]> {
      const entries = await fs.readdir(dir, {
        recursive: true,
        withFileTypes: true,
      });
      return entries
        .filter(e => e.isFile())
        .map(e =>
          join(e.parentPath ?? (e as any).path, e.name).slice(dir.length + 1),
        )
        .sort();
    },
  };
}

/** A minimal valid spec of the change format. */
export function changeSpec(id: string, title: string, extra = ''): string {
  return `# Spec: ${title}

**Spec ID**: ${id}
**Status**: Draft
**Author**: Jane Doe
**Created**: 2026-01-05
**Last Updated**: 2026-01-05

---

## Summary

${title}.
${extra}
`;
}
