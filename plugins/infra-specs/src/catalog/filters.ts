/*
 * Catalog list filters of Spec entities. Each one answers `getCatalogFilters()` so that the
 * catalog backend filters (server side, before paging), composing with the built-in owner,
 * tag and text filters; `toQueryValue()` keeps it in the URL (`filters[status]=in-review`).
 */
import type { Entity } from '@backstage/catalog-model';
import type {
  DefaultEntityFilters,
  EntityFilter,
} from '@backstage/plugin-catalog-react';
import { SPEC_ENTITY_KIND } from '@infra-specs/backstage-plugin-infra-specs-common';

/** A filter on one `spec.*` field of Spec entities: matches any of `values`. @public */
export abstract class SpecFieldFilter implements EntityFilter {
  /** The entity field, e.g. `spec.status`. */
  protected abstract readonly field: string;

  constructor(readonly values: string[]) {}

  getCatalogFilters(): Record<string, string[]> {
    return { [this.field]: this.values };
  }

  /** Same test as the catalog's (case-insensitive), for lists that are not paged. */
  filterEntity(entity: Entity): boolean {
    const [, key] = this.field.split('.');
    const value = (entity.spec as Record<string, unknown> | undefined)?.[key];
    if (typeof value !== 'string' && typeof value !== 'number') return false;
    const actual = String(value).toLocaleLowerCase('en-US');
    return this.values.some(v => v.toLocaleLowerCase('en-US') === actual);
  }

  toQueryValue(): string[] {
    return this.values;
  }
}

/** `spec.status` of Spec entities (`draft`, `in-review`, ...). @public */
export class SpecStatusFilter extends SpecFieldFilter {
  protected readonly field = 'spec.status';
}

/** `spec.type` of Spec entities: the spec format (`infrastructure-change`, ...). @public */
export class SpecFormatFilter extends SpecFieldFilter {
  protected readonly field = 'spec.type';
}

/** `spec.blastRadius` of Spec entities (`low` ... `critical`, `unknown`). @public */
export class SpecBlastRadiusFilter extends SpecFieldFilter {
  protected readonly field = 'spec.blastRadius';
}

/** `spec.rollback` of Spec entities (`easy` ... `irreversible`). @public */
export class SpecRollbackFilter extends SpecFieldFilter {
  protected readonly field = 'spec.rollback';
}

/**
 * `spec.costDrift` of Spec entities: how the claimed cost compares with the Infracost estimate
 * (`over`, `under`, `ok`; absent without an estimate). @public
 */
export class SpecCostDriftFilter extends SpecFieldFilter {
  protected readonly field = 'spec.costDrift';
}

/**
 * The entity list filters with the Spec filters, for `useEntityList<SpecEntityFilters>()`.
 * The keys are the URL names: `filters[status]`, `filters[format]`, `filters[blastRadius]`,
 * `filters[rollback]`, `filters[costDrift]`.
 *
 * @public
 */
export type SpecEntityFilters = DefaultEntityFilters & {
  status?: SpecStatusFilter;
  format?: SpecFormatFilter;
  blastRadius?: SpecBlastRadiusFilter;
  rollback?: SpecRollbackFilter;
  costDrift?: SpecCostDriftFilter;
};

/** True when the list shows the Spec kind (the kind filter's value is case-insensitive). */
export function isSpecKindFilter(kind: { value: string } | undefined): boolean {
  return (
    kind?.value.toLocaleLowerCase('en-US') ===
    SPEC_ENTITY_KIND.toLocaleLowerCase('en-US')
  );
}
