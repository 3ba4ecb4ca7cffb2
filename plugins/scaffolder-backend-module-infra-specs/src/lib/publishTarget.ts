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
      /** The repository's browsable URL: `https://github.com/acme/network`. */
      webUrl: string;
    }
  | { kind: 'none'; local: false; reason: string };

/** Splits a Git host tree/blob URL: `https://host/owner/repo/tree/main/docs/specs`. */
type RepoTree = {
  /** `https:` or `http:` (a GitHub Enterprise on loopback). */
  protocol: string;
  host: string;
  owner: string;
  repo: string;
  branch: string;
  path: string;
};

function parseRepoTreeUrl(url: string): RepoTree | undefined {
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
    protocol: parsed.protocol,
    host: parsed.host,
    owner: repoSegments.slice(0, -1).join('/'),
    repo: repoSegments[repoSegments.length - 1],
    branch: segments[marker + 1],
    path: segments.slice(marker + 2).join('/'),
  };
}

function remote(tree: RepoTree, folder: string): SpecPublishTarget {
  const { protocol, host, owner, repo, branch } = tree;
  return {
    kind: 'remote',
    local: false,
    host,
    repoUrl: `${host}?owner=${encodeURIComponent(
      owner,
    )}&repo=${encodeURIComponent(repo)}`,
    branch,
    folder: folder.replace(/^\/+|\/+$/g, ''),
    webUrl: `${protocol}//${host}/${owner}/${repo}`,
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
      ? remote(tree, tree.path)
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
  return remote(tree, folder === '.' ? '' : folder);
}

/** Where the pull request of a new spec puts it, for the template's publish and output steps. */
export type SpecPullRequest = {
  /** `infra-specs/spec-0042`: one branch per spec id, so a rerun finds the same branch. */
  branchName: string;
  /** The spec file inside the repository: the spec folder plus its name. */
  path: string;
  /** The file's browsable URL on the pull request's branch. */
  url: string;
};

/**
 * The pull request of a new spec `{ id, path }` (the `infra-specs:create` output, `path` below
 * `sourceDir`, the workspace folder the pull request copies into the spec folder).
 */
export function specPullRequest(
  target: Extract<SpecPublishTarget, { kind: 'remote' }>,
  spec: { id: string; path: string },
  sourceDir: string,
): SpecPullRequest {
  const branchName = `infra-specs/${spec.id.toLowerCase()}`;
  const relative = posix.relative(sourceDir, spec.path);
  if (!relative || relative.startsWith('..')) {
    throw new Error(`The spec ${spec.path} is not inside ${sourceDir}`);
  }
  const path = target.folder ? `${target.folder}/${relative}` : relative;
  const encoded = [...branchName.split('/'), ...path.split('/')]
    .map(encodeURIComponent)
    .join('/');
  return { branchName, path, url: `${target.webUrl}/blob/${encoded}` };
}
