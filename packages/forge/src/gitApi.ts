/*
 * The write side of GitHub's git data API, as octokit-plugin-create-pull-request (behind the
 * scaffolder's publish:github:pull-request) calls it: blobs, trees, commits, refs, the commit
 * list of a branch, and the one GraphQL query it asks (does the branch exist, with an open pull
 * request).
 */
import type { ForgeRepository } from './repository';

/** An answer: an HTTP status and a JSON body. */
export type ForgeAnswer = { status: number; body: unknown };

const ok = (body: unknown, status = 200): ForgeAnswer => ({ status, body });
/** GitHub's 404 body. */
export const notFound = (): ForgeAnswer => ({
  status: 404,
  body: {
    message: 'Not Found',
    documentation_url: 'https://docs.github.com/rest',
  },
});
const unprocessable = (message: string): ForgeAnswer => ({
  status: 422,
  body: { message, documentation_url: 'https://docs.github.com/rest' },
});

type TreeEntry = {
  path?: unknown;
  mode?: unknown;
  type?: unknown;
  sha?: unknown;
  content?: unknown;
};

function commitJson(repo: ForgeRepository, sha: string) {
  const commit = repo.resolve(sha)!;
  return {
    sha: commit.sha,
    tree: { sha: commit.treeSha },
    message: commit.message,
    parents: commit.parents.map(p => ({ sha: p })),
  };
}

function refJson(branch: string, sha: string) {
  return { ref: `refs/heads/${branch}`, object: { sha, type: 'commit' } };
}

/** `GET /repos/{o}/{r}/commits?sha=<branch>`: the branch's commits, newest first. */
export function listCommits(repo: ForgeRepository, url: URL): ForgeAnswer {
  let commit = repo.resolve(url.searchParams.get('sha') ?? repo.defaultBranch);
  if (!commit) return notFound();
  const perPage = Number(url.searchParams.get('per_page') ?? 30);
  const list = [];
  while (commit && list.length < perPage) {
    list.push({
      sha: commit.sha,
      commit: commitJson(repo, commit.sha),
      parents: commit.parents.map(p => ({ sha: p })),
    });
    commit = commit.parents[0] ? repo.resolve(commit.parents[0]) : undefined;
  }
  return ok(list);
}

/** `/repos/{o}/{r}/git/...`: `rest` is what follows `git/`. */
export function gitData(
  repo: ForgeRepository,
  method: string,
  rest: string,
  body: Record<string, unknown>,
): ForgeAnswer {
  const [kind, ...tail] = rest.split('/');
  const id = tail.join('/');
  if (kind === 'blobs') {
    if (method === 'GET') {
      const blob = repo.blob(id);
      if (!blob) return notFound();
      return ok({
        sha: id,
        size: blob.length,
        encoding: 'base64',
        content: blob.toString('base64'),
      });
    }
    if (typeof body.content !== 'string')
      return unprocessable('content is required');
    const encoding = body.encoding === 'base64' ? 'base64' : 'utf8';
    return ok(
      { sha: repo.storeBlob(Buffer.from(body.content, encoding)) },
      201,
    );
  }
  if (kind === 'trees') {
    if (method === 'GET') {
      const files =
        repo.tree(id) ??
        (repo.resolve(id) && repo.tree(repo.resolve(id)!.treeSha));
      if (!files) return notFound();
      return ok({
        sha: id,
        truncated: false,
        tree: [...files].map(([path, content]) => ({
          path,
          mode: '100644',
          type: 'blob',
          sha: repo.storeBlob(content),
          size: content.length,
        })),
      });
    }
    const base =
      typeof body.base_tree === 'string'
        ? repo.tree(body.base_tree)
        : new Map<string, Buffer>();
    if (!base)
      return unprocessable(`base_tree ${String(body.base_tree)} is not a tree`);
    const files = new Map(base);
    for (const entry of (Array.isArray(body.tree)
      ? body.tree
      : []) as TreeEntry[]) {
      if (typeof entry.path !== 'string')
        return unprocessable('tree entries need a path');
      if (entry.sha === null) files.delete(entry.path);
      else if (typeof entry.content === 'string')
        files.set(entry.path, Buffer.from(entry.content, 'utf8'));
      else if (typeof entry.sha === 'string') {
        const blob = repo.blob(entry.sha);
        if (!blob) return unprocessable(`blob ${entry.sha} does not exist`);
        files.set(entry.path, blob);
      }
    }
    return ok({ sha: repo.storeTree(files), truncated: false, tree: [] }, 201);
  }
  if (kind === 'commits') {
    if (method === 'GET')
      return repo.resolve(id) ? ok(commitJson(repo, id)) : notFound();
    const parents = Array.isArray(body.parents)
      ? body.parents.filter((p): p is string => typeof p === 'string')
      : [];
    if (typeof body.tree !== 'string' || !repo.tree(body.tree))
      return unprocessable('tree is not a tree');
    if (parents.some(p => !repo.resolve(p)))
      return unprocessable('a parent is not a commit');
    const commit = repo.commitTree(
      body.tree,
      parents,
      typeof body.message === 'string' ? body.message : '',
    );
    return ok(commitJson(repo, commit.sha), 201);
  }
  if (kind === 'ref' || kind === 'refs') {
    const branch = (
      kind === 'refs' && method === 'POST' ? String(body.ref ?? '') : id
    )
      .replace(/^refs\//, '')
      .replace(/^heads\//, '');
    if (method === 'GET') {
      return repo.hasBranch(branch)
        ? ok(refJson(branch, repo.sha(branch)))
        : notFound();
    }
    if (typeof body.sha !== 'string' || !repo.resolve(body.sha))
      return unprocessable('sha is not a commit');
    if (method === 'POST') {
      if (repo.hasBranch(branch))
        return unprocessable('Reference already exists');
      repo.moveBranch(branch, body.sha);
      return ok(refJson(branch, body.sha), 201);
    }
    if (method === 'PATCH') {
      if (!repo.hasBranch(branch))
        return unprocessable('Reference does not exist');
      repo.moveBranch(branch, body.sha);
      return ok(refJson(branch, body.sha));
    }
  }
  return notFound();
}

/**
 * `POST /graphql`: only the query octokit-plugin-create-pull-request sends, whether the head
 * branch exists and which open pull request it has. Anything else is refused by name.
 */
export function graphql(
  repositories: (fullName: string) => ForgeRepository | undefined,
  body: Record<string, unknown>,
  pullUrl: (repo: ForgeRepository, number: number) => string,
): ForgeAnswer {
  const query = typeof body.query === 'string' ? body.query : '';
  const variables = (body.variables ?? {}) as Record<string, unknown>;
  if (!/ref\(qualifiedName:\s*\$head\)/.test(query)) {
    return ok({
      errors: [
        {
          message:
            'The forge answers only the head branch lookup of octokit-plugin-create-pull-request',
        },
      ],
    });
  }
  const repo = repositories(
    `${String(variables.owner)}/${String(variables.repo)}`,
  );
  if (!repo) return ok({ data: { repository: null } });
  const head = String(variables.head ?? '').replace(/^refs\/heads\//, '');
  if (!repo.hasBranch(head)) return ok({ data: { repository: { ref: null } } });
  const open = repo
    .pulls('open')
    .filter(p => p.head === head)
    .slice(0, 1);
  return ok({
    data: {
      repository: {
        ref: {
          associatedPullRequests: {
            edges: open.map(p => ({
              node: {
                id: `PR_${p.number}`,
                number: p.number,
                url: pullUrl(repo, p.number),
              },
            })),
          },
        },
      },
    },
  });
}
