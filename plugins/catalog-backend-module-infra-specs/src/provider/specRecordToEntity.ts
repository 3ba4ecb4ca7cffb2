import { posix } from 'node:path';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  DEFAULT_NAMESPACE,
  entityEnvelopeSchemaValidator,
  parseEntityRef,
} from '@backstage/catalog-model';
import { DeferredEntity } from '@backstage/plugin-catalog-node';
import {
  SpecRecord,
  specToEntity,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { toSpecEntityErrors } from '../specEntityErrors';

// The check the catalog runs on every entity of a mutation; one bad entity fails them all.
const validateEnvelope = entityEnvelopeSchemaValidator();

/** Every entity of this provider shares one location key, so nothing else can claim them. */
export const SPEC_LOCATION_KEY = 'infra-specs';

/**
 * Location references (`url:` / `file:`) of a stored spec: the file itself and its spec
 * folder. `locationTarget` is a URL or `file:/abs/path` (see SpecRecord).
 */
export function specLocationRefs(record: SpecRecord): {
  file: string;
  folder: string;
} {
  const target = record.locationTarget.replace(/^url:/i, '');
  if (/^file:/i.test(target)) {
    const dir = target.slice('file:'.length);
    return {
      file: `file:${posix.join(dir, record.path)}`,
      folder: `file:${dir}`,
    };
  }
  let file = record.viewUrl;
  if (!file) {
    const base = target.endsWith('/') ? target : `${target}/`;
    const relative = record.path.split('/').map(encodeURIComponent).join('/');
    file = new URL(relative, base).toString();
  }
  return { file: `url:${file}`, folder: `url:${target}` };
}

/**
 * The catalog entity of one stored (not removed) spec, as the provider publishes it.
 * Throws when the record cannot make a valid entity.
 */
export function specRecordToEntity(record: SpecRecord): DeferredEntity {
  const { namespace } = parseEntityRef(record.entityRef, {
    defaultKind: 'spec',
    defaultNamespace: DEFAULT_NAMESPACE,
  });
  const refs = specLocationRefs(record);
  const entity = specToEntity({
    document: record.document,
    name: record.name,
    namespace,
    componentRef: record.componentRef,
    ownerRef: record.ownerRef,
    locationTarget: record.locationTarget,
    viewUrl: record.viewUrl ?? undefined,
  });
  // The processor turns these into catalog processing errors (status items).
  const errors = toSpecEntityErrors(record.document.diagnostics);
  if (errors.length) {
    entity.spec = { ...entity.spec, errors } as typeof entity.spec;
  }
  entity.metadata.annotations = {
    ...entity.metadata.annotations,
    [ANNOTATION_LOCATION]: refs.file,
    [ANNOTATION_ORIGIN_LOCATION]: refs.folder,
  };
  validateEnvelope(entity);
  return { entity, locationKey: SPEC_LOCATION_KEY };
}
