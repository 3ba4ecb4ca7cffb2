import { codes, fixture } from '../../__testUtils__/fixtures';
import { parseSpec } from '../parseSpec';

describe('infrastructure-change format', () => {
  it('reads every field of a filled-in spec', () => {
    const doc = parseSpec(fixture('infrastructure-change.md'), {
      path: 'docs/specs/SPEC-0042-eks.md',
    });
    const { diagnostics, ...fields } = doc;
    expect(fields).toEqual({
      id: 'SPEC-0042',
      title: 'Upgrade EKS to 1.31',
      format: 'infrastructure-change',
      status: 'in-review',
      statusText: 'In Review',
      complexity: null,
      author: 'Jane Doe',
      created: '2026-01-05',
      updated: '2026-02-01',
      issue: 'https://github.com/example-org/eks-cluster/issues/1635',
      impact: {
        blastRadius: {
          level: 'high',
          text: 'High — all workloads in eu-west-1',
        },
        rollback: 'moderate',
        downtime: 'none',
      },
      cost: {
        monthlyDelta: 350,
        currency: 'USD',
        items: [
          { resource: 'NAT Gateway', monthly: 96, notes: 'Per-AZ' },
          {
            resource: 'EC2 instances',
            monthly: 254,
            notes: 'SPOT pricing assumed',
          },
        ],
      },
      // Validation Checklist: 4 items + 2 nested, 2 checked.
      acceptance: { total: 6, done: 2 },
      // + 3 implementation items and the resolved CL-1 checkbox.
      checklists: { total: 10, done: 5 },
      // The marker in the HTML comment and the one in the code block are not questions.
      openClarifications: ['Which region hosts the replica?'],
      requirements: ['FR-001', 'FR-002', 'FR-003'],
      successCriteria: ['SC-001', 'SC-002'],
      component: 'eks-cluster',
      summary:
        'Upgrade the production EKS clusters from Kubernetes 1.30 to 1.31 so that they leave extended support and stop paying its rate.',
      blank: false,
      rollbackPlan: false, // the fixture has no rollback plan
      plan: null,
      evidence: [],
      lines: {
        title: 1,
        id: 3,
        issue: 4,
        status: 5,
        author: 6,
        created: 7,
        updated: 8,
        component: 9,
        blastRadius: 31,
        rollback: 32,
        downtime: 33,
        cost: 83,
      },
    });
    expect(codes(diagnostics)).toEqual(['50 open-clarification']);
  });

  it('recognises the corpus style: `**ID**:`, `**Issue**:`, `**Last updated**:`', () => {
    const doc = parseSpec(
      [
        '# Spec: Composition-owned routing',
        '',
        '**ID**: SPEC-010',
        '**Issue**: [#1635](https://github.com/o/r/issues/1635)',
        '**Status**: draft',
        '**Type**: composition',
        '**Last updated**: 2026-07-18',
        '',
        '## Requirements',
        '',
        '### Functional',
        '',
        '- **FR-001**: one',
        '- **FR-002**: two',
        '',
        '## Success Criteria',
        '',
        '- **SC-001**: works',
        '',
        '## Open questions',
        '',
        '- [ ] Which gateway owns the route?',
        '- [x] CL-2 — decided: the composition',
        '- CL-3 — resolved in clarifications.md',
      ].join('\n'),
    );
    expect(doc).toMatchObject({
      format: 'infrastructure-change',
      id: 'SPEC-010',
      title: 'Composition-owned routing',
      issue: 'https://github.com/o/r/issues/1635',
      status: 'draft',
      updated: '2026-07-18',
      requirements: ['FR-001', 'FR-002'],
      successCriteria: ['SC-001'],
      openClarifications: ['Which gateway owns the route?'],
      cost: { monthlyDelta: null, currency: null, items: [] },
    });
  });

  it('reads a title that repeats the id, bullet-list metadata and a plain `Key: value` header', () => {
    const doc = parseSpec(
      [
        '# Spec: SPEC-0007 — Rotate TLS certificates',
        '',
        '- **Status**: Implemented',
        '- **Owner**: Lee Chen',
        'Created: 18 Jul 2026',
        '',
        '## Summary',
        '',
        'Rotate them.',
      ].join('\n'),
    );
    expect(doc).toMatchObject({
      format: 'infrastructure-change',
      id: 'SPEC-0007',
      title: 'Rotate TLS certificates',
      status: 'implemented',
      author: 'Lee Chen',
      created: '2026-07-18',
      summary: 'Rotate them.',
    });
  });

  it('finds sections and tables at any heading level', () => {
    const doc = parseSpec(
      [
        '# Spec: Deep headings',
        '**Spec ID**: SPEC-1',
        '#### impact assessment',
        '| Aspect | Assessment |',
        '|---|---|',
        '| Blast radius | critical: every payment |',
        '| Rollback | irreversible |',
        '| Downtime | Full outage |',
        '##### COST IMPACT',
        '| Resource | Monthly cost |',
        '|---|---|',
        '| A | 1200 USD |',
        '| B | -$200 |',
        '###### Validation checklist',
        '* [X] done',
        '* [ ] not done',
      ].join('\n'),
    );
    expect(doc.impact).toEqual({
      blastRadius: { level: 'critical', text: 'critical: every payment' },
      rollback: 'irreversible',
      downtime: 'full-outage',
    });
    expect(doc.cost.monthlyDelta).toBe(1000);
    expect(doc.cost.currency).toBe('USD');
    expect(doc.acceptance).toEqual({ total: 2, done: 1 });
  });

  it('reads the status from front matter when the header has none', () => {
    const doc = parseSpec(
      [
        '---',
        'status: Approved',
        '---',
        '# Spec: From front matter',
        '',
        '**Spec ID**: SPEC-3',
      ].join('\n'),
    );
    expect(doc.status).toBe('approved');
    expect(doc.lines?.status).toBe(2);
    expect(doc.lines?.title).toBe(4);
  });
});
