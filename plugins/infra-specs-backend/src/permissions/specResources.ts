import type { AuthService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { SpecReadStore } from '../database/SpecStore';
import { entityRefOf, ownerRefOf, parseRef, specNameOfRef } from '../refs';
import type { InfraSpecResource } from './rules';

const COMPONENT_REF = /^component:/i;

/**
 * The resources behind permission resource refs, for the permission framework's conditional
 * decisions: a spec name is the stored spec; a component's entity ref stands for its specs,
 * with the owner the catalog gives it now (a component that has no specs yet can still be
 * decided on, for create).
 */
export async function loadSpecResources(
  refs: string[],
  deps: {
    store: Pick<SpecReadStore, 'getSpecsByName'>;
    catalog: CatalogService;
    auth: AuthService;
  },
): Promise<Array<InfraSpecResource | undefined>> {
  const componentRefs = refs.flatMap(ref => {
    if (!COMPONENT_REF.test(ref)) return [];
    try {
      return [parseRef(ref, { defaultKind: 'component' })];
    } catch {
      return [];
    }
  });
  const names = refs.filter(ref => !COMPONENT_REF.test(ref)).map(specNameOfRef);

  const [specs, components] = await Promise.all([
    names.length ? deps.store.getSpecsByName(names) : [],
    componentRefs.length
      ? deps.catalog.getEntitiesByRefs(
          {
            entityRefs: componentRefs,
            fields: ['kind', 'metadata.name', 'metadata.namespace', 'spec.owner'],
          },
          { credentials: await deps.auth.getOwnServiceCredentials() },
        )
      : { items: [] },
  ]);
  const specByName = new Map(specs.map(s => [s.name, s]));
  const componentByRef = new Map(
    components.items.flatMap(entity =>
      entity
        ? [[entityRefOf(entity), { componentRef: entityRefOf(entity), ownerRef: ownerRefOf(entity) }] as const]
        : [],
    ),
  );
  return refs.map(ref => {
    if (COMPONENT_REF.test(ref)) {
      try {
        return componentByRef.get(parseRef(ref, { defaultKind: 'component' }));
      } catch {
        return undefined;
      }
    }
    const spec = specByName.get(specNameOfRef(ref));
    return spec && { componentRef: spec.componentRef, ownerRef: spec.ownerRef };
  });
}
