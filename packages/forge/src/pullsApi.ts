/*
 * GitHub's pull request endpoints: list (with `state` and `head` filters), get, create, update,
 * merge, and the files a pull request changes.
 */
import { notFound, type ForgeAnswer } from './gitApi';
import type { ForgePull, ForgeRepository } from './repository';

const unprocessable = (message: string): ForgeAnswer => ({
  status: 422,
  body: { message: 'Validation Failed', errors: [{ message }] },
});

/** What a pull request changes against the base it was opened from, as `/pulls/{n}/files` lists it. */
export function pullFiles(repo: ForgeRepository, pull: ForgePull) {
  const from = repo.resolve(pull.baseSha)!.files;
  const to =
    repo.resolve(pull.merged ? pull.mergeCommitSha! : pull.head)?.files ??
    new Map();
  const files: {
    filename: string;
    status: 'added' | 'modified' | 'removed';
  }[] = [];
  for (const [name, content] of to) {
    const old = from.get(name);
    if (!old) files.push({ filename: name, status: 'added' });
    else if (!old.equals(content))
      files.push({ filename: name, status: 'modified' });
  }
  for (const name of from.keys())
    if (!to.has(name)) files.push({ filename: name, status: 'removed' });
  return files.sort((a, b) => a.filename.localeCompare(b.filename));
}

/** `/repos/{o}/{r}/pulls...`: `rest` is what follows `pulls` (`''`, `/7`, `/7/merge`, `/7/files`). */
export function pullsApi(
  repo: ForgeRepository,
  method: string,
  rest: string,
  url: URL,
  body: Record<string, unknown>,
  pullJson: (pull: ForgePull) => Record<string, unknown>,
): ForgeAnswer {
  const [, numberText, action] = rest.split('/');
  if (!numberText) {
    if (method === 'GET') {
      const state = url.searchParams.get('state') ?? 'open';
      const head = url.searchParams.get('head')?.split(':').pop();
      const perPage = Number(url.searchParams.get('per_page') ?? 30);
      const page = Number(url.searchParams.get('page') ?? 1);
      const list = repo
        .pulls(state === 'closed' || state === 'all' ? state : 'open')
        .filter(p => !head || p.head === head)
        .slice((page - 1) * perPage, page * perPage);
      return { status: 200, body: list.map(pullJson) };
    }
    const head = String(body.head ?? '')
      .split(':')
      .pop()!;
    if (typeof body.title !== 'string' || !head)
      return unprocessable('title and head are required');
    if (!repo.hasBranch(head))
      return unprocessable(`head ${head} is not a branch`);
    if (repo.pulls('open').some(p => p.head === head)) {
      return unprocessable(
        `A pull request already exists for ${repo.owner}:${head}.`,
      );
    }
    const pull = repo.openPull({
      head,
      base: typeof body.base === 'string' ? body.base : undefined,
      title: body.title,
      body: typeof body.body === 'string' ? body.body : '',
      draft: body.draft === true,
    });
    return { status: 201, body: pullJson(pull) };
  }
  const pull = repo.pull(Number(numberText));
  if (!pull) return notFound();
  if (action === 'files' && method === 'GET')
    return { status: 200, body: pullFiles(repo, pull) };
  if (action === 'merge' && method === 'PUT') {
    if (pull.state !== 'open')
      return {
        status: 405,
        body: { message: 'Pull Request is not mergeable' },
      };
    const merged = repo.mergePull(pull.number);
    return {
      status: 200,
      body: {
        merged: true,
        sha: merged.mergeCommitSha,
        message: 'Pull Request successfully merged',
      },
    };
  }
  if (action) return notFound();
  if (method === 'GET') return { status: 200, body: pullJson(pull) };
  if (method === 'PATCH') {
    const changes: Parameters<ForgeRepository['updatePull']>[1] = {};
    if (typeof body.title === 'string') changes.title = body.title;
    if (typeof body.body === 'string') changes.body = body.body;
    if (body.state === 'open' || body.state === 'closed')
      changes.state = body.state;
    return {
      status: 200,
      body: pullJson(repo.updatePull(pull.number, changes)),
    };
  }
  return notFound();
}
