import { posix } from 'node:path';
import { ANNOTATION_LOCATION, type Entity } from '@backstage/catalog-model';
import { ANNOTATION_SPEC_LOCATION } from '@infra-specs/backstage-plugin-infra-specs-common';
import { localSpecFolder } from './localSpecFolder';

/**
 * Where a new spec of a component goes, for templates to pick the publish step:
 * `local` (a folder on the backend's machine: `infra-specs:publish-local`) or `remote` (a
 * Git repository: `publish:github:pull-request` / `publish:gitlab:merge-request` with
 * `repoUrl`, `branch` and `folder`), or `none` with the reason.
 */
export type SpecPublishTarget =
  | { kind: 'local'; local: true }
  | {
      kind: 'remote';
      local: false;
      /** `github.com`, `gitlab.example.com`. */
      host: string;
      /** The scaffolder's repo URL form: `github.com?owner=acme&repo=network`. */
      repoUrl: string;
      /** The branch the catalog reads the spec folder from. */
      branch: string;
      /** The spec folder inside the repository, no leading or trailing slash ('' = root). */
      folder: string;
    }
  | { kind: 'none'; local: false; reason: string };

/** Splits a Git host tree/blob URL: `https://host/owner/repo/tree/main/docs/specs`. */
function parseRepoTreeUrl(
  url: string,
):
  | { host: string; owner: string; repo: string; branch: string; path: string }
  | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const segments = parsed.pathname
    .split('/')
    .filter(Boolean)
    .map(decodeURIComponent);
  // GitHub: owner/repo/tree/<branch>/...; GitLab: group/sub/repo/-/tree/<branch>/...
  const marker = segments.findIndex(
    (s, i) => (s === 'tree' || s === 'blob') && i >= 2,
  );
  if (marker < 0 || marker + 1 >= segments.length) {
    return undefined;
  }
  const repoSegments = segments.slice(
    0,
    segments[marker - 1] === '-' ? marker - 1 : marker,
  );
  if (repoSegments.length < 2) {
    return undefined;
  }
  return {
    host: parsed.host,
    owner: repoSegments.slice(0, -1).join('/'),
    repo: repoSegments[repoSegments.length - 1],
    branch: segments[marker + 1],
    path: segments.slice(marker + 2).join('/'),
  };
}

function remote(
  host: string,
  owner: string,
  repo: string,
  branch: string,
  folder: string,
): SpecPublishTarget {
  return {
    kind: 'remote',
    local: false,
    host,
    repoUrl: `${host}?owner=${encodeURIComponent(
      owner,
    )}&repo=${encodeURIComponent(repo)}`,
    branch,
    folder: folder.replace(/^\/+|\/+$/g, ''),
  };
}

/** Decides how a new spec of `entity` is published (see {@link SpecPublishTarget}). */
export function specPublishTarget(entity: Entity): SpecPublishTarget {
  const none = (reason: string): SpecPublishTarget => ({
    kind: 'none',
    local: false,
    reason,
  });
  const raw = entity?.metadata?.annotations?.[ANNOTATION_SPEC_LOCATION]?.trim();
  if (!raw) {
    return none(`The component has no ${ANNOTATION_SPEC_LOCATION} annotation`);
  }
  try {
    localSpecFolder(entity);
    return { kind: 'local', local: true };
  } catch {
    // not local: try a repository below
  }
  const absolute =
    /^url:(.*)$/i.exec(raw)?.[1]?.trim() ??
    (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : undefined);
  if (absolute) {
    const tree = parseRepoTreeUrl(absolute);
    return tree
      ? remote(tree.host, tree.owner, tree.repo, tree.branch, tree.path)
      : none(
          `The spec location ${raw} is not a repository tree URL (https://host/owner/repo/tree/branch/path)`,
        );
  }
  const managedBy = entity.metadata.annotations?.[ANNOTATION_LOCATION] ?? '';
  const catalogFile = /^url:(.*)$/i.exec(managedBy)?.[1]?.trim();
  const tree = catalogFile ? parseRepoTreeUrl(catalogFile) : undefined;
  if (!tree) {
    return none(
      `Cannot resolve the spec location ${raw} against ${
        managedBy || 'a missing location'
      }`,
    );
  }
  const folder = posix.normalize(
    posix.join(posix.dirname(tree.path), raw.replace(/^(dir|file):/i, '')),
  );
  if (folder === '..' || folder.startsWith('../') || posix.isAbsolute(folder)) {
    return none(
      `The spec location ${raw} leaves the repository of ${catalogFile}`,
    );
  }
  return remote(
    tree.host,
    tree.owner,
    tree.repo,
    tree.branch,
    folder === '.' ? '' : folder,
  );
}
