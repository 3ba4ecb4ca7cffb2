import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSpec } from '@infra-specs/backstage-plugin-infra-specs-common';
import { recordingIo, tempFolder } from '../__testUtils__/tmp';
import { UsageError } from '../lib/io';
import { allocateId, renderNewSpec, runNew } from './new';

describe('allocateId', () => {
  const folder = tempFolder({
    'docs/specs/SPEC-0041-a.md': '# Spec: a\n\n**Spec ID**: SPEC-0041\n',
    'docs/specs/done/012-b/spec.md': '# Spec: b\n\n**ID**: SPEC-0043\n',
    'docs/specs/FEAT-009-c.md': '# Specification: FEAT-009 c\n',
    'docs/specs/INF-GPU-NODE-POOL.md': '---\nid: INF-GPU-NODE-POOL\n---\n',
  });
  afterAll(() => folder.cleanup());
  const dir = () => join(folder.dir, 'docs/specs');

  it('takes the next SPEC and FEAT numbers in the folder', async () => {
    expect(await allocateId('change', 'x', dir())).toBe('SPEC-0044');
    expect(await allocateId('feature', 'x', dir())).toBe('FEAT-010');
    expect(await allocateId('change', 'x', join(folder.dir, 'empty'))).toBe(
      'SPEC-0001',
    );
  });

  it('derives the smaqit concept id from the title and refuses one already taken', async () => {
    await expect(allocateId('smaqit', 'GPU node pool', dir())).rejects.toThrow(
      new UsageError(
        'INF-GPU-NODE-POOL is already used by another spec; choose another title or pass an id (--id)',
      ),
    );
    expect(await allocateId('smaqit', 'Edge cache', dir())).toBe(
      'INF-EDGE-CACHE',
    );
    await expect(allocateId('smaqit', 'the', dir())).rejects.toThrow(
      UsageError,
    );
  });
});

describe('renderNewSpec', () => {
  it('fills defaults (draft, today) and the values given', async () => {
    const { io } = recordingIo('/nonexistent-dir');
    const { markdown, values } = await renderNewSpec(
      {
        format: 'change',
        title: 'NAT per AZ',
        set: ['author=Jane Doe', 'blastRadius=high', 'status=in-review'],
        costItem: ['NAT Gateway:65.70:Two more'],
      },
      io,
    );
    expect(values).toMatchObject({
      id: 'SPEC-0001',
      status: 'in-review',
      created: '2026-03-04',
      updated: '2026-03-04',
      costItems: [
        { resource: 'NAT Gateway', monthly: 65.7, notes: 'Two more' },
      ],
    });
    const document = parseSpec(markdown);
    expect(document).toMatchObject({
      id: 'SPEC-0001',
      title: 'NAT per AZ',
      status: 'in-review',
      author: 'Jane Doe',
      created: '2026-03-04',
      cost: { monthlyDelta: 65.7, currency: 'USD' },
    });
  });

  it('refuses invalid values with every problem named', async () => {
    const { io } = recordingIo('/nonexistent-dir');
    const attempt = renderNewSpec(
      {
        format: 'smaqit',
        title: 'x',
        id: 'SPEC-1',
        set: ['created=2026-02-30', 'downtime=sometimes'],
      },
      io,
    );
    await expect(attempt).rejects.toThrow(UsageError);
    await expect(
      renderNewSpec(
        {
          format: 'smaqit',
          title: 'x',
          id: 'SPEC-1',
          set: ['created=2026-02-30', 'downtime=sometimes'],
        },
        io,
      ),
    ).rejects.toThrow(
      /invalid values: .*id 'SPEC-1' must start with 'INF-'.*created '2026-02-30' is not an ISO date.*downtime 'sometimes' is not one of none, maintenance-window, full-outage/,
    );
    await expect(
      renderNewSpec({ format: 'change', title: '  ' }, io),
    ).rejects.toThrow('--title must not be empty');
  });
});

describe('runNew', () => {
  it('prints to stdout without --out', async () => {
    const { io, stdout } = recordingIo('/nonexistent-dir');
    expect(
      await runNew(
        { format: 'feature', title: 'Karpenter', id: 'FEAT-021' },
        io,
      ),
    ).toBe(0);
    expect(stdout()).toMatch(/^# Specification: FEAT-021 Karpenter\n/);
  });

  it.each(['feature', 'change', 'smaqit'] as const)(
    'writes no links into the repository it runs in (%s)',
    async format => {
      const { io, stdout } = recordingIo('/nonexistent-dir');
      expect(await runNew({ format, title: 'Karpenter' }, io)).toBe(0);
      expect(stdout()).not.toMatch(/https?:\/\//);
    },
  );

  it('writes --out (creating folders), refuses to overwrite it, and replaces it with --force', async () => {
    const folder = tempFolder({
      'docs/specs/SPEC-0009-old.md': '**Spec ID**: SPEC-0009\n',
    });
    try {
      const { io, stdout } = recordingIo(folder.dir);
      const out = 'docs/specs/new/SPEC-next.md';
      expect(
        await runNew(
          { format: 'change', title: 'First', out, dir: 'docs/specs' },
          io,
        ),
      ).toBe(0);
      expect(stdout()).toBe(
        `Created ${out}: SPEC-0010 "First" (infrastructure-change)\n`,
      );
      const written = readFileSync(join(folder.dir, out), 'utf8');
      expect(parseSpec(written)).toMatchObject({
        id: 'SPEC-0010',
        title: 'First',
      });

      await expect(
        runNew({ format: 'change', title: 'Second', out }, io),
      ).rejects.toThrow(
        `refusing to overwrite ${out}: the file exists (use --force to replace it)`,
      );
      expect(readFileSync(join(folder.dir, out), 'utf8')).toBe(written);

      expect(
        await runNew(
          {
            format: 'change',
            title: 'Second',
            id: 'SPEC-0011',
            out,
            force: true,
          },
          io,
        ),
      ).toBe(0);
      expect(parseSpec(readFileSync(join(folder.dir, out), 'utf8')).title).toBe(
        'Second',
      );
      expect(existsSync(join(folder.dir, 'docs/specs/new'))).toBe(true);
    } finally {
      folder.cleanup();
    }
  });
});
