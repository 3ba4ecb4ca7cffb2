import { codes, fixture } from '../../__testUtils__/fixtures';
import { parseSpec } from '../parseSpec';

describe('smaqit-infrastructure format', () => {
  it('reads every field of a filled-in spec', () => {
    const { diagnostics, ...fields } = parseSpec(
      fixture('smaqit-infrastructure.md'),
    );
    expect(fields).toEqual({
      id: 'INF-KV-STORE',
      title: 'Key/value store for payment idempotency',
      format: 'smaqit-infrastructure',
      status: 'implemented',
      statusText: 'implemented',
      complexity: null,
      author: null,
      created: '2026-06-08',
      updated: '2026-08-27', // from an ISO datetime
      issue: null,
      impact: {
        blastRadius: { level: 'low', text: 'Low — a new, isolated store' },
        rollback: 'easy',
        downtime: 'none',
      },
      cost: {
        // "Annual Cost" column: 14,400 + 1,200 a year = 1,300 a month
        monthlyDelta: 1300,
        currency: 'USD',
        items: [
          {
            resource: 'Valkey replication group',
            monthly: 1200,
            notes: 'Reserved nodes',
          },
          { resource: 'Snapshots', monthly: 100, notes: null },
        ],
      },
      // the Untestable Criteria subsection belongs to Acceptance Criteria
      acceptance: { total: 3, done: 3 },
      checklists: { total: 3, done: 3 },
      openClarifications: [],
      requirements: [
        'INF-KV-STORE-001',
        'INF-KV-STORE-002',
        'INF-KV-STORE-003',
      ],
      successCriteria: [],
      component: 'payments-api',
      summary:
        'One Valkey replication group per region, with TLS and AUTH, used by the payments API for idempotency keys only.',
      blank: false,
      rollbackPlan: false, // the fixture has no rollback plan
      plan: null,
      evidence: [],
      lines: {
        id: 2,
        status: 3,
        created: 4,
        updated: 5,
        component: 6,
        title: 10,
        blastRadius: 34,
        rollback: 35,
        downtime: 36,
        cost: 40,
      },
    });
    expect(diagnostics).toEqual([]);
  });

  it('is recognised by the smaqit footer without front matter', () => {
    const doc = parseSpec(
      '# Object storage\n\n## Scope\n\nBuckets.\n\n---\n\n*Generated with smaqit v0.6.2-beta*\n',
    );
    expect(doc.format).toBe('smaqit-infrastructure');
    expect(doc.title).toBe('Object storage');
    expect(codes(doc.diagnostics)).toEqual([
      '1 missing-status',
      '1 missing-section',
      '1 missing-id',
    ]);
  });

  it('keeps front matter placeholders visible: `[TIMESTAMP]`, `INF-[CONCEPT]`', () => {
    const doc = parseSpec(
      '---\nid: INF-[CONCEPT]\nstatus: draft\ncreated: [TIMESTAMP]\n---\n\n# [CONCEPT_NAME]\n',
    );
    expect(doc).toMatchObject({
      format: 'smaqit-infrastructure',
      id: null,
      created: null,
      blank: true,
    });
    expect(
      codes(doc.diagnostics).filter(c => c.endsWith('placeholder')),
    ).toEqual(['2 placeholder', '4 placeholder', '7 placeholder']);
  });
});
