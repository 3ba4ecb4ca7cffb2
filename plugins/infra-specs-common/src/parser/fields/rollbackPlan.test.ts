import { readFileSync } from 'fs';
import { join } from 'path';
import { parseSpec } from '../parseSpec';
import { fixture } from '../../__testUtils__/fixtures';

const examples = join(__dirname, '../../../../../examples/components');
const example = (path: string) =>
  parseSpec(readFileSync(join(examples, path), 'utf8'), { path });

const change = (rollback: string) =>
  parseSpec(
    [
      '# Spec: Move the NAT gateways',
      '',
      '**Spec ID**: SPEC-0007',
      '**Status**: Draft',
      '',
      '## Summary',
      '',
      'Move them.',
      '',
      rollback,
      '',
      '## Validation Checklist',
      '',
      '- [ ] `tofu validate` passes',
    ].join('\n'),
  );

describe('rollbackPlan', () => {
  it.each([
    'infrastructure-change.md',
    'infrastructure-feature.md',
    'smaqit-infrastructure.md',
  ])('is false on the blank template %s', name => {
    const doc = parseSpec(fixture(`seeds/${name}`));
    expect(doc.rollbackPlan).toBe(false);
  });

  it('is true on a filled Rollback Plan section and points at its line', () => {
    const doc = change(
      '## Rollback Plan\n\n1. Point the route tables back at the old gateway.\n2. [State recovery if needed]',
    );
    expect(doc.rollbackPlan).toBe(true);
    expect(doc.lines?.rollbackPlan).toBe(10);
  });

  it.each([
    [
      'the template steps',
      '## Rollback Plan\n\n1. [Step-by-step rollback procedure]\n2. [State recovery if needed]\n3. [Notification process]',
    ],
    ['N/A', '## Rollback Plan\n\nN/A'],
    ['TBD steps', '## Rollback Plan\n\n- TBD\n- [Notification process]'],
    ['an empty section', '## Rollback Plan\n\n<!-- fill in -->'],
    ['no section at all', ''],
  ])('is false for %s', (_, rollback) => {
    expect(change(rollback).rollbackPlan).toBe(false);
  });

  it('reads the feature format line `**Rollback steps**:`, not its hint', () => {
    const feature = (steps: string) =>
      parseSpec(
        [
          '# Specification: FEAT-001 Key store',
          '',
          '**Template Type**: Infrastructure Feature',
          '**Status**: Draft',
          '',
          '## 4. Deployment Strategy',
          '',
          '### Rollout Plan',
          '',
          '- **Strategy**: Canary',
          '- **Rollback trigger**: duplicate charges',
          `- **Rollback steps**: ${steps}`,
        ].join('\n'),
      );
    expect(feature('switch the flag back to the database store')).toMatchObject(
      { format: 'infrastructure-feature', rollbackPlan: true },
    );
    expect(feature('[How to revert]').rollbackPlan).toBe(false);
  });

  it('takes a Rollback section a smaqit spec adds to its template', () => {
    const smaqit = (extra: string) =>
      parseSpec(
        `---\nid: INF-KV\nstatus: draft\n---\n\n# Key store\n\n## Scope\n\nA store.\n\n${extra}`,
      );
    expect(smaqit('').rollbackPlan).toBe(false);
    expect(
      smaqit('## Rollback\n\n- Restore the snapshot taken before the change.'),
    ).toMatchObject({ format: 'smaqit-infrastructure', rollbackPlan: true });
  });

  it('is true on the filled demo specs that have a plan, false on those that have none', () => {
    expect(
      example('network-vpc/docs/specs/SPEC-0101-nat-gateway-per-az.md'),
    ).toMatchObject({ format: 'infrastructure-change', rollbackPlan: true });
    expect(
      example(
        'payments-api/docs/specs/SPEC-0120-aurora-postgresql-16-upgrade/spec.md',
      ).rollbackPlan,
    ).toBe(true);
    expect(
      example('payments-api/docs/specs/FEAT-014-idempotency-key-store.md'),
    ).toMatchObject({ format: 'infrastructure-feature', rollbackPlan: true });
    // The smaqit template has no rollback section and this spec adds none.
    expect(
      example('payments-api/docs/specs/INF-DB-CREDENTIAL-ROTATION.md'),
    ).toMatchObject({ format: 'smaqit-infrastructure', rollbackPlan: false });
  });
});
