import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gitData, graphql, listCommits, type ForgeAnswer } from './gitApi';
import { gitlabRoute, handleGitlab } from './gitlabApi';
import { pullsApi } from './pullsApi';
import {
  blobSha,
  filesFromFolder,
  ForgeRepository,
  type ForgeEndpoint,
  type ForgeFiles,
  type ForgePull,
  type GeneratedTree,
} from './repository';
import { sendGeneratedTarball, sendTarball } from './tarball';
import {
  deliverWebhook,
  webhookOf,
  type ForgeWebhook,
  type ForgeWebhookDelivery,
  type ForgeWebhookTarget,
} from './webhooks';

/**
 * The `integrations.github[]` (or, for the GitLab flavour, `integrations.gitlab[]`) entry that
 * points Backstage's integration at the forge.
 */
export type ForgeIntegrationConfig = {
  host: string;
  apiBaseUrl: string;
  /** GitHub only. */
  rawBaseUrl?: string;
  /** GitLab only. */
  baseUrl?: string;
  token: string;
};

/** Which REST API the forge speaks: GitHub's (default) or GitLab's v4 (reads only). */
export type ForgeFlavor = 'github' | 'gitlab';

/** A GitHub-compatible forge on 127.0.0.1. */
export type Forge = {
  /** `127.0.0.1:<port>`: the integration's `host`, and the host of every URL it reads. */
  host: string;
  apiBaseUrl: string;
  rawBaseUrl: string;
  flavor: ForgeFlavor;
  /** The entry for `integrations.github` (or `integrations.gitlab`). */
  integration: ForgeIntegrationConfig;
  /** `integrations` config holding that entry under the flavour's key. */
  integrations: {
    github?: ForgeIntegrationConfig[];
    gitlab?: ForgeIntegrationConfig[];
  };
  /**
   * Adds a repository `owner/name` from files, a fixture folder, or a generated tree. Returns it
   * for changes (`write`, `remove`, `replace`) and faults (`fail`).
   */
  addRepository(
    fullName: string,
    source?: {
      files?: ForgeFiles;
      folder?: string;
      generated?: GeneratedTree;
      defaultBranch?: string;
    },
  ): ForgeRepository;
  repository(fullName: string): ForgeRepository;
  /** A browsable URL as catalog annotations hold them: `.../tree/<ref>/<path>` or `/blob/`. */
  url(
    fullName: string,
    path?: string,
    options?: { ref?: string; kind?: 'tree' | 'blob' },
  ): string;
  /** The browsable URL of a pull request, `.../pull/<n>`, as its `html_url`. */
  pullUrl(fullName: string, number: number): string;
  /** Calls `listener` with every webhook (push, pull_request) as it happens; returns an unsubscribe. */
  onWebhook(listener: (webhook: ForgeWebhook) => void): () => void;
  /** Posts every webhook from now on to `target`, signed as GitHub signs them. */
  deliverWebhooks(target: ForgeWebhookTarget): void;
  /** Resolves once every webhook posted so far has been answered; lists all deliveries. */
  deliveries(): Promise<ForgeWebhookDelivery[]>;
  /** Requests received, to one endpoint (or all), of one repository (or all). */
  requests(endpoint?: ForgeEndpoint, fullName?: string): number;
  /** Forgets the request counts. */
  resetRequests(): void;
  /** Stops the server, cutting off requests left hanging. */
  close(): Promise<void>;
};

const TOKEN = 'forge-test-token';

type Route = {
  endpoint: ForgeEndpoint;
  pattern: RegExp;
  /** Methods it answers besides GET. */
  writes?: string[];
};

// Order matters: the commit status lookup ends in `/status`, which a ref may not.
const ROUTES: Route[] = [
  { endpoint: 'graphql', pattern: /^\/api\/graphql$/, writes: ['POST'] },
  { endpoint: 'commits', pattern: /^\/api\/repos\/([^/]+)\/([^/]+)\/commits$/ },
  {
    endpoint: 'git',
    pattern: /^\/api\/repos\/([^/]+)\/([^/]+)\/git\/(.+)$/,
    writes: ['POST', 'PATCH'],
  },
  {
    endpoint: 'pulls',
    pattern: /^\/api\/repos\/([^/]+)\/([^/]+)\/pulls(\/.*)?$/,
    writes: ['POST', 'PATCH', 'PUT'],
  },
  {
    endpoint: 'status',
    pattern: /^\/api\/repos\/([^/]+)\/([^/]+)\/commits\/(.+)\/status$/,
  },
  {
    endpoint: 'commit',
    pattern: /^\/api\/repos\/([^/]+)\/([^/]+)\/commits\/(.+)$/,
  },
  {
    endpoint: 'branch',
    pattern: /^\/api\/repos\/([^/]+)\/([^/]+)\/branches\/(.+)$/,
  },
  {
    endpoint: 'tarball',
    pattern: /^\/api\/repos\/([^/]+)\/([^/]+)\/tarball\/(.+)$/,
  },
  {
    endpoint: 'contents',
    pattern: /^\/api\/repos\/([^/]+)\/([^/]+)\/contents\/(.*)$/,
  },
  { endpoint: 'repository', pattern: /^\/api\/repos\/([^/]+)\/([^/]+)$/ },
  { endpoint: 'raw', pattern: /^\/raw\/([^/]+)\/([^/]+)\/(.+)$/ },
];

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

function notFound(res: http.ServerResponse) {
  sendJson(res, 404, {
    message: 'Not Found',
    documentation_url: 'https://docs.github.com/rest',
  });
}

/**
 * Starts a forge on a free port of 127.0.0.1 that answers what Backstage's `GithubUrlReader`
 * asks for `readTree` and `readUrl`: the repository (default branch), branch, commit and
 * commit-status lookups, the tarball of a commit (a real tar.gz of the in-memory files), file
 * contents from the API (`Accept: application/vnd.github.v3.raw`, with the blob sha as ETag)
 * and from the raw host.
 */
export async function startForge(
  settings: {
    /** Which REST API the forge speaks; GitHub's by default. */
    flavor?: ForgeFlavor;
    /** A fixed port (the demo's); by default a free one. */
    port?: number;
  } = {},
): Promise<Forge> {
  const flavor = settings.flavor ?? 'github';
  const repositories = new Map<string, ForgeRepository>();
  const counts: { endpoint: ForgeEndpoint; repo?: string }[] = [];
  let base = '';

  function repoJson(repo: ForgeRepository) {
    const api = `${base}/api/repos/${repo.fullName}`;
    return {
      id: [...repositories.keys()].indexOf(repo.fullName) + 1,
      name: repo.name,
      full_name: repo.fullName,
      owner: { login: repo.owner },
      private: false,
      // What the scaffolder's pull request action checks before it pushes a branch.
      permissions: {
        admin: true,
        maintain: true,
        push: true,
        triage: true,
        pull: true,
      },
      default_branch: repo.defaultBranch,
      clone_url: `${base}/${repo.fullName}.git`,
      html_url: `${base}/${repo.fullName}`,
      url: api,
      archive_url: `${api}/{archive_format}{/ref}`,
      trees_url: `${api}/git/trees{/sha}`,
    };
  }

  function pullUrl(repo: ForgeRepository, number: number) {
    return `${base}/${repo.fullName}/pull/${number}`;
  }

  function pullJson(repo: ForgeRepository, pull: ForgePull) {
    const side = (ref: string, sha: string) => ({
      ref,
      sha,
      label: `${repo.owner}:${ref}`,
      repo: repoJson(repo),
    });
    return {
      id: pull.number,
      number: pull.number,
      state: pull.state,
      title: pull.title,
      body: pull.body,
      draft: pull.draft,
      merged: pull.merged,
      merge_commit_sha: pull.mergeCommitSha,
      closed_at: pull.closedAt,
      merged_at: pull.mergedAt,
      html_url: pullUrl(repo, pull.number),
      url: `${base}/api/repos/${repo.fullName}/pulls/${pull.number}`,
      user: { login: 'forge-bot' },
      head: side(pull.head, repo.resolve(pull.head)?.sha ?? pull.baseSha),
      base: side(pull.base, repo.sha(pull.base)),
    };
  }

  function answer(res: http.ServerResponse, { status, body }: ForgeAnswer) {
    sendJson(res, status, body);
  }

  function handle(
    route: Route,
    match: RegExpMatchArray,
    url: URL,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: Record<string, unknown>,
  ) {
    if (route.endpoint === 'graphql') {
      return answer(
        res,
        graphql(name => repositories.get(name), body, pullUrl),
      );
    }
    const repo = repositories.get(`${match[1]}/${match[2]}`)!;
    const rest = decodeURIComponent(match[3] ?? '');
    const method = req.method ?? 'GET';
    switch (route.endpoint) {
      case 'commits':
        return answer(res, listCommits(repo, url));
      case 'git':
        return answer(res, gitData(repo, method, rest, body));
      case 'pulls':
        return answer(
          res,
          pullsApi(repo, method, rest, url, body, pull => pullJson(repo, pull)),
        );
      case 'repository':
        return sendJson(res, 200, repoJson(repo));
      case 'branch': {
        if (!repo.hasBranch(rest)) return notFound(res);
        const sha = repo.sha(rest);
        return sendJson(res, 200, { name: rest, commit: { sha } });
      }
      case 'commit':
      case 'status': {
        const commit = repo.resolve(rest);
        if (!commit) return notFound(res);
        if (route.endpoint === 'commit') {
          return sendJson(res, 200, {
            sha: commit.sha,
            commit: { tree: { sha: commit.treeSha }, message: commit.message },
            parents: commit.parents.map(sha => ({ sha })),
          });
        }
        return sendJson(res, 200, {
          state: 'success',
          sha: commit.sha,
          total_count: 0,
          statuses: [],
          repository: repoJson(repo),
        });
      }
      case 'tarball': {
        const commit = repo.resolve(rest);
        if (!commit) return notFound(res);
        if (repo.generated) return sendGeneratedTarball(res, repo, commit.sha);
        return sendTarball(res, repo, commit.sha, commit.files);
      }
      case 'contents':
      case 'raw': {
        let ref: string;
        let filePath: string;
        if (route.endpoint === 'contents') {
          ref = url.searchParams.get('ref') ?? repo.defaultBranch;
          filePath = rest;
        } else {
          // The raw host puts the ref first; refs with slashes are matched longest first.
          const parts = rest.split('/');
          const cut = parts.findIndex((_, i) =>
            repo.resolve(parts.slice(0, i + 1).join('/')),
          );
          if (cut < 0) return notFound(res);
          ref = parts.slice(0, cut + 1).join('/');
          filePath = parts.slice(cut + 1).join('/');
        }
        const content = repo.resolve(ref)?.files.get(filePath);
        if (!content) return notFound(res);
        const etag = `"${blobSha(content)}"`;
        res.setHeader('etag', etag);
        if (req.headers['if-none-match'] === etag) {
          res.statusCode = 304;
          return res.end();
        }
        if (req.method === 'HEAD') return res.end();
        const raw =
          route.endpoint === 'raw' ||
          String(req.headers.accept ?? '').includes('raw');
        if (raw) {
          res.setHeader('content-type', 'application/octet-stream');
          return res.end(content);
        }
        return sendJson(res, 200, {
          type: 'file',
          name: filePath.split('/').pop(),
          path: filePath,
          sha: blobSha(content),
          size: content.length,
          encoding: 'base64',
          content: content.toString('base64'),
        });
      }
      default:
        return notFound(res);
    }
  }

  function projectJson(repo: ForgeRepository) {
    return {
      id: [...repositories.keys()].indexOf(repo.fullName) + 1,
      name: repo.name,
      path: repo.name,
      path_with_namespace: repo.fullName,
      default_branch: repo.defaultBranch,
      web_url: `${base}/${repo.fullName}`,
    };
  }

  /** GitLab names a project by its path or its numeric id. */
  function projectNamed(project: string) {
    if (/^\d+$/.test(project))
      return [...repositories.values()][Number(project) - 1];
    return repositories.get(project);
  }

  function serveGitlab(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
  ) {
    const route = gitlabRoute(url.pathname);
    const repo = route && projectNamed(route.project);
    counts.push({
      endpoint: route?.endpoint ?? 'unknown',
      repo: repo?.fullName,
    });
    if (req.method !== 'GET' || !route || !repo) return notFound(res);
    const fault = repo.faultFor(route.endpoint);
    if (fault === 'hang') return undefined;
    if (fault === 404) return notFound(res);
    if (fault === 500)
      return sendJson(res, 500, { message: '500 Internal Server Error' });
    return handleGitlab(repo, route, url, res, projectJson);
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', base);
    if (flavor === 'gitlab') {
      try {
        serveGitlab(req, res, url);
      } catch (error) {
        sendJson(res, 400, { message: String(error) });
      }
      return;
    }
    const route = ROUTES.find(r => r.pattern.test(url.pathname));
    const match = route && url.pathname.match(route.pattern);
    const fullName = match?.[1] ? `${match[1]}/${match[2]}` : undefined;
    const repo = fullName ? repositories.get(fullName) : undefined;
    counts.push({
      endpoint: route?.endpoint ?? 'unknown',
      repo: repo?.fullName,
    });
    const method = req.method ?? 'GET';
    const answers =
      method === 'GET' ||
      (method === 'HEAD' && route?.endpoint === 'contents') ||
      route?.writes?.includes(method);
    if (
      !answers ||
      !route ||
      !match ||
      (!repo && route.endpoint !== 'graphql')
    ) {
      notFound(res);
      return;
    }
    const fault = repo?.faultFor(route.endpoint);
    if (fault === 'hang') return; // never answered; close() cuts it off
    if (fault === 404) {
      notFound(res);
      return;
    }
    if (fault === 500) {
      sendJson(res, 500, { message: 'Server Error' });
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      try {
        const text = Buffer.concat(chunks).toString('utf8');
        handle(route, match, url, req, res, text ? JSON.parse(text) : {});
      } catch (error) {
        // A bad path or body (e.g. broken percent-encoding) must not take the test process down.
        sendJson(res, 400, { message: String(error) });
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = `127.0.0.1:${port}`;
  base = `http://${host}`;
  const integration: ForgeIntegrationConfig =
    flavor === 'gitlab'
      ? { host, apiBaseUrl: `${base}/api/v4`, baseUrl: base, token: TOKEN }
      : {
          host,
          apiBaseUrl: `${base}/api`,
          rawBaseUrl: `${base}/raw`,
          token: TOKEN,
        };

  const webhookListeners = new Set<(webhook: ForgeWebhook) => void>();
  const deliveries: Promise<ForgeWebhookDelivery>[] = [];
  const json = {
    repository: (name: string) =>
      flavor === 'gitlab'
        ? projectJson(repositoryNamed(name))
        : repoJson(repositoryNamed(name)),
    pull: (name: string, number: number) => {
      const repo = repositoryNamed(name);
      return pullJson(repo, repo.pull(number)!);
    },
  };

  function repositoryNamed(fullName: string) {
    const repo = repositories.get(fullName);
    if (!repo) throw new Error(`The forge has no repository ${fullName}`);
    return repo;
  }

  return {
    host,
    apiBaseUrl: integration.apiBaseUrl,
    rawBaseUrl: integration.rawBaseUrl ?? '',
    flavor,
    integration,
    integrations: { [flavor]: [integration] },
    addRepository(fullName, source = {}) {
      if (repositories.has(fullName)) {
        throw new Error(`The forge already has a repository ${fullName}`);
      }
      const repo = new ForgeRepository(fullName, {
        files: {
          ...(source.folder ? filesFromFolder(source.folder) : {}),
          ...source.files,
        },
        generated: source.generated,
        defaultBranch: source.defaultBranch,
      });
      repositories.set(repo.fullName, repo);
      repo.onChange(change => {
        if (!webhookListeners.size) return;
        const webhook = webhookOf(repo.fullName, change, json, flavor);
        if (!webhook) return;
        for (const listener of webhookListeners) listener(webhook);
      });
      return repo;
    },
    repository: repositoryNamed,
    url(fullName, path = '', options = {}) {
      const repo = repositoryNamed(fullName);
      const ref = options.ref ?? repo.defaultBranch;
      const tail = path.replace(/^\/+/, '');
      // GitLab puts `/-/` before the kind of page.
      const kind = `${flavor === 'gitlab' ? '-/' : ''}${
        options.kind ?? 'tree'
      }`;
      return `${base}/${repo.fullName}/${kind}/${ref}${tail ? `/${tail}` : ''}`;
    },
    pullUrl: (fullName, number) => pullUrl(repositoryNamed(fullName), number),
    onWebhook(listener) {
      webhookListeners.add(listener);
      return () => webhookListeners.delete(listener);
    },
    deliverWebhooks(target) {
      webhookListeners.add(webhook => {
        deliveries.push(deliverWebhook(target, webhook));
      });
    },
    deliveries: () => Promise.all(deliveries),
    requests(endpoint, fullName) {
      return counts.filter(
        c =>
          (!endpoint || c.endpoint === endpoint) &&
          (!fullName || c.repo === fullName),
      ).length;
    },
    resetRequests() {
      counts.length = 0;
    },
    close() {
      return new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
