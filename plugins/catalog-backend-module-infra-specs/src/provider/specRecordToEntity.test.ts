import { makeRecord } from '../__testUtils__/records';
import { specLocationRefs, specRecordToEntity } from './specRecordToEntity';

describe('specRecordToEntity', () => {
  it('maps a stored spec to a Spec entity with the location annotations providers need', () => {
    const { entity, locationKey } = specRecordToEntity(
      makeRecord({ name: 'spec-0101-nat', status: 'in-review' }),
    );

    expect(locationKey).toBe('infra-specs');
    expect(entity).toMatchObject({
      apiVersion: 'infra-specs.dev/v1alpha1',
      kind: 'Spec',
      metadata: {
        name: 'spec-0101-nat',
        namespace: 'default',
        annotations: {
          'backstage.io/managed-by-location':
            'url:https://github.com/example-org/network-vpc/blob/main/docs/specs/spec-0101-nat.md',
          'backstage.io/managed-by-origin-location':
            'url:https://github.com/example-org/network-vpc/tree/main/docs/specs',
          'infra-specs.dev/spec-id': 'SPEC-0101',
        },
      },
      spec: {
        status: 'in-review',
        component: 'component:default/network-vpc',
        owner: 'group:default/platform-team',
        blastRadius: 'high',
        monthlyCostDelta: 98.55,
      },
    });
    expect(entity.spec).not.toHaveProperty('errors');
  });

  it('carries only error diagnostics, in spec.errors', () => {
    const { entity } = specRecordToEntity(
      makeRecord({
        name: 'spec-0120',
        status: 'approved',
        diagnostics: [
          { severity: 'warning', line: 3, code: 'placeholder', message: 'Placeholder [Name]' },
          { severity: 'error', line: 77, code: 'open-clarification', message: 'Approved with 1 open clarification' },
          { severity: 'info', line: 1, code: 'note', message: 'fyi' },
        ],
      }),
    );
    expect(entity.spec?.errors).toEqual([
      { code: 'open-clarification', line: 77, message: 'Approved with 1 open clarification' },
    ]);
  });

  it('refuses a record that cannot make a valid entity envelope', () => {
    const record = makeRecord({ name: 'spec-1', status: 'draft' });
    expect(() => specRecordToEntity({ ...record, name: '' })).toThrow(/name/);
  });

  it('keeps the namespace of the entity ref', () => {
    const record = makeRecord({ name: 'spec-1', status: 'draft' });
    const { entity } = specRecordToEntity({ ...record, entityRef: 'spec:infra/spec-1' });
    expect(entity.metadata.namespace).toBe('infra');
  });

  it('builds file: locations for local spec folders', () => {
    const record = {
      ...makeRecord({ name: 'spec-1', status: 'draft' }),
      locationTarget: 'file:/srv/repos/network-vpc/docs/specs',
      path: 'done/2025-Q4/SPEC-0098.md',
      viewUrl: null,
    };
    expect(specLocationRefs(record)).toEqual({
      file: 'file:/srv/repos/network-vpc/docs/specs/done/2025-Q4/SPEC-0098.md',
      folder: 'file:/srv/repos/network-vpc/docs/specs',
    });
  });

  it('derives the file URL from the folder when the record has no view URL', () => {
    const record = {
      ...makeRecord({ name: 'spec-1', status: 'draft' }),
      locationTarget: 'url:https://git.example.com/org/repo/tree/main/specs/',
      path: '012 kv store/spec.md',
      viewUrl: null,
    };
    expect(specLocationRefs(record)).toEqual({
      file: 'url:https://git.example.com/org/repo/tree/main/specs/012%20kv%20store/spec.md',
      folder: 'url:https://git.example.com/org/repo/tree/main/specs/',
    });
  });
});
