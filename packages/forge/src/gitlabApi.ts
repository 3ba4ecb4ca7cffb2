/*
 * The part of GitLab's REST API (v4) that Backstage's GitlabUrlReader calls: the project lookup
 * (default branch), the newest commit of a branch that touched a folder (its ETag), the archive
 * of a folder, and raw files. The same repositories as the GitHub flavour, under another API.
 */
import type http from 'node:http';
import type { ForgeEndpoint, ForgeRepository } from './repository';
import { sendTarball } from './tarball';

/** A GitLab API route: which endpoint it counts as, and the project path it names. */
export function gitlabRoute(
  pathname: string,
): { endpoint: ForgeEndpoint; project: string; rest: string } | undefined {
  const match = pathname.match(/^\/api\/v4\/projects\/([^/]+)(\/.*)?$/);
  if (!match) return undefined;
  const project = decodeURIComponent(match[1]);
  const rest = match[2] ?? '';
  let endpoint: ForgeEndpoint = 'unknown';
  if (rest === '') endpoint = 'repository';
  else if (rest === '/repository/commits') endpoint = 'commits';
  else if (
    rest === '/repository/archive' ||
    rest === '/repository/archive.tar.gz'
  )
    endpoint = 'tarball';
  else if (/^\/repository\/files\/[^/]+\/raw$/.test(rest)) endpoint = 'raw';
  return { endpoint, project, rest };
}

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

const notFound = (res: http.ServerResponse) =>
  sendJson(res, 404, { message: '404 Not Found' });

const inFolder = (folder: string) => (name: string) =>
  !folder ||
  name === folder ||
  name.startsWith(`${folder.replace(/\/+$/, '')}/`);

/** The newest commit on `ref` whose files under `folder` differ from its parent's. */
function lastCommitTouching(
  repo: ForgeRepository,
  ref: string,
  folder: string,
) {
  const within = inFolder(folder);
  const pick = (files: Map<string, Buffer>) =>
    [...files]
      .filter(([name]) => within(name))
      .sort(([a], [b]) => a.localeCompare(b));
  let commit = repo.resolve(ref);
  while (commit) {
    const parent = commit.parents[0]
      ? repo.resolve(commit.parents[0])
      : undefined;
    const mine = pick(commit.files);
    const theirs = parent ? pick(parent.files) : [];
    const same =
      mine.length === theirs.length &&
      mine.every(
        ([name, content], i) =>
          theirs[i][0] === name && theirs[i][1].equals(content),
      );
    if (!same) return commit;
    commit = parent;
  }
  return undefined;
}

/** Answers one GitLab API request for `repo`. */
export function handleGitlab(
  repo: ForgeRepository,
  route: { endpoint: ForgeEndpoint; rest: string },
  url: URL,
  res: http.ServerResponse,
  projectJson: (repo: ForgeRepository) => Record<string, unknown>,
): void {
  switch (route.endpoint) {
    case 'repository':
      return sendJson(res, 200, projectJson(repo));
    case 'commits': {
      const ref = url.searchParams.get('ref_name') ?? repo.defaultBranch;
      if (!repo.resolve(ref)) return notFound(res);
      const commit = lastCommitTouching(
        repo,
        ref,
        url.searchParams.get('path') ?? '',
      );
      return sendJson(
        res,
        200,
        commit
          ? [
              {
                id: commit.sha,
                short_id: commit.sha.slice(0, 8),
                title: commit.message,
              },
            ]
          : [],
      );
    }
    case 'tarball': {
      const commit = repo.resolve(
        url.searchParams.get('sha') ?? repo.defaultBranch,
      );
      if (!commit) return notFound(res);
      const within = inFolder(url.searchParams.get('path') ?? '');
      const files = new Map([...commit.files].filter(([name]) => within(name)));
      if (!files.size) return notFound(res);
      return sendTarball(res, repo, commit.sha, files);
    }
    case 'raw': {
      const path = decodeURIComponent(route.rest.split('/')[3]);
      const content = repo
        .resolve(url.searchParams.get('ref') ?? repo.defaultBranch)
        ?.files.get(path);
      if (!content) return notFound(res);
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end(content);
      return undefined;
    }
    default:
      return notFound(res);
  }
}
