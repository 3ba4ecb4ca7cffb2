import { fixture } from '../__testUtils__/fixtures';
import { readInfracostEstimate } from '../evidence/infracost';
import { readTerraformPlan } from '../evidence/terraformPlan';
import { parseSpec } from '../parser/parseSpec';
import { specAttentionOf } from './specAttention';

const STALE = 21 * 24 * 3600_000;
const spec = fixture('evidence/spec.md');

function judged(estimateFile: string, planFile?: string) {
  return parseSpec(spec, {
    path: 'specs/0107-db/spec.md',
    evidence: {
      estimate: readInfracostEstimate(
        fixture(`evidence/${estimateFile}`),
        'infracost.json',
      ),
      ...(planFile && {
        plan: readTerraformPlan(fixture(`evidence/${planFile}`), 'plan.json'),
      }),
    },
  });
}

const reasons = (
  document: ReturnType<typeof parseSpec>,
  statusChangedAt: string,
  now = new Date('2026-12-01T00:00:00Z'),
) =>
  specAttentionOf(
    { document, statusChangedAt, removedAt: null },
    { now, staleReviewMs: STALE },
  );

describe('specAttentionOf', () => {
  it('finds nothing in a fresh review whose estimate agrees and that has no plan', () => {
    const document = judged('infracost-agreeing.json');
    expect(document.status).toBe('in-review');
    expect(reasons(document, '2026-11-30T00:00:00Z')).toEqual([]);
  });

  it('flags a review older than the threshold, with its age, and not one a day younger', () => {
    const document = judged('infracost-agreeing.json');
    expect(reasons(document, '2026-11-09T00:00:00Z')).toEqual([
      {
        reason: 'stale-review',
        message: 'In review for 22 days (since 2026-11-09)',
      },
    ]);
    expect(reasons(document, '2026-11-11T00:00:00Z')).toEqual([]);
  });

  it('repeats the drift and contradiction messages of the evidence check', () => {
    const document = judged('infracost-drifting.json', 'plan-replace-db.json');
    const found = reasons(document, '2026-11-30T00:00:00Z');
    expect(found.map(a => a.reason)).toEqual([
      'cost-drift',
      'plan-contradicts-impact',
    ]);
    expect(found[0].message).toBe(
      document.diagnostics.find(d => d.code === 'cost-drift')?.message,
    );
    expect(found[1].message).toMatch(/aws_db_instance/);
  });

  it('puts errors first (an approved spec with placeholders) and ignores removed specs', () => {
    const approved = parseSpec(
      spec
        .replace('**Status**: In Review', '**Status**: Approved')
        .replace('**Author**: Jane Doe', '**Author**: [Your Name]'),
      { path: 'specs/0107-db/spec.md' },
    );
    const found = specAttentionOf(
      {
        document: approved,
        statusChangedAt: '2026-11-30T00:00:00Z',
        removedAt: null,
      },
      { now: new Date('2026-12-01T00:00:00Z'), staleReviewMs: STALE },
    );
    expect(found[0]?.reason).toBe('errors');
    expect(found[0]?.message).toMatch(/^1 error: Status is 'approved'/);
    expect(
      specAttentionOf(
        {
          document: approved,
          statusChangedAt: '2026-11-30T00:00:00Z',
          removedAt: '2026-11-30T01:00:00Z',
        },
        { now: new Date('2026-12-01T00:00:00Z'), staleReviewMs: STALE },
      ),
    ).toEqual([]);
  });
});
