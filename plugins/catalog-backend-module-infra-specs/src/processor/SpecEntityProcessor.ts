import { ENTITY_STATUS_CATALOG_PROCESSING_TYPE } from '@backstage/catalog-client';
import {
  CompoundEntityRef,
  Entity,
  entityKindSchemaValidator,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
} from '@backstage/catalog-model';
import type { AlphaEntity } from '@backstage/catalog-model/alpha';
import { InputError, serializeError } from '@backstage/errors';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  RELATION_HAS_SPEC,
  RELATION_SPEC_OF,
  SPEC_ENTITY_API_VERSION,
  SPEC_ENTITY_KIND,
  specEntitySchema,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { readSpecEntityErrors } from '../specEntityErrors';

const validateSpecEntity = entityKindSchemaValidator(specEntitySchema);

function isSpecEntity(entity: Entity) {
  return (
    entity.apiVersion === SPEC_ENTITY_API_VERSION &&
    entity.kind === SPEC_ENTITY_KIND
  );
}

/**
 * Makes `Spec` entities a kind the catalog accepts and links them to their component and owner.
 *
 * Error diagnostics of a spec become `status.items` of type `backstage.io/catalog-processing`
 * on the processed entity instead of emitted processing errors: an emitted error makes the
 * whole result fail, so a new spec would never appear and a changed one would stay stale
 * with its old status (see the README). Written here, they reach the entity page's error
 * panel and the catalog's "has errors" filter while the entity itself stays current.
 *
 * @public
 */
export class SpecEntityProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'SpecEntityProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    // false for other kinds; throws (a validation error of the entity) when a Spec is malformed.
    return validateSpecEntity(entity) !== false;
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!isSpecEntity(entity)) {
      return entity;
    }
    const self = getCompoundEntityRef(entity);
    const problems: InputError[] = [];

    const emitPair = (
      ref: unknown,
      defaultKind: string,
      forward: string,
      reverse: string,
      field: string,
    ) => {
      if (typeof ref !== 'string' || !ref.trim()) {
        return;
      }
      let target: CompoundEntityRef;
      try {
        target = parseEntityRef(ref, {
          defaultKind,
          defaultNamespace: self.namespace,
        });
      } catch (error) {
        problems.push(
          new InputError(
            `spec.${field} '${ref}' is not an entity reference: ${
              (error as Error).message
            }`,
          ),
        );
        return;
      }
      emit(processingResult.relation({ source: self, type: forward, target }));
      emit(processingResult.relation({ source: target, type: reverse, target: self }));
    };

    emitPair(entity.spec?.component, 'Component', RELATION_SPEC_OF, RELATION_HAS_SPEC, 'component');
    emitPair(entity.spec?.owner, 'Group', RELATION_OWNED_BY, RELATION_OWNER_OF, 'owner');

    for (const diagnostic of readSpecEntityErrors(entity)) {
      const where = diagnostic.line ? ` (line ${diagnostic.line})` : '';
      problems.push(
        new InputError(`${diagnostic.code}${where}: ${diagnostic.message}`),
      );
    }

    if (problems.length === 0) {
      return entity;
    }
    const current = (entity as AlphaEntity).status;
    const withErrors: AlphaEntity = {
      ...entity,
      status: {
        ...current,
        items: [
          ...(current?.items ?? []),
          ...problems.map(error => ({
            type: ENTITY_STATUS_CATALOG_PROCESSING_TYPE,
            level: 'error' as const,
            message: `${error.name}: ${error.message}`,
            error: serializeError(error),
          })),
        ],
      },
    };
    return withErrors;
  }
}
