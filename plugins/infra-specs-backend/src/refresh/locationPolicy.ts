import { dirname, resolve as resolvePath } from 'node:path';
import {
  ANNOTATION_LOCATION,
  type Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import parseGitUrl from 'git-url-parse';
import { minimatch } from 'minimatch';
import type { SpecLocation } from './specLocation';

/** One entry of `infraSpecs.locations.allowedUrls`, split into what is compared exactly and the path. */
export interface AllowedUrl {
  /** The entry as configured, for messages. */
  entry: string;
  protocol: string;
  /** Lower case, with the port when there is one. */
  host: string;
  /** A path prefix (no trailing slash, '' for the whole host), or a minimatch pattern. */
  path: string;
  glob: boolean;
}

/** Which locations a component may use: `infraSpecs.locations`, with `infraSpecs.local.allowedRoots`. */
export interface LocationPolicy {
  allowedUrls: AllowedUrl[];
  allowDirOutsideComponent: boolean;
}

/** What a local read must stay inside besides the allowed roots. */
export interface LocalBounds {
  /** The folder of the component's catalog-info.yaml; unset when config allows any folder. */
  componentFolder?: string;
}

const ALLOWED_URLS_KEY = 'infraSpecs.locations.allowedUrls';
const DIR_OUTSIDE_KEY = 'infraSpecs.locations.allowDirOutsideComponent';
const GLOB_CHARS = /[*[\]{}]/;

/**
 * Reads one allowed URL entry: `https://host/path` as a prefix, or with glob characters in the
 * path as a minimatch pattern (`https://github.com/acme/*\/tree/main/specs`). Scheme and host are
 * always compared exactly, so `https://github.com@evil.example` cannot pass for github.com.
 */
export function parseAllowedUrl(entry: string): AllowedUrl {
  const match = /^([a-z][a-z0-9+.-]*:)\/\/([^/?#]+)(\/[^?#]*)?$/i.exec(
    entry.trim(),
  );
  if (!match) {
    throw new Error(
      `'${entry}' is not an absolute URL without query or fragment, e.g. https://github.com/acme/*/tree/main/specs`,
    );
  }
  const [, scheme, authority, rawPath = ''] = match;
  if (authority.includes('@') || GLOB_CHARS.test(authority)) {
    throw new Error(
      `'${entry}' may not have credentials or wildcards in its host`,
    );
  }
  let origin: URL;
  try {
    origin = new URL(`${scheme}//${authority}/`);
  } catch {
    throw new Error(`'${entry}' has an invalid host`);
  }
  const glob = GLOB_CHARS.test(rawPath);
  const path = glob
    ? rawPath.replace(/\/+$/, '')
    : stripSlash(new URL(rawPath || '/', origin).pathname);
  return { entry, protocol: origin.protocol, host: origin.host, path, glob };
}

function stripSlash(path: string) {
  return path.replace(/\/+$/, '');
}

/** The URL's path and each folder above it: an entry allows a folder and everything below. */
function pathAndAncestors(pathname: string): string[] {
  const segments = stripSlash(pathname).split('/');
  const out: string[] = [];
  for (let i = segments.length; i > 0; i--) {
    out.push(segments.slice(0, i).join('/'));
  }
  return out;
}

function isAllowedByConfig(url: URL, allowed: AllowedUrl[]): boolean {
  const candidates = pathAndAncestors(url.pathname);
  return allowed.some(
    entry =>
      entry.protocol === url.protocol &&
      entry.host === url.host &&
      (entry.glob
        ? candidates.some(path => minimatch(path, entry.path, { dot: true }))
        : candidates.includes(entry.path)),
  );
}

/** Host and repository (`owner/name`, GitLab groups and Azure projects included), lower case. */
function repositoryOf(url: string): string | undefined {
  try {
    const parsed = parseGitUrl(url);
    const host = new URL(url).host;
    return parsed.full_name && host
      ? `${host}/${parsed.full_name}`.toLowerCase()
      : undefined;
  } catch {
    return undefined;
  }
}

function managedBy(
  entity: Entity,
): { type: string; target: string } | undefined {
  const ref = entity.metadata.annotations?.[ANNOTATION_LOCATION];
  try {
    return ref ? parseLocationRef(ref) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Decides whether a component may use its resolved spec location, before anything is read.
 * `url:` must be in the repository the component is registered from
 * (`backstage.io/managed-by-location`, which the catalog sets; `backstage.io/source-location` is
 * written by the author and so proves nothing), or match `infraSpecs.locations.allowedUrls`.
 * A local folder needs a component registered from a `file:` location and stays inside its
 * folder, unless `infraSpecs.locations.allowDirOutsideComponent`; the allowed roots and symlinks
 * are checked by the local read. Refusals are NotAllowedErrors that name the key that would allow it.
 */
export function checkSpecLocation(
  entity: Entity,
  location: SpecLocation,
  policy: LocationPolicy,
): LocalBounds {
  const base = managedBy(entity);
  if (location.type === 'url') {
    const url = new URL(location.url);
    if (url.username || url.password) {
      throw new NotAllowedError(
        `Refused to read ${url.host}${url.pathname}: URLs with credentials are never read`,
      );
    }
    if (isAllowedByConfig(url, policy.allowedUrls)) {
      return {};
    }
    const own = base?.type === 'url' ? repositoryOf(base.target) : undefined;
    const target = repositoryOf(location.url);
    if (own && target === own) {
      return {};
    }
    const why = own
      ? `it is not in the component's own repository (${own}, from ${ANNOTATION_LOCATION})`
      : `the component is not registered from a url: location (${ANNOTATION_LOCATION}), so it has no repository of its own`;
    throw new NotAllowedError(
      `Refused to read ${location.url}: ${why}; ${ALLOWED_URLS_KEY} would allow it`,
    );
  }

  if (policy.allowDirOutsideComponent) {
    return {};
  }
  if (base?.type !== 'file') {
    throw new NotAllowedError(
      `Refused to read ${location.path}: local folders are only for components registered from a file: location (${ANNOTATION_LOCATION}); ${DIR_OUTSIDE_KEY} would allow it`,
    );
  }
  return { componentFolder: resolvePath(dirname(base.target)) };
}

/** The message for a folder outside the component's own, shared by the path and symlink checks. */
export function outsideComponentFolder(folder: string): string {
  return `the folder of the component's catalog-info.yaml (${folder}); ${DIR_OUTSIDE_KEY} would allow it`;
}
