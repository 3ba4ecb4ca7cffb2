import type { Entity } from '@backstage/catalog-model';
import { isInfraSpecsAvailable, isSpecEntity } from './availability';

const component = (extra: Partial<Entity> = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', ...extra.metadata },
  spec: {},
  ...(extra.relations ? { relations: extra.relations } : {}),
});

describe('isInfraSpecsAvailable', () => {
  it('is true with the annotation or a hasSpec relation', () => {
    expect(
      isInfraSpecsAvailable(
        component({
          metadata: {
            name: 'x',
            annotations: { 'infra-specs.dev/spec-location': './docs/specs' },
          },
        }),
      ),
    ).toBe(true);
    expect(
      isInfraSpecsAvailable(
        component({
          relations: [{ type: 'hasSpec', targetRef: 'spec:default/a' }],
        }),
      ),
    ).toBe(true);
  });

  it('is false without both, or with a blank annotation', () => {
    expect(isInfraSpecsAvailable(component())).toBe(false);
    expect(
      isInfraSpecsAvailable(
        component({
          metadata: {
            name: 'x',
            annotations: { 'infra-specs.dev/spec-location': ' ' },
          },
          relations: [{ type: 'ownedBy', targetRef: 'group:default/a' }],
        }),
      ),
    ).toBe(false);
  });
});

describe('isSpecEntity', () => {
  it('matches the Spec kind in any case', () => {
    expect(isSpecEntity({ ...component(), kind: 'Spec' })).toBe(true);
    expect(isSpecEntity({ ...component(), kind: 'spec' })).toBe(true);
    expect(isSpecEntity(component())).toBe(false);
  });
});
