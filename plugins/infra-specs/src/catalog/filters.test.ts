import type { Entity } from '@backstage/catalog-model';
import { EntityKindFilter } from '@backstage/plugin-catalog-react';
import {
  isSpecKindFilter,
  SpecBlastRadiusFilter,
  SpecFormatFilter,
  SpecRollbackFilter,
  SpecStatusFilter,
} from './filters';

const spec = (fields: Entity['spec']): Entity => ({
  apiVersion: 'infra-specs.dev/v1alpha1',
  kind: 'Spec',
  metadata: { name: 'spec-0001-x' },
  spec: fields,
});

describe('Spec catalog filters', () => {
  it('filter server side on their spec field, any of the values', () => {
    expect(
      new SpecStatusFilter(['in-review', 'approved']).getCatalogFilters(),
    ).toEqual({
      'spec.status': ['in-review', 'approved'],
    });
    expect(
      new SpecFormatFilter(['infrastructure-change']).getCatalogFilters(),
    ).toEqual({
      'spec.type': ['infrastructure-change'],
    });
    expect(new SpecBlastRadiusFilter(['high']).getCatalogFilters()).toEqual({
      'spec.blastRadius': ['high'],
    });
    expect(
      new SpecRollbackFilter(['irreversible']).getCatalogFilters(),
    ).toEqual({
      'spec.rollback': ['irreversible'],
    });
  });

  it('live in the URL as their values', () => {
    expect(new SpecStatusFilter(['in-review']).toQueryValue()).toEqual([
      'in-review',
    ]);
  });

  it('match entities the way the catalog does, case-insensitively', () => {
    const filter = new SpecStatusFilter(['in-review']);
    expect(filter.filterEntity(spec({ status: 'in-review' }))).toBe(true);
    expect(filter.filterEntity(spec({ status: 'In-Review' }))).toBe(true);
    expect(filter.filterEntity(spec({ status: 'approved' }))).toBe(false);
    expect(new SpecRollbackFilter(['easy']).filterEntity(spec({}))).toBe(false);
    expect(
      new SpecFormatFilter(['infrastructure-feature']).filterEntity(
        spec({ type: 'infrastructure-feature' }),
      ),
    ).toBe(true);
  });

  it('know when the list shows Specs', () => {
    expect(isSpecKindFilter(new EntityKindFilter('spec', 'Spec'))).toBe(true);
    expect(isSpecKindFilter(new EntityKindFilter('Spec', 'Spec'))).toBe(true);
    expect(
      isSpecKindFilter(new EntityKindFilter('component', 'Component')),
    ).toBe(false);
    expect(isSpecKindFilter(undefined)).toBe(false);
  });
});
