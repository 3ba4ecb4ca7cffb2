import { dirname, isAbsolute, resolve } from 'node:path';
import {
  ANNOTATION_LOCATION,
  type Entity,
  parseLocationRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { ANNOTATION_SPEC_LOCATION } from '@infra-specs/backstage-plugin-infra-specs-common';

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * The local folder a component keeps its specs in, from its `infra-specs.dev/spec-location`
 * annotation: `./docs/specs` relative to the folder of its catalog-info.yaml (a `file:`
 * `backstage.io/managed-by-location`), or `dir:`/`file:` paths. Remote locations (`url:`)
 * are refused with a pointer to the pull request actions. The folder is not checked
 * against allowed roots here.
 */
export function localSpecFolder(entity: Entity): string {
  const ref = stringifyEntityRef(entity);
  const raw = entity.metadata.annotations?.[ANNOTATION_SPEC_LOCATION]?.trim();
  if (!raw) {
    throw new InputError(
      `${ref} has no ${ANNOTATION_SPEC_LOCATION} annotation, so there is no spec folder to publish into`,
    );
  }
  const remote = () =>
    new InputError(
      `The spec location of ${ref} is not a local folder (${ANNOTATION_SPEC_LOCATION}: ${raw}); publish with publish:github:pull-request or publish:gitlab:merge-request instead`,
    );

  const prefixed = /^(url|dir|file):(.*)$/i.exec(raw);
  if (prefixed) {
    const type = prefixed[1].toLowerCase();
    const value = prefixed[2].trim();
    if (type === 'url' || URL_LIKE.test(value)) {
      throw remote();
    }
    if (!value) {
      throw new InputError(
        `The ${ANNOTATION_SPEC_LOCATION} '${raw}' of ${ref} has no path`,
      );
    }
    return isAbsolute(value)
      ? resolve(value)
      : resolve(catalogFileFolder(entity, ref, raw, remote), value);
  }
  if (URL_LIKE.test(raw)) {
    throw remote();
  }
  if (isAbsolute(raw)) {
    return resolve(raw);
  }
  return resolve(catalogFileFolder(entity, ref, raw, remote), raw);
}

function catalogFileFolder(
  entity: Entity,
  ref: string,
  raw: string,
  remote: () => Error,
): string {
  const managedBy = entity.metadata.annotations?.[ANNOTATION_LOCATION];
  if (!managedBy) {
    throw new InputError(
      `The ${ANNOTATION_SPEC_LOCATION} '${raw}' of ${ref} is relative, but the component has no ${ANNOTATION_LOCATION} annotation to resolve it against`,
    );
  }
  let location: { type: string; target: string };
  try {
    location = parseLocationRef(managedBy);
  } catch {
    throw new InputError(
      `${ANNOTATION_LOCATION} '${managedBy}' of ${ref} is not a location reference`,
    );
  }
  if (location.type === 'url') {
    throw remote();
  }
  if (location.type !== 'file') {
    throw new InputError(
      `Cannot resolve '${raw}' of ${ref} against a '${location.type}' location (${managedBy}); use an absolute dir: path`,
    );
  }
  return dirname(resolve(location.target));
}

/** Whether a component's specs live in a local folder (what the templates branch on). */
export function hasLocalSpecFolder(entity: Entity): boolean {
  try {
    localSpecFolder(entity);
    return true;
  } catch {
    return false;
  }
}
