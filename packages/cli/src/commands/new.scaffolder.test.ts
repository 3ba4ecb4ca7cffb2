/*
 * One title, one id: `infra-specs new` and the scaffolder's `infra-specs:create` get the same
 * ids for the same titles in front of the same specs (both allocate with common's allocateSpecId).
 */
import { cpSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { SpecShortFormat } from '@infra-specs/backstage-plugin-infra-specs-common';
import { createInfraSpecsCreateAction } from '@infra-specs/backstage-plugin-scaffolder-backend-module-infra-specs';
import { tempFolder } from '../__testUtils__/tmp';
import { allocateId } from './new';

// Three-digit change ids as in the real corpus (SPEC-007), a feature and a smaqit spec.
const EXISTING = {
  'docs/specs/SPEC-007-flux.md':
    '# Spec: Flux schema validation\n\n**Spec ID**: SPEC-007\n**Status**: draft\n',
  'docs/specs/done/2026-Q3/010-gateway/spec.md':
    '# Spec: Gateway routing\n\n**ID**: SPEC-010\n**Status**: done\n',
  'docs/specs/FEAT-011-karpenter.md':
    '# Specification: FEAT-011 Karpenter\n\n**Template Type**: Infrastructure Feature\n**Status**: draft\n',
  'docs/specs/INF-NAT-GATEWAY.md':
    '---\nid: INF-NAT-GATEWAY\nstatus: draft\n---\n\n# NAT gateway\n\n## Scope\n\nx\n',
};

const TITLES: Array<[SpecShortFormat, string, string]> = [
  ['smaqit', 'GPU node pool for fraud scoring', 'INF-GPU-NODE-POOL-FRAUD'],
  ['smaqit', 'Rotation of the DB credentials', 'INF-ROTATION-DB-CREDENTIALS'],
  ['smaqit', 'Réplica (per AZ) / v2', 'INF-REPLICA-AZ-V2'],
  ['smaqit', 'The edge cache of the CDN', 'INF-EDGE-CACHE-CDN'],
  ['smaqit', 'Object storage', 'INF-OBJECT-STORAGE'],
  ['change', 'Upgrade EKS to 1.31', 'SPEC-011'],
  ['feature', 'Karpenter spot node pool', 'FEAT-012'],
];

/** The id `infra-specs:create` allocates in a workspace holding EXISTING (no specs backend). */
async function scaffolderId(
  folder: string,
  format: SpecShortFormat,
  title: string,
): Promise<string> {
  const workspace = realpathSync(
    mkdtempSync(join(tmpdir(), 'infra-specs-same-ids-')),
  );
  try {
    cpSync(folder, workspace, { recursive: true });
    const ctx = createMockActionContext({
      input: { format, title, component: 'component:default/platform' },
      workspacePath: workspace,
    });
    await createInfraSpecsCreateAction().handler(ctx as any);
    const output = (ctx.output as jest.Mock).mock.calls.find(
      ([name]) => name === 'id',
    );
    return output[1];
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

describe('infra-specs new and infra-specs:create', () => {
  const folder = tempFolder(EXISTING);
  afterAll(() => folder.cleanup());

  it.each(TITLES)(
    'allocate the same id for %s %j',
    async (format, title, expected) => {
      const cli = await allocateId(
        format,
        title,
        join(folder.dir, 'docs/specs'),
      );
      const scaffolder = await scaffolderId(folder.dir, format, title);
      expect({ cli, scaffolder }).toEqual({
        cli: expected,
        scaffolder: expected,
      });
    },
  );

  it('both refuse a smaqit concept that is taken', async () => {
    await expect(
      allocateId('smaqit', 'NAT gateway', join(folder.dir, 'docs/specs')),
    ).rejects.toThrow('INF-NAT-GATEWAY is already used');
    await expect(
      scaffolderId(folder.dir, 'smaqit', 'NAT gateway'),
    ).rejects.toThrow('INF-NAT-GATEWAY is already used');
  });
});
