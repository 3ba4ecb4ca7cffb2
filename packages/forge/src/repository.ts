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

type Branch = { sha: string; files: Map<string, Buffer> };

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
      throw new Error(`A forge repository is named owner/name, not ${fullName}`);
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
    options: { branch?: string; replace?: boolean } = {},
  ): string {
    const branch = options.branch ?? this.defaultBranch;
    const base = options.replace
      ? new Map<string, Buffer>()
      : new Map(
          (
            this.#branches.get(branch) ??
            this.#branches.get(this.defaultBranch)
          )?.files ?? [],
        );
    for (const [name, content] of Object.entries(changes)) {
      const key = name.replace(/^\/+/, '');
      if (content === null) base.delete(key);
      else base.set(key, toBuffers({ [key]: content }).get(key)!);
    }
    this.#commitCount += 1;
    const hash = createHash('sha1').update(
      `${this.fullName} ${branch} ${this.#commitCount}\0`,
    );
    for (const [name, content] of [...base].sort(([a], [b]) =>
      a.localeCompare(b),
    )) {
      hash.update(`${name}\0${blobSha(content)}\0`);
    }
    const head = { sha: hash.digest('hex'), files: base };
    this.#branches.set(branch, head);
    this.#commits.set(head.sha, head);
    return head.sha;
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
    if (fault.endpoints && !fault.endpoints.includes(endpoint)) return undefined;
    return fault.fault;
  }

  /** A branch name or commit sha to the commit it names. @internal */
  resolve(ref: string): Branch | undefined {
    return this.#branches.get(ref) ?? this.#commits.get(ref);
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
