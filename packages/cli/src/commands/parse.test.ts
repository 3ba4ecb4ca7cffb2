import { join } from 'node:path';
import { renderSpec } from '@infra-specs/backstage-plugin-infra-specs-common';
import { recordingIo, tempFolder } from '../__testUtils__/tmp';
import { parseFiles, runParse, summarizeDocument } from './parse';

const fixtures = join(__dirname, '../__fixtures__/seeds');

describe('parseFiles', () => {
  it('gives one document per file in argument order, unreadable files included', async () => {
    const documents = await parseFiles(
      ['smaqit-infrastructure.md', 'missing.md', 'infrastructure-change.md'],
      fixtures,
    );
    expect(documents.map(d => d.format)).toEqual([
      'smaqit-infrastructure',
      'unknown',
      'infrastructure-change',
    ]);
    expect(documents[1].diagnostics).toEqual([
      {
        severity: 'error',
        line: 1,
        code: 'unreadable-file',
        message: 'The file cannot be read: no such file or directory',
      },
    ]);
  });
});

describe('runParse', () => {
  const folder = tempFolder({
    'SPEC-0042.md': renderSpec('infrastructure-change', {
      id: 'SPEC-0042',
      title: 'Upgrade EKS',
      status: 'in-review',
      blastRadius: 'high',
      blastRadiusText: 'All workloads',
      monthlyCost: -120,
    }),
  });
  afterAll(() => folder.cleanup());

  it('prints JSON documents', async () => {
    const { io, stdout } = recordingIo(folder.dir);
    expect(await runParse(['SPEC-0042.md'], { json: true }, io)).toBe(0);
    const [document] = JSON.parse(stdout());
    expect(document).toMatchObject({
      id: 'SPEC-0042',
      title: 'Upgrade EKS',
      status: 'in-review',
      cost: { monthlyDelta: -120, currency: 'USD' },
    });
  });

  it('prints a readable summary, and exits 1 when a file cannot be read', async () => {
    const { io, stdout } = recordingIo(folder.dir);
    expect(await runParse(['SPEC-0042.md', 'nope.md'], {}, io)).toBe(1);
    const text = stdout();
    expect(text).toContain(
      [
        'SPEC-0042.md',
        '  id:           SPEC-0042',
        '  title:        Upgrade EKS',
        '  format:       Infrastructure change (infrastructure-change)',
        '  status:       In review',
        '  cost:         -120.00 USD a month',
        '  blast radius: High (High — All workloads)',
      ].join('\n'),
    );
    expect(text).toMatch(/\n\nnope\.md\n {2}id: {11}\(none\)\n/);
    expect(text).toContain('diagnostics:  1 error, 0 warnings, 0 info');
  });

  it('summarizes an unfilled template as such', async () => {
    const [seed] = await parseFiles(['infrastructure-change.md'], fixtures);
    const summary = summarizeDocument('seed.md', seed);
    expect(summary).toContain(
      "status:       Unknown (written 'Draft | In Review | Approved | Implemented')",
    );
    expect(summary).toContain('cost:         not stated');
  });
});
