import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** File contents by path inside the repository, e.g. `{ 'docs/specs/SPEC-0001.md': '...' }`. */
export type ForgeFiles = Record<string, string | Buffer>;

/** What a repository answers instead of its content: an HTTP status, or no answer at all. */
export type ForgeFault = 404 | 500 | 'hang';

/** The endpoints the forge serves, as `forge.requests()` counts them. */
export type ForgeEndpoint =
  | 'repository'
  | 'branch'
  | 'commit'
  | 'status'
  | 'tarball'
  | 'contents'
  | 'raw'
  | 'commits'
  | 'git'
  | 'pulls'
  | 'graphql'
  | 'unknown';

/**
 * A tree made up while it is sent: `files` markdown files of `fileBytes` each under `folder`,
 * for tests of read limits that must not hold the whole tree in memory.
 */
export type GeneratedTree = {
  files: number;
  fileBytes: number;
  /** Default `specs`. */
  folder?: string;
};

/** What the forge saw of a generated tree's downloads. */
export type GeneratedTreeStats = {
  /** Files generated so far, over every download. */
  generated: number;
  /** Whether the last download ended before its last file (the client hung up). */
  closedEarly: boolean;
  /** Resolves once the first download is over, sent in full or cut off by the client. */
  done: Promise<void>;
};

/** A commit: its files (the whole tree, by path), its tree's sha and its parents. */
export type ForgeCommit = {
  sha: string;
  treeSha: string;
  files: Map<string, Buffer>;
  parents: string[];
  message: string;
};

/** A pull request of the forge, as `pulls` lists it. */
export type ForgePull = {
  number: number;
  title: string;
  body: string;
  /** The branch it proposes, in this repository. */
  head: string;
  base: string;
  state: 'open' | 'closed';
  merged: boolean;
  draft: boolean;
  /** The base branch's head when the pull request was opened: what a merge diffs against. */
  baseSha: string;
  mergeCommitSha: string | null;
  /** ISO timestamps, as the REST API's `closed_at` and `merged_at`. */
  closedAt: string | null;
  mergedAt: string | null;
};

/** What changed in a repository, for the forge's webhooks. */
export type ForgeChange =
  | {
      kind: 'push';
      branch: string;
      before: string;
      after: string;
      added: string[];
      modified: string[];
      removed: string[];
    }
  | {
      kind: 'pull_request';
      action: 'opened' | 'synchronize' | 'edited' | 'closed' | 'reopened';
      pull: ForgePull;
    };

type Branch = ForgeCommit;
const ZERO_SHA = '0'.repeat(40);

/** Reads a fixture folder into repository files (paths with `/`, whatever the OS). */
export function filesFromFolder(folder: string): ForgeFiles {
  const files: ForgeFiles = {};
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        files[path.relative(folder, full).split(path.sep).join('/')] =
          fs.readFileSync(full);
      }
    }
  };
  walk(folder);
  return files;
}

function toBuffers(files: ForgeFiles): Map<string, Buffer> {
  return new Map(
    Object.entries(files).map(([name, content]) => [
      name.replace(/^\/+/, ''),
      Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
    ]),
  );
}

/** Git's blob id for a content: what GitHub reports as a file's `sha`. */
export function blobSha(content: Buffer): string {
  return createHash('sha1')
    .update(`blob ${content.length}\0`)
    .update(content)
    .digest('hex');
}

/**
 * One repository of the forge: branches of in-memory files, a new commit sha on every change,
 * and a fault it answers with until told otherwise.
 */
export class ForgeRepository {
  readonly owner: string;
  readonly name: string;
  readonly defaultBranch: string;
  readonly generated?: GeneratedTree & { stats: GeneratedTreeStats };
  #branches = new Map<string, Branch>();
  #commits = new Map<string, Branch>();
  #trees = new Map<string, Map<string, Buffer>>();
  #blobs = new Map<string, Buffer>();
  #pulls: ForgePull[] = [];
  #listeners: Array<(change: ForgeChange) => void> = [];
  #commitCount = 0;
  #fault?: { fault: ForgeFault; endpoints?: ForgeEndpoint[] };
  #markDone?: () => void;

  constructor(
    fullName: string,
    options: {
      files?: ForgeFiles;
      defaultBranch?: string;
      generated?: GeneratedTree;
    },
  ) {
    const [owner, name, ...rest] = fullName.split('/');
    if (!owner || !name || rest.length) {
      throw new Error(
        `A forge repository is named owner/name, not ${fullName}`,
      );
    }
    this.owner = owner;
    this.name = name;
    this.defaultBranch = options.defaultBranch ?? 'main';
    if (options.generated) {
      const stats = { generated: 0, closedEarly: false } as GeneratedTreeStats;
      stats.done = new Promise<void>(resolve => {
        this.#markDone = resolve;
      });
      this.generated = { ...options.generated, stats };
    }
    this.write(options.files ?? {});
  }

  get fullName(): string {
    return `${this.owner}/${this.name}`;
  }

  /** The head commit of a branch (default: the default branch). */
  sha(branch = this.defaultBranch): string {
    const head = this.#branches.get(branch);
    if (!head) throw new Error(`${this.fullName} has no branch ${branch}`);
    return head.sha;
  }

  /** The files at a branch head (default: the default branch). */
  files(branch = this.defaultBranch): ForgeFiles {
    const head = this.#branches.get(branch);
    if (!head) throw new Error(`${this.fullName} has no branch ${branch}`);
    return Object.fromEntries(head.files);
  }

  /**
   * Commits a change on a branch (created from the default branch if new): each path gets its
   * content, `null` deletes it. Returns the new commit sha.
   */
  write(
    changes: Record<string, string | Buffer | null>,
    options: { branch?: string; replace?: boolean; message?: string } = {},
  ): string {
    const branch = options.branch ?? this.defaultBranch;
    const parent =
      this.#branches.get(branch) ?? this.#branches.get(this.defaultBranch);
    const files = options.replace
      ? new Map<string, Buffer>()
      : new Map(parent?.files ?? []);
    for (const [name, content] of Object.entries(changes)) {
      const key = name.replace(/^\/+/, '');
      if (content === null) files.delete(key);
      else files.set(key, toBuffers({ [key]: content }).get(key)!);
    }
    const commit = this.commitTree(
      this.storeTree(files),
      parent ? [parent.sha] : [],
      options.message ?? 'forge write',
    );
    this.moveBranch(branch, commit.sha);
    return commit.sha;
  }

  /** Stores a tree (files by path) and returns its sha, as git's tree id would be. @internal */
  storeTree(files: Map<string, Buffer>): string {
    const hash = createHash('sha1');
    for (const [name, content] of [...files].sort(([a], [b]) =>
      a.localeCompare(b),
    )) {
      hash.update(`${name}\0${blobSha(content)}\0`);
      this.#blobs.set(blobSha(content), content);
    }
    const sha = hash.digest('hex');
    this.#trees.set(sha, new Map(files));
    return sha;
  }

  /** The files of a stored tree. @internal */
  tree(sha: string): Map<string, Buffer> | undefined {
    return this.#trees.get(sha);
  }

  /** Stores a blob and returns its sha. @internal */
  storeBlob(content: Buffer): string {
    const sha = blobSha(content);
    this.#blobs.set(sha, content);
    return sha;
  }

  /** A stored blob. @internal */
  blob(sha: string): Buffer | undefined {
    return this.#blobs.get(sha);
  }

  /** Creates a commit of a stored tree (not on any branch yet). @internal */
  commitTree(treeSha: string, parents: string[], message: string): ForgeCommit {
    const files = this.#trees.get(treeSha);
    if (!files) throw new Error(`${this.fullName} has no tree ${treeSha}`);
    this.#commitCount += 1;
    const sha = createHash('sha1')
      .update(
        `${this.fullName} ${this.#commitCount} ${treeSha} ${parents.join(
          ',',
        )}\0`,
      )
      .digest('hex');
    const commit = { sha, treeSha, files, parents, message };
    this.#commits.set(sha, commit);
    return commit;
  }

  /**
   * Points a branch at a commit (creating the branch if new) and tells the forge, which sends a
   * push webhook and a pull request `synchronize` for an open pull request of the branch.
   * @internal
   */
  moveBranch(branch: string, sha: string): void {
    const commit = this.#commits.get(sha);
    if (!commit) throw new Error(`${this.fullName} has no commit ${sha}`);
    const before = this.#branches.get(branch);
    this.#branches.set(branch, commit);
    // As GitHub lists a push's files: against the branch's old head, or for a new branch
    // against the commit it grew from.
    const from =
      before?.files ??
      (commit.parents[0]
        ? this.#commits.get(commit.parents[0])?.files
        : undefined) ??
      new Map<string, Buffer>();
    const added: string[] = [];
    const modified: string[] = [];
    const removed: string[] = [];
    for (const [name, content] of commit.files) {
      const old = from.get(name);
      if (!old) added.push(name);
      else if (!old.equals(content)) modified.push(name);
    }
    for (const name of from.keys()) {
      if (!commit.files.has(name)) removed.push(name);
    }
    this.#emit({
      kind: 'push',
      branch,
      before: before?.sha ?? ZERO_SHA,
      after: sha,
      added,
      modified,
      removed,
    });
    for (const pull of this.#pulls) {
      if (pull.state === 'open' && pull.head === branch) {
        this.#emit({ kind: 'pull_request', action: 'synchronize', pull });
      }
    }
  }

  /** Opens a pull request of `head` into `base` (default: the default branch). */
  openPull(options: {
    head: string;
    base?: string;
    title: string;
    body?: string;
    draft?: boolean;
  }): ForgePull {
    const base = options.base ?? this.defaultBranch;
    if (!this.#branches.has(options.head)) {
      throw new Error(`${this.fullName} has no branch ${options.head}`);
    }
    const pull: ForgePull = {
      number: this.#pulls.length + 1,
      title: options.title,
      body: options.body ?? '',
      head: options.head,
      base,
      state: 'open',
      merged: false,
      draft: options.draft ?? false,
      baseSha: this.sha(base),
      mergeCommitSha: null,
      closedAt: null,
      mergedAt: null,
    };
    this.#pulls.push(pull);
    this.#emit({ kind: 'pull_request', action: 'opened', pull });
    return pull;
  }

  /** A pull request by number, or undefined. */
  pull(number: number): ForgePull | undefined {
    return this.#pulls.find(p => p.number === number);
  }

  /** The pull requests, newest first, in one state or all. */
  pulls(state: 'open' | 'closed' | 'all' = 'open'): ForgePull[] {
    return this.#pulls
      .filter(p => state === 'all' || p.state === state)
      .reverse();
  }

  /** Changes a pull request's title, body or state, as GitHub's PATCH does. */
  updatePull(
    number: number,
    changes: Partial<Pick<ForgePull, 'title' | 'body' | 'state' | 'draft'>>,
  ): ForgePull {
    const pull = this.#pullNamed(number);
    const reopened = pull.state === 'closed' && changes.state === 'open';
    const closed = pull.state === 'open' && changes.state === 'closed';
    Object.assign(pull, changes);
    if (closed) pull.closedAt = new Date().toISOString();
    if (reopened) pull.closedAt = null;
    let action: 'closed' | 'reopened' | 'edited' = 'edited';
    if (closed) action = 'closed';
    if (reopened) action = 'reopened';
    this.#emit({ kind: 'pull_request', action, pull });
    return pull;
  }

  /** Closes a pull request without merging it. */
  closePull(number: number): ForgePull {
    return this.updatePull(number, { state: 'closed' });
  }

  /**
   * Merges a pull request: the base branch gets what the head branch changed since the pull
   * request was opened (a push), then the pull request is closed as merged.
   */
  mergePull(number: number): ForgePull {
    const pull = this.#pullNamed(number);
    if (pull.state !== 'open') {
      throw new Error(`${this.fullName}#${number} is not open`);
    }
    const from = this.#commits.get(pull.baseSha)!.files;
    const head = this.#branches.get(pull.head)!.files;
    const changes: Record<string, Buffer | null> = {};
    for (const [name, content] of head) {
      if (!from.get(name)?.equals(content)) changes[name] = content;
    }
    for (const name of from.keys()) if (!head.has(name)) changes[name] = null;
    pull.mergeCommitSha = this.write(changes, {
      branch: pull.base,
      message: `Merge pull request #${number} from ${pull.head}`,
    });
    pull.state = 'closed';
    pull.merged = true;
    pull.closedAt = pull.mergedAt = new Date().toISOString();
    this.#emit({ kind: 'pull_request', action: 'closed', pull });
    return pull;
  }

  /** Called with every change, for webhooks. @internal */
  onChange(listener: (change: ForgeChange) => void): void {
    this.#listeners.push(listener);
  }

  #emit(change: ForgeChange) {
    for (const listener of this.#listeners) listener(change);
  }

  #pullNamed(number: number): ForgePull {
    const pull = this.pull(number);
    if (!pull)
      throw new Error(`${this.fullName} has no pull request #${number}`);
    return pull;
  }

  /** Replaces every file of a branch: what a force-push of a new tree does. */
  replace(files: ForgeFiles, branch?: string): string {
    return this.write(files, { branch, replace: true });
  }

  /** Deletes files from a branch; returns the new commit sha. */
  remove(paths: string[], branch?: string): string {
    return this.write(Object.fromEntries(paths.map(p => [p, null])), {
      branch,
    });
  }

  /**
   * Answers every request (or only those to `endpoints`) with a fault until `fail(null)`:
   * a 404 as for a repository that is gone, a 500, or no answer at all.
   */
  fail(fault: ForgeFault | null, endpoints?: ForgeEndpoint[]): void {
    this.#fault = fault === null ? undefined : { fault, endpoints };
  }

  /** The fault the repository answers a request to `endpoint` with, if any. @internal */
  faultFor(endpoint: ForgeEndpoint): ForgeFault | undefined {
    const fault = this.#fault;
    if (!fault) return undefined;
    if (fault.endpoints && !fault.endpoints.includes(endpoint))
      return undefined;
    return fault.fault;
  }

  /** A branch name or commit sha to the commit it names. @internal */
  resolve(ref: string): Branch | undefined {
    return this.#branches.get(ref) ?? this.#commits.get(ref);
  }

  /** The branch names. */
  branches(): string[] {
    return [...this.#branches.keys()];
  }

  /** Branch names, for the branch lookup. @internal */
  hasBranch(ref: string): boolean {
    return this.#branches.has(ref);
  }

  /** Tells a generated tree's waiters that a download is over. @internal */
  generatedDownloadEnded(closedEarly: boolean): void {
    if (!this.generated) return;
    this.generated.stats.closedEarly = closedEarly;
    this.#markDone?.();
  }
}
