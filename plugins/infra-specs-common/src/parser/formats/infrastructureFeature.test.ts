import { codes, fixture } from '../../__testUtils__/fixtures';
import { parseSpec } from '../parseSpec';

describe('infrastructure-feature format', () => {
  it('reads every field of a filled-in spec', () => {
    const { diagnostics, ...fields } = parseSpec(
      fixture('infrastructure-feature.md'),
    );
    expect(fields).toEqual({
      id: 'FEAT-012',
      title: 'Multi-AZ idempotency key store',
      format: 'infrastructure-feature',
      status: 'approved',
      statusText: 'Approved ✅',
      complexity: 2,
      author: 'Sam Okafor',
      created: '2026-07-18', // "July 18, 2026"
      updated: '2026-08-02', // "2026/08/02"
      issue: null,
      impact: {
        // bullet lines under "Risks", bold level inside the value
        blastRadius: {
          level: 'medium',
          text: 'Medium: payment retries only; first attempts do not depend on the store',
        },
        rollback: 'easy',
        downtime: 'maintenance-window',
      },
      cost: {
        // no total row: the sum of the rows; currency from the amounts
        monthlyDelta: 1510,
        currency: 'EUR',
        items: [
          {
            resource: 'Valkey nodes (3 x cache.r7g.large)',
            monthly: 300,
            notes: 'Multi-AZ',
          },
          { resource: 'Backup storage', monthly: 10, notes: null },
          { resource: 'Data transfer', monthly: 1200, notes: 'Cross-AZ' },
        ],
      },
      acceptance: { total: 6, done: 4 },
      checklists: { total: 8, done: 5 },
      openClarifications: [],
      requirements: [],
      successCriteria: [],
      component: null,
      // the Problem Statement line, continued on the next line
      summary:
        'The payments API keeps idempotency keys in its main database, which causes lock waits on retries at peak.',
      blank: false,
      rollbackPlan: false, // the fixture has no rollback plan
      plan: null,
      evidence: [],
      lines: {
        id: 1,
        title: 1,
        status: 5,
        author: 6,
        created: 7,
        updated: 8,
        blastRadius: 21,
        rollback: 22,
        downtime: 23,
        cost: 57,
      },
    });
    expect(diagnostics).toEqual([]);
  });

  it('is recognised by the Template Type line alone', () => {
    const doc = parseSpec(
      [
        '# Karpenter migration',
        '',
        '**Template Type**: Infrastructure Feature',
        '**Feature ID**: INFRA-7',
        '**Status**: WIP',
        '',
        '## Acceptance Criteria',
        '',
        '- [ ] one',
      ].join('\n'),
    );
    expect(doc).toMatchObject({
      format: 'infrastructure-feature',
      id: 'INFRA-7',
      title: 'Karpenter migration',
      status: 'draft',
      acceptance: { total: 1, done: 0 },
    });
  });

  it('flags the unfilled template values', () => {
    const doc = parseSpec(
      [
        '# Specification: [FEATURE-ID] [Feature Name]',
        '',
        '**Template Type**: Infrastructure Feature',
        '**Complexity Level**: [1/2/3]',
        '**Status**: draft',
      ].join('\n'),
      { path: 'templates/feature.md' },
    );
    expect(doc.id).toBeNull();
    expect(doc.complexity).toBeNull();
    expect(doc.blank).toBe(true);
    expect(codes(doc.diagnostics)).toEqual([
      '1 placeholder',
      '1 missing-section',
      '1 missing-section',
      '4 placeholder',
    ]);
  });

  it('maps complexity words and rejects other values with a diagnostic', () => {
    const complexity = (value: string) =>
      parseSpec(
        `# Specification: FEAT-1 X\n\n**Complexity Level**: ${value}\n`,
      );
    expect(complexity('Level 3').complexity).toBe(3);
    expect(complexity('1 (simple)').complexity).toBe(1);
    expect(complexity('medium').complexity).toBe(2);
    const odd = complexity('7');
    expect(odd.complexity).toBeNull();
    expect(codes(odd.diagnostics)).toContain('3 unknown-value');
  });
});
