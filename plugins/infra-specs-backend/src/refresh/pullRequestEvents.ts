/*
 * Specs in review: pure functions over GitHub pull requests (a `github.pull_request` payload, or
 * an item of `GET /repos/{owner}/{repo}/pulls`) and the stored spec locations.
 */
import type { SpecDocument } from '@infra-specs/backstage-plugin-infra-specs-common';
import { folderOnBranch } from './pushEvents';

/** What of a pull request decides which specs it changes or proposes. */
export interface GithubPullRequest {
  /** Lower case `host/owner/name` of the base repository: the one the spec locations point at. */
  repository: string;
  host: string;
  /** Lower case `owner/name` of the base repository. */
  fullName: string;
  number: number;
  url: string;
  title: string;
  state: 'open' | 'closed';
  merged: boolean;
  baseRef: string;
  defaultBranch: string | undefined;
  headSha: string;
  /**
   * The browsable URL of the base repository. The head commit is read from it even for a pull
   * request from a fork (GitHub keeps it there as `refs/pull/<n>/head`), so nothing outside the
   * repositories of the spec locations is read.
   */
  repoUrl: string;
}

/** The `github.pull_request` actions after which the pull request is read again. */
const READ_ACTIONS = new Set([
  'opened',
  'reopened',
  'synchronize',
  'edited',
  'ready_for_review',
]);

type Side = {
  ref?: unknown;
  sha?: unknown;
  repo?: {
    html_url?: unknown;
    full_name?: unknown;
    default_branch?: unknown;
  } | null;
};

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value ? value : undefined;

/** A pull request as GitHub's REST API and webhooks give it, or undefined when it is malformed. */
export function readGithubPullRequest(
  pull: unknown,
): GithubPullRequest | undefined {
  const p = (pull ?? {}) as {
    number?: unknown;
    html_url?: unknown;
    title?: unknown;
    state?: unknown;
    merged?: unknown;
    base?: Side;
    head?: Side;
  };
  const baseUrl = text(p.base?.repo?.html_url);
  const fullName = text(p.base?.repo?.full_name);
  const baseRef = text(p.base?.ref);
  const headSha = text(p.head?.sha);
  const url = text(p.html_url);
  if (
    typeof p.number !== 'number' ||
    !baseUrl ||
    !fullName ||
    !baseRef ||
    !headSha ||
    !url
  ) {
    return undefined;
  }
  let host: string;
  try {
    host = new URL(baseUrl).host.toLowerCase();
  } catch {
    return undefined;
  }
  return {
    repository: `${host}/${fullName.toLowerCase()}`,
    host,
    fullName: fullName.toLowerCase(),
    number: p.number,
    url,
    title: text(p.title) ?? '',
    state: p.state === 'closed' ? 'closed' : 'open',
    merged: p.merged === true,
    baseRef,
    defaultBranch: text(p.base?.repo?.default_branch),
    headSha,
    repoUrl: baseUrl.replace(/\/+$/, ''),
  };
}

/** What to do about a `github.pull_request` event: read the pull request again, forget it, or nothing. */
export function readPullRequestEvent(
  payload: unknown,
): { kind: 'read' | 'closed'; pull: GithubPullRequest } | undefined {
  const event = (payload ?? {}) as { action?: unknown; pull_request?: unknown };
  const pull = readGithubPullRequest(event.pull_request);
  if (!pull || typeof event.action !== 'string') {
    return undefined;
  }
  if (event.action === 'closed' || pull.state === 'closed') {
    return { kind: 'closed', pull };
  }
  return READ_ACTIONS.has(event.action) ? { kind: 'read', pull } : undefined;
}

/**
 * The folder (inside the repository, no trailing slash; `''` for the root) of each location that
 * targets the pull request's base branch.
 */
export function locationsOnBase<L extends { target: string }>(
  pull: GithubPullRequest,
  locations: ReadonlyArray<L>,
): Array<{ location: L; folder: string }> {
  const branch = {
    host: pull.host,
    fullName: pull.fullName,
    branch: pull.baseRef,
    defaultBranch: pull.defaultBranch,
    paths: undefined,
  };
  return locations.flatMap(location => {
    const folder = folderOnBranch(location.target, branch);
    return folder === undefined
      ? []
      : [{ location, folder: folder.replace(/\/+$/, '') }];
  });
}

/** The paths (relative to `folder`) of the pull request's changed files inside it. */
export function changedPathsIn(
  folder: string,
  files: ReadonlyArray<string>,
): string[] {
  if (!folder) {
    return [...files];
  }
  const prefix = `${folder}/`;
  return files
    .filter(f => f.startsWith(prefix))
    .map(f => f.slice(prefix.length));
}

/**
 * Which merged specs of a location a pull request changes, and which specs it proposes: a spec
 * file the pull request touches is a change of the merged spec at that path, else of the merged
 * spec with its id (a move or a rename), else a proposal. A merged spec whose file it removes or
 * moves away is changed too.
 */
export function classifyPullRequestSpecs<
  D extends { path: string; document: SpecDocument },
>(input: {
  changedPaths: ReadonlyArray<string>;
  headSpecs: ReadonlyArray<D>;
  stored: ReadonlyArray<{
    name: string;
    path: string;
    specId: string | null;
    removedAt: string | null;
  }>;
}): { changes: string[]; proposed: D[] } {
  const changed = new Set(input.changedPaths);
  const current = input.stored.filter(s => !s.removedAt);
  const byPath = new Map(current.map(s => [s.path, s]));
  const changes = new Set(
    current.filter(s => changed.has(s.path)).map(s => s.name),
  );
  const proposed: D[] = [];
  for (const spec of input.headSpecs) {
    if (!changed.has(spec.path) || byPath.has(spec.path)) {
      continue;
    }
    const id = spec.document.id?.toUpperCase();
    const sameId = id
      ? current.find(s => s.specId?.toUpperCase() === id)
      : undefined;
    if (sameId) {
      changes.add(sameId.name);
    } else {
      proposed.push(spec);
    }
  }
  return { changes: [...changes].sort(), proposed };
}

/** The name of a proposed spec: its would-be name plus `--pr-<n>`, which no merged spec name holds. */
export function proposedSpecName(
  baseName: string,
  number: number,
  taken: Set<string>,
): string {
  const name = `${baseName}--pr-${number}`;
  if (!taken.has(name)) {
    return name;
  }
  for (let i = 2; ; i++) {
    if (!taken.has(`${name}-${i}`)) return `${name}-${i}`;
  }
}
