import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATION_SPEC_LOCATION } from '@infra-specs/backstage-plugin-infra-specs-common';

const PAGE_SIZE = 500;

/** A Component with the spec location annotation: one location of the index. */
export function hasSpecLocation(entity: Entity | undefined): entity is Entity {
  return Boolean(
    entity &&
      entity.kind.toLocaleLowerCase('en-US') === 'component' &&
      entity.metadata.annotations?.[ANNOTATION_SPEC_LOCATION],
  );
}

/** Every annotated Component of the catalog, paged, with only the fields the refresh reads. */
export async function listAnnotatedComponents(
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<Entity[]> {
  const out: Entity[] = [];
  let cursor: string | undefined;
  do {
    const response = await catalog.queryEntities(
      cursor
        ? { cursor, limit: PAGE_SIZE }
        : {
            filter: {
              kind: 'component',
              [`metadata.annotations.${ANNOTATION_SPEC_LOCATION}`]:
                CATALOG_FILTER_EXISTS,
            },
            fields: [
              'kind',
              'metadata.name',
              'metadata.namespace',
              'metadata.annotations',
              'spec.owner',
            ],
            limit: PAGE_SIZE,
          },
      { credentials },
    );
    out.push(...response.items.filter(hasSpecLocation));
    cursor = response.pageInfo.nextCursor;
  } while (cursor);
  return out;
}
