import type {
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  type GithubCredentialsProvider,
  type ScmIntegrationRegistry,
} from '@backstage/integration';
import type { SpecDocument } from '@infra-specs/backstage-plugin-infra-specs-common';
import { Octokit } from '@octokit/rest';
import type { InfraSpecsConfig } from '../config';
import type {
  ProposedSpecWrite,
  PullRequestStore,
  SpecIndexStore,
  StoredPullRequest,
} from '../database/SpecStore';
import { contentHash } from './planLocation';
import {
  changedPathsIn,
  classifyPullRequestSpecs,
  locationsOnBase,
  proposedSpecName,
  readGithubPullRequest,
  readPullRequestEvent,
  type GithubPullRequest,
} from './pullRequestEvents';
import { readLocation } from './readLocation';
import type { SpecParser } from './SpecParser';

export type PullRequestIndexerStore = PullRequestStore &
  Pick<SpecIndexStore, 'listLocations' | 'getLocationSnapshot'>;

const PER_PAGE = 100;
/** GitHub lists at most 3000 files of a pull request; more pages than that mean a loop. */
const MAX_PAGES = 30;

/** Every item of a paged GitHub list, page by page until a short one. */
async function allPages<T>(
  fetchPage: (page: number) => Promise<{ data: T[] }>,
): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { data } = await fetchPage(page);
    out.push(...data);
    if (data.length < PER_PAGE) break;
  }
  return out;
}

type HeadSpec = {
  path: string;
  document: SpecDocument;
  markdown: string;
  hash: string;
};

/** The scheduled task that looks up open pull requests (`infraSpecs.pullRequests.schedule`). */
export const PULL_REQUESTS_TASK_ID = 'infra-specs-pull-requests';

/**
 * Specs in review: records which open pull request changes which merged spec, and parses the
 * specs that exist only on a pull request's branch (proposed), from `github.pull_request` events
 * and, on the scheduled refresh, from the forge's list of open pull requests (for missed events).
 * A closed pull request is forgotten: a merged one's specs arrive through the base branch's
 * refresh, a closed unmerged one's proposals disappear.
 */
export class PullRequestIndexer {
  readonly #store: PullRequestIndexerStore;
  readonly #urlReader: UrlReaderService;
  readonly #integrations: ScmIntegrationRegistry;
  readonly #credentials: GithubCredentialsProvider;
  readonly #parser: SpecParser;
  readonly #config: InfraSpecsConfig;
  readonly #logger: LoggerService;
  readonly #now: () => Date;

  constructor(options: {
    store: PullRequestIndexerStore;
    urlReader: UrlReaderService;
    integrations: ScmIntegrationRegistry;
    parser: SpecParser;
    config: InfraSpecsConfig;
    logger: LoggerService;
    now?: () => Date;
  }) {
    this.#store = options.store;
    this.#urlReader = options.urlReader;
    this.#integrations = options.integrations;
    this.#credentials = DefaultGithubCredentialsProvider.fromIntegrations(
      options.integrations,
    );
    this.#parser = options.parser;
    this.#config = options.config;
    this.#logger = options.logger;
    this.#now = options.now ?? (() => new Date());
  }

  /** A `github.pull_request` event (as the GitHub events module publishes webhooks). */
  async onEvent(payload: unknown): Promise<void> {
    const event = readPullRequestEvent(payload);
    if (!event) {
      return;
    }
    const { pull } = event;
    if (event.kind === 'closed') {
      await this.#store.removePullRequest(pull.repository, pull.number);
      return;
    }
    await this.index(pull);
  }

  /** Reads what one open pull request changes and proposes, and stores it in place of the last. */
  async index(pull: GithubPullRequest): Promise<void> {
    const locations = locationsOnBase(
      pull,
      (await this.#store.listLocations()).filter(l => !l.removedAt),
    );
    const stored: StoredPullRequest = {
      repository: pull.repository,
      number: pull.number,
      url: pull.url,
      title: pull.title,
      headSha: pull.headSha,
    };
    const at = this.#now().toISOString();
    if (!locations.length) {
      await this.#store.replacePullRequest(
        stored,
        { changes: [], proposed: [] },
        at,
      );
      return;
    }
    const files = await this.#changedFiles(pull);
    const taken = await this.#store.listProposedNames({
      repository: pull.repository,
      number: pull.number,
    });
    const changes: string[] = [];
    const proposed: ProposedSpecWrite[] = [];
    for (const { location, folder } of locations) {
      const changedPaths = changedPathsIn(folder, files);
      if (!changedPaths.some(p => p.toLowerCase().endsWith('.md'))) {
        continue;
      }
      const [headSpecs, snapshot] = await Promise.all([
        this.#readHead(pull, folder),
        this.#store.getLocationSnapshot(location.componentRef),
      ]);
      const found = classifyPullRequestSpecs({
        changedPaths,
        headSpecs,
        stored: snapshot.specs,
      });
      changes.push(...found.changes);
      const lint = this.#parser.lintSet(headSpecs);
      for (const spec of found.proposed) {
        const name = proposedSpecName(
          this.#parser.entityName(spec.document, spec.path, new Set()),
          pull.number,
          taken,
        );
        taken.add(name);
        proposed.push({
          name,
          componentRef: location.componentRef,
          path: spec.path,
          ownerRef: location.ownerRef,
          locationTarget: location.target,
          viewUrl: `${pull.repoUrl}/blob/${pull.headSha}/${[folder, spec.path]
            .filter(Boolean)
            .join('/')}`,
          markdown: spec.markdown,
          contentHash: spec.hash,
          document: spec.document,
          setDiagnostics: [...(lint.get(spec.path) ?? [])],
        });
      }
    }
    await this.#store.replacePullRequest(stored, { changes, proposed }, at);
    if (changes.length || proposed.length) {
      this.#logger.info(
        `Pull request ${pull.url} changes ${changes.length} spec(s) and proposes ${proposed.length}`,
      );
    }
  }

  /**
   * The fallback for missed events, run with the scheduled refresh: lists the open pull requests
   * of every GitHub repository that holds a spec location, reads those whose head moved since
   * (or that are new) and forgets the stored ones that are no longer open.
   */
  async reconcile(): Promise<{ read: number; removed: number }> {
    const locations = (await this.#store.listLocations()).filter(
      l => !l.removedAt,
    );
    const repositories = new Map<
      string,
      { host: string; owner: string; repo: string }
    >();
    for (const location of locations) {
      const repository = githubRepositoryOf(
        location.target,
        this.#integrations,
      );
      if (repository) {
        repositories.set(
          `${repository.host}/${repository.owner}/${repository.repo}`.toLowerCase(),
          repository,
        );
      }
    }
    const stored = await this.#store.listPullRequests();
    const open = new Set<string>();
    let read = 0;
    for (const [key, { host, owner, repo }] of repositories) {
      let pulls: unknown[];
      try {
        const octokit = await this.#octokit(host, `${owner}/${repo}`);
        pulls = await allPages(page =>
          octokit.rest.pulls.list({
            owner,
            repo,
            state: 'open',
            per_page: PER_PAGE,
            page,
          }),
        );
      } catch (error) {
        // Unknown now: keep what is stored for this repository until the next run.
        stored
          .filter(p => p.repository === key)
          .forEach(p => open.add(`${p.repository}#${p.number}`));
        this.#logger.warn(
          `Listing the open pull requests of ${key} failed: ${stringifyError(
            error,
          )}`,
        );
        continue;
      }
      for (const item of pulls) {
        const pull = readGithubPullRequest(item);
        if (!pull || pull.repository !== key) continue;
        open.add(`${pull.repository}#${pull.number}`);
        const known = stored.find(
          p => p.repository === key && p.number === pull.number,
        );
        if (known?.headSha === pull.headSha && known.title === pull.title)
          continue;
        try {
          await this.index(pull);
          read += 1;
        } catch (error) {
          this.#logger.warn(
            `Reading pull request ${pull.url} failed: ${stringifyError(error)}`,
          );
        }
      }
    }
    const gone = stored.filter(p => !open.has(`${p.repository}#${p.number}`));
    for (const pull of gone) {
      await this.#store.removePullRequest(pull.repository, pull.number);
    }
    return { read, removed: gone.length };
  }

  async #octokit(host: string, fullName: string): Promise<Octokit> {
    const integration = this.#integrations.github.byHost(host);
    if (!integration) {
      throw new Error(`No integrations.github entry for ${host}`);
    }
    const { token } = await this.#credentials.getCredentials({
      url: `https://${host}/${fullName}`,
    });
    return new Octokit({ auth: token, baseUrl: integration.config.apiBaseUrl });
  }

  /** The paths the pull request adds, changes or removes (both sides of a rename). */
  async #changedFiles(pull: GithubPullRequest): Promise<string[]> {
    const [owner, repo] = pull.fullName.split('/');
    const octokit = await this.#octokit(pull.host, pull.fullName);
    const files = await allPages(page =>
      octokit.rest.pulls.listFiles({
        owner,
        repo,
        pull_number: pull.number,
        per_page: PER_PAGE,
        page,
      }),
    );
    return files.flatMap(f => [
      f.filename,
      ...(f.previous_filename ? [f.previous_filename] : []),
    ]);
  }

  /** The spec files of the location's folder at the pull request's head commit. */
  async #readHead(
    pull: GithubPullRequest,
    folder: string,
  ): Promise<HeadSpec[]> {
    const url = `${pull.repoUrl}/tree/${pull.headSha}${
      folder ? `/${folder}` : ''
    }`;
    const read = await readLocation(
      { type: 'url', target: url, url },
      this.#urlReader,
      {
        maxFileBytes: this.#config.refresh.maxFileBytes,
        maxFiles: this.#config.refresh.maxFiles,
        maxBytes: this.#config.refresh.maxBytes,
        allowedRoots: [],
        signal: AbortSignal.timeout(this.#config.refresh.locationTimeoutMs),
      },
    );
    if (read.notModified) {
      return [];
    }
    const candidates = read.files
      .filter(file => this.#parser.mayBeSpec(file.path))
      .map(file => ({ file, markdown: file.content.toString('utf8') }));
    // Through the worker pool, as the refresh parses: off the main thread, with its timeout.
    const outcomes = await this.#parser.parseMany(
      candidates.map(({ file, markdown }) => ({ markdown, path: file.path })),
    );
    const specs: HeadSpec[] = [];
    candidates.forEach(({ file, markdown }, i) => {
      const outcome = outcomes[i];
      if ('error' in outcome) {
        this.#logger.warn(`Skipped ${file.path} of ${url}: ${outcome.error}`);
        return;
      }
      if (this.#parser.isSpec(file.path, outcome.document)) {
        specs.push({
          path: file.path,
          document: outcome.document,
          markdown,
          hash: contentHash(this.#parser.fingerprint, file.content),
        });
      }
    });
    return specs;
  }
}

/** The GitHub repository of a location target, when an `integrations.github` entry covers its host. */
function githubRepositoryOf(
  target: string,
  integrations: ScmIntegrationRegistry,
): { host: string; owner: string; repo: string } | undefined {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return undefined;
  }
  if (!integrations.github.byHost(url.host)) {
    return undefined;
  }
  const [owner, repo] = url.pathname.split('/').filter(Boolean);
  return owner && repo
    ? { host: url.host.toLowerCase(), owner, repo: repo.replace(/\.git$/, '') }
    : undefined;
}
