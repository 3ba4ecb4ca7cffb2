import { dirname, isAbsolute, resolve as resolvePath } from 'node:path';
import {
  ANNOTATION_LOCATION,
  type Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import { ANNOTATION_SPEC_LOCATION } from '@infra-specs/backstage-plugin-infra-specs-common';

/** Where a component's specs live: a URL for the UrlReader, or a folder on this machine. */
export type SpecLocation =
  | { type: 'url'; target: string; url: string }
  | { type: 'dir'; target: string; path: string };

function isUrl(value: string) {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
}

/**
 * The URL as the reader will see it, with `..` and `%2e%2e` segments resolved: the location
 * policy judges this one, so a path cannot climb out of a repository after the check.
 */
function urlLocation(raw: string, value: string): SpecLocation {
  let url: string;
  try {
    url = new URL(value).href;
  } catch {
    throw new InputError(
      `The ${ANNOTATION_SPEC_LOCATION} '${raw}' is not a valid URL`,
    );
  }
  return { type: 'url', target: url, url };
}

/**
 * Resolves the `infra-specs.dev/spec-location` annotation of a component:
 * `url:https://...` or a bare URL; `dir:`/`file:` paths; or a relative folder
 * (`./docs/specs`) next to the component's own catalog-info.yaml
 * (`backstage.io/managed-by-location`, either `url:` or `file:`).
 */
export function resolveSpecLocation(
  entity: Entity,
  integrations: ScmIntegrationRegistry,
): SpecLocation {
  const raw = entity.metadata.annotations?.[ANNOTATION_SPEC_LOCATION]?.trim();
  if (!raw) {
    throw new InputError(`The ${ANNOTATION_SPEC_LOCATION} annotation is empty`);
  }

  const prefixed = /^(url|dir|file):(.*)$/i.exec(raw);
  if (prefixed) {
    const type = prefixed[1].toLowerCase();
    const value = prefixed[2].trim();
    if (!value) {
      throw new InputError(
        `The ${ANNOTATION_SPEC_LOCATION} '${raw}' has no target`,
      );
    }
    if (type === 'url') {
      if (!isUrl(value)) {
        throw new InputError(
          `The ${ANNOTATION_SPEC_LOCATION} '${raw}' is not an absolute URL`,
        );
      }
      return urlLocation(raw, value);
    }
    if (isAbsolute(value)) {
      return dirLocation(resolvePath(value));
    }
    return dirLocation(resolvePath(localBaseFolder(entity, raw), value));
  }

  if (isUrl(raw)) {
    return urlLocation(raw, raw);
  }

  // A folder relative to the component's catalog-info.yaml.
  const managedBy = entity.metadata.annotations?.[ANNOTATION_LOCATION];
  if (!managedBy) {
    throw new InputError(
      `The ${ANNOTATION_SPEC_LOCATION} '${raw}' is relative, but the component has no ${ANNOTATION_LOCATION} annotation to resolve it against`,
    );
  }
  let base: { type: string; target: string };
  try {
    base = parseLocationRef(managedBy);
  } catch (error) {
    throw new InputError(
      `Cannot resolve '${raw}': ${ANNOTATION_LOCATION} '${managedBy}' is not a location reference`,
    );
  }
  if (base.type === 'url') {
    return urlLocation(
      raw,
      integrations.resolveUrl({ url: raw, base: base.target }),
    );
  }
  if (base.type === 'file') {
    return dirLocation(resolvePath(dirname(base.target), raw));
  }
  throw new InputError(
    `Cannot resolve '${raw}' against a '${base.type}' location (${managedBy}); use an absolute url: target`,
  );
}

function dirLocation(path: string): SpecLocation {
  return { type: 'dir', target: `file:${path}`, path };
}

function localBaseFolder(entity: Entity, raw: string): string {
  const managedBy = entity.metadata.annotations?.[ANNOTATION_LOCATION];
  const base = managedBy ? safeParseLocationRef(managedBy) : undefined;
  if (base?.type === 'file') {
    return dirname(base.target);
  }
  throw new InputError(
    `The ${ANNOTATION_SPEC_LOCATION} '${raw}' is a relative path, which needs a component registered from a file: location`,
  );
}

function safeParseLocationRef(ref: string) {
  try {
    return parseLocationRef(ref);
  } catch {
    return undefined;
  }
}

/** Where people read one file of a location: the Git host's page; unknown for local folders. */
export function viewUrlOf(
  location: SpecLocation,
  path: string,
  integrations: ScmIntegrationRegistry,
): string | null {
  if (location.type !== 'url') {
    return null;
  }
  const base = new URL(location.url);
  if (!base.pathname.endsWith('/')) {
    base.pathname = `${base.pathname}/`;
  }
  const relative = path.split('/').map(encodeURIComponent).join('/');
  try {
    return integrations.resolveUrl({
      url: `./${relative}`,
      base: base.toString(),
    });
  } catch {
    return null;
  }
}
