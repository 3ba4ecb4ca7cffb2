import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_SPEC_LOCATION,
  RELATION_HAS_SPEC,
  SPEC_ENTITY_KIND,
} from '@infra-specs/backstage-plugin-infra-specs-common';

/**
 * True when an entity has specs to show: a spec location annotation, or specs that name it
 * (`hasSpec` relations).
 *
 * @public
 */
export function isInfraSpecsAvailable(entity: Entity): boolean {
  return (
    Boolean(entity.metadata.annotations?.[ANNOTATION_SPEC_LOCATION]?.trim()) ||
    Boolean(entity.relations?.some(r => r.type === RELATION_HAS_SPEC))
  );
}

/** True for a catalog entity of kind Spec. @public */
export function isSpecEntity(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') ===
    SPEC_ENTITY_KIND.toLocaleLowerCase('en-US')
  );
}
