import type { Entity } from '@backstage/catalog-model';
import {
  entityRefOf,
  normalizeRef,
  normalizeRefs,
  ownerRefOf,
  parseRef,
  specEntityRef,
  specNameOfRef,
} from './refs';

function component(owner: unknown, namespace?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'Payments-API', ...(namespace ? { namespace } : {}) },
    spec: { owner } as Entity['spec'],
  };
}

describe('refs', () => {
  it.each([
    ['component:default/payments-api', 'component:default/payments-api'],
    ['Component:Default/Payments-API', 'component:default/payments-api'],
    ['GROUP:ops/Team-B', 'group:ops/team-b'],
    // Not ASCII: the catalog's en-US lower-casing.
    ['Group:default/ÉQUIPE-Ü', 'group:default/équipe-ü'],
  ])('normalizeRef(%s) = %s', (ref, expected) => {
    expect(normalizeRef(ref)).toBe(expected);
    expect(normalizeRefs([ref, ref])).toEqual([expected, expected]);
  });

  it.each([
    ['payments-api', 'component', 'component:default/payments-api'],
    ['Payments-API', 'component', 'component:default/payments-api'],
    ['ops/payments', 'component', 'component:ops/payments'],
    ['component:payments', 'group', 'component:default/payments'],
    ['team-a', 'group', 'group:default/team-a'],
    ['User:Default/Jane', 'group', 'user:default/jane'],
  ])('parseRef(%s, default kind %s) = %s', (ref, defaultKind, expected) => {
    expect(parseRef(ref, { defaultKind })).toBe(expected);
  });

  it.each(['', '::', 'group:', 'Team/'])('parseRef(%j) throws', ref => {
    expect(() => parseRef(ref, { defaultKind: 'component' })).toThrow();
  });

  it('takes an entity ref from the entity, lower-case', () => {
    expect(entityRefOf(component('x'))).toBe('component:default/payments-api');
    expect(entityRefOf(component('x', 'Ops'))).toBe(
      'component:ops/payments-api',
    );
  });

  it.each([
    ['team-a', undefined, 'group:default/team-a'],
    ['team-a', 'ops', 'group:ops/team-a'],
    ['user:Jane', 'ops', 'user:ops/jane'],
    ['group:default/Team-B', 'ops', 'group:default/team-b'],
    ['Group:', undefined, 'group:'], // not a ref: kept as written, lower-case
    ['', undefined, ''],
    ['   ', undefined, ''],
    [undefined, undefined, ''],
    [42, undefined, ''],
  ])(
    'ownerRefOf(owner %j in namespace %s) = %j',
    (owner, namespace, expected) => {
      expect(ownerRefOf(component(owner, namespace))).toBe(expected);
    },
  );

  it.each([
    ['spec-0042-eks', 'spec-0042-eks'],
    ['spec:default/spec-0042-eks', 'spec-0042-eks'],
    ['spec:spec-0042-eks', 'spec-0042-eks'],
    ['SPEC:default/spec-0042-eks', 'spec-0042-eks'],
  ])('specNameOfRef(%s) = %s', (ref, name) => {
    expect(specNameOfRef(ref)).toBe(name);
    expect(specNameOfRef(specEntityRef(name))).toBe(name);
  });
});
