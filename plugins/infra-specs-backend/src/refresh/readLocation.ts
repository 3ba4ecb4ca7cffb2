import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { isAbsolute, join, relative, resolve as resolvePath, sep } from 'node:path';
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  NotModifiedError,
} from '@backstage/errors';
import { outsideComponentFolder } from './locationPolicy';
import { pathInFolder } from './repositoryReads';
import type { SpecLocation } from './specLocation';

/**
 * How recent a local file's modification may be for its timestamp not to be trusted (as git's
 * "racy" entries): a change within the same tick of the file system's clock could keep it.
 */
const RACY_MS = 2000;

/** One markdown file of a location; `path` is relative, with forward slashes. */
export interface LocationFile {
  path: string;
  content: Buffer;
}

export type LocationRead =
  | { notModified: true }
  | {
      notModified: false;
      /** What to pass next time to skip an unchanged folder; null when the source has none. */
      etag: string | null;
      files: LocationFile[];
      warnings: string[];
    };

export interface ReadLocationOptions {
  /** The etag of the last successful read, to make an unchanged folder cheap. */
  etag?: string;
  signal?: AbortSignal;
  maxFileBytes: number;
  /** Markdown files a location may hold (skipped large ones included). */
  maxFiles: number;
  /** Bytes the markdown files of a location may add up to. */
  maxBytes: number;
  allowedRoots: string[];
  /** A local read must also stay inside this folder (the component's own); see the location policy. */
  componentFolder?: string;
}

function isMarkdown(path: string) {
  return path.toLowerCase().endsWith('.md');
}

function tooLarge(path: string, size: number, max: number) {
  return `Skipped ${path}: ${size} bytes is more than infraSpecs.refresh.maxFileBytes (${max})`;
}

/**
 * Counts the markdown files of one read against `maxFiles` and `maxBytes`, so a read can stop
 * at the first file over a limit instead of finding out after holding everything.
 */
class ReadBudget {
  #files = 0;
  #bytes = 0;

  constructor(
    private readonly target: string,
    private readonly options: Pick<ReadLocationOptions, 'maxFiles' | 'maxBytes'>,
  ) {}

  /** Counts one file (`bytes` 0 for one that is skipped); the error once the read is over a limit. */
  add(bytes: number): Error | undefined {
    this.#files += 1;
    this.#bytes += bytes;
    if (this.#files > this.options.maxFiles) {
      return new InputError(
        `Refused to read ${this.target}: it holds more than ${this.options.maxFiles} markdown files (infraSpecs.refresh.maxFiles)`,
      );
    }
    if (this.#bytes > this.options.maxBytes) {
      return new InputError(
        `Refused to read ${this.target}: its markdown files add up to more than ${this.options.maxBytes} bytes (infraSpecs.refresh.maxBytes)`,
      );
    }
    return undefined;
  }
}

/** Reads the markdown files of a spec location, remote through the UrlReader or local from disk. */
export async function readLocation(
  location: SpecLocation,
  urlReader: UrlReaderService,
  options: ReadLocationOptions,
): Promise<LocationRead> {
  if (location.type === 'url') {
    return readRemote(location.url, urlReader, options);
  }
  return readLocal(location.path, options);
}

/**
 * Reads a tree through the UrlReader within the limits. The archive readers (GitHub, GitLab,
 * Bitbucket, Azure) call the filter with each entry's size while they stream, before they buffer
 * it: the budget is kept there, and the first entry over a limit aborts the request through the
 * signal, so the rest of the archive is neither downloaded nor held. Readers that give no sizes
 * are checked again on the buffers, file by file.
 */
async function readRemote(
  url: string,
  urlReader: UrlReaderService,
  options: ReadLocationOptions,
): Promise<LocationRead> {
  const warnings: string[] = [];
  const streamed = new ReadBudget(url, options);
  const stop = new AbortController();
  let refused: Error | undefined;
  const signal = options.signal
    ? AbortSignal.any([options.signal, stop.signal])
    : stop.signal;
  let response;
  let entries;
  try {
    response = await urlReader.readTree(url, {
      etag: options.etag,
      signal,
      filter: (path, info) => {
        if (refused || !isMarkdown(path)) {
          return false;
        }
        if (info) {
          const skip = info.size > options.maxFileBytes;
          refused = streamed.add(skip ? 0 : info.size);
          if (refused) {
            stop.abort(refused);
            return false;
          }
          if (skip) {
            warnings.push(tooLarge(path, info.size, options.maxFileBytes));
            return false;
          }
        }
        return true;
      },
    });
    entries = await response.files();
  } catch (error) {
    if (refused) {
      throw refused;
    }
    if ((error as Error)?.name === NotModifiedError.name) {
      return { notModified: true };
    }
    throw error;
  }
  if (refused) {
    // A reader that ignores the signal still gets nothing more from the filter.
    throw refused;
  }
  const held = new ReadBudget(url, options);
  const files: LocationFile[] = [];
  for (const file of entries) {
    options.signal?.throwIfAborted();
    // Readers may ignore the filter; apply it again.
    if (!isMarkdown(file.path)) {
      continue;
    }
    const content = await file.content();
    const skip = content.length > options.maxFileBytes;
    const over = held.add(skip ? 0 : content.length);
    if (over) {
      throw over;
    }
    if (skip) {
      warnings.push(tooLarge(file.path, content.length, options.maxFileBytes));
      continue;
    }
    files.push({ path: file.path.replace(/\\/g, '/'), content });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { notModified: false, etag: response.etag || null, files, warnings };
}

/** One location of a shared repository read: its target, and its folder inside the read's tree. */
export interface RepositoryReadMember {
  target: string;
  /** Relative to the URL read, without slashes at either end; '' for all of it. */
  folder: string;
}

export type RepositoryRead =
  | { notModified: true }
  | {
      notModified: false;
      etag: string | null;
      /** Per member, in order: its files, or why it failed on its own (a missing folder, a limit). */
      reads: Array<Extract<LocationRead, { notModified: false }> | Error>;
    };

export type ReadRepositoryOptions = Pick<
  ReadLocationOptions,
  'etag' | 'signal' | 'maxFileBytes' | 'maxFiles' | 'maxBytes'
>;

/** What one member of a repository read has gathered so far. */
class MemberRead {
  seen = false;
  refused: Error | undefined;
  readonly streamed: ReadBudget;
  readonly held: ReadBudget;
  readonly warnings: string[] = [];
  readonly files: LocationFile[] = [];

  constructor(
    readonly member: RepositoryReadMember,
    options: ReadRepositoryOptions,
  ) {
    this.streamed = new ReadBudget(member.target, options);
    this.held = new ReadBudget(member.target, options);
  }
}

/**
 * Reads the folders of many locations in one tree read of `url`: one commit lookup (and, when
 * the commit is new, one archive) for all of them. Each member keeps the limits of a read of
 * its own: a member over `maxFiles`/`maxBytes` stops collecting and fails alone, and a member
 * whose folder is not in the tree fails alone. The archive is only cut off once every member
 * is over a limit. A failure of the read itself is thrown: it is every member's.
 */
export async function readRepository(
  url: string,
  members: RepositoryReadMember[],
  urlReader: UrlReaderService,
  options: ReadRepositoryOptions,
): Promise<RepositoryRead> {
  const states = members.map(member => new MemberRead(member, options));
  const stop = new AbortController();
  const signal = options.signal
    ? AbortSignal.any([options.signal, stop.signal])
    : stop.signal;
  const allRefused = () => states.every(s => s.refused);
  let response;
  let entries;
  try {
    response = await urlReader.readTree(url, {
      etag: options.etag,
      signal,
      filter: (path, info) => {
        let wanted = false;
        for (const state of states) {
          const own = pathInFolder(path, state.member.folder);
          if (own === undefined) {
            continue;
          }
          state.seen = true;
          if (state.refused || !isMarkdown(path)) {
            continue;
          }
          if (info) {
            const skip = info.size > options.maxFileBytes;
            state.refused = state.streamed.add(skip ? 0 : info.size);
            if (state.refused) {
              continue;
            }
            if (skip) {
              state.warnings.push(tooLarge(own, info.size, options.maxFileBytes));
              continue;
            }
          }
          wanted = true;
        }
        if (allRefused()) {
          stop.abort(states[0].refused);
        }
        return wanted;
      },
    });
    entries = await response.files();
  } catch (error) {
    if ((error as Error)?.name === NotModifiedError.name) {
      return { notModified: true };
    }
    if (!allRefused()) {
      throw error;
    }
  }
  if (response && entries && !allRefused()) {
    for (const file of entries) {
      options.signal?.throwIfAborted();
      const path = file.path.replace(/\\/g, '/');
      const owners = states.flatMap(state => {
        const own = pathInFolder(path, state.member.folder);
        return own === undefined ? [] : [{ state, own }];
      });
      owners.forEach(o => (o.state.seen = true));
      // Readers may ignore the filter; apply it again.
      if (!isMarkdown(path) || owners.every(o => o.state.refused)) {
        continue;
      }
      const content = await file.content();
      const skip = content.length > options.maxFileBytes;
      for (const { state, own } of owners) {
        if (state.refused) {
          continue;
        }
        state.refused = state.held.add(skip ? 0 : content.length);
        if (state.refused) {
          continue;
        }
        if (skip) {
          state.warnings.push(tooLarge(own, content.length, options.maxFileBytes));
          continue;
        }
        state.files.push({ path: own, content });
      }
    }
  }
  const etag = response?.etag || null;
  return {
    notModified: false,
    etag,
    reads: states.map(state => {
      if (state.refused) {
        return state.refused;
      }
      if (!state.seen) {
        return new NotFoundError(
          `Spec folder ${state.member.target} does not exist${etag ? ` at commit ${etag}` : ''}`,
        );
      }
      state.files.sort((a, b) => (a.path < b.path ? -1 : 1));
      return { notModified: false, etag, files: state.files, warnings: state.warnings };
    }),
  };
}

function isInside(root: string, path: string) {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

function realPaths(folders: string[]): string[] {
  const out: string[] = [];
  for (const folder of folders) {
    try {
      out.push(fs.realpathSync(folder));
    } catch {
      // A configured root that does not exist allows nothing.
    }
  }
  return out;
}

/** Folders a local read must stay inside, as written and as real paths, with how to name them. */
interface Area {
  folders: string[];
  real: string[];
  name: string;
}

function areasOf(options: ReadLocationOptions): Area[] {
  const roots = options.allowedRoots.map(root => resolvePath(root));
  const areas: Area[] = [
    {
      folders: roots,
      real: realPaths(roots),
      name: `infraSpecs.local.allowedRoots (${roots.length ? roots.join(', ') : 'none configured'})`,
    },
  ];
  if (options.componentFolder) {
    const folder = resolvePath(options.componentFolder);
    areas.push({ folders: [folder], real: realPaths([folder]), name: outsideComponentFolder(folder) });
  }
  return areas;
}

/**
 * Reads a local folder, refusing anything outside `infraSpecs.local.allowedRoots` and, unless
 * config allows more, outside the component's own folder (checked on the path as written, so
 * `..` cannot escape, and on the real path, so a symlink cannot either), all before anything
 * is read. The etag hashes every file's path with its size, modification time and inode (its
 * content when it changed within RACY_MS), so an unchanged folder is stats only.
 *
 * Synchronous file system calls on purpose: spec folders are a few small files on a local
 * disk, and the thread-pool round trips of the async API cost more than the reads
 * (measured with bench:index). The walk yields between folders.
 */
async function readLocal(
  dir: string,
  options: ReadLocationOptions,
): Promise<LocationRead> {
  const areas = areasOf(options);
  for (const area of areas) {
    if (!area.folders.some(folder => isInside(folder, dir))) {
      throw new NotAllowedError(`Refused to read ${dir}: it is outside ${area.name}`);
    }
  }
  let realDir: string;
  try {
    realDir = fs.realpathSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new NotFoundError(`Spec folder ${dir} does not exist`);
    }
    throw error;
  }
  for (const area of areas) {
    if (!area.real.some(folder => isInside(folder, realDir))) {
      throw new NotAllowedError(
        `Refused to read ${dir}: it resolves through a symlink to ${realDir}, outside ${area.name}`,
      );
    }
  }
  const stat = fs.statSync(realDir);
  if (!stat.isDirectory()) {
    throw new InputError(`Spec location ${dir} is not a folder`);
  }

  const budget = new ReadBudget(dir, options);
  const found: Array<{ path: string; real: string; content?: Buffer }> = [];
  const warnings: string[] = [];
  const visited = new Set<string>([realDir]);
  // The ETag: each file's path with its size, modification time and inode, so an unchanged
  // folder costs a walk of stats and no reads; files changed within RACY_MS count by content.
  const hash = createHash('sha256');
  const startedAt = Date.now();

  const walk = async (absolute: string, relativeDir: string) => {
    // Let other work (API requests) run between folders.
    await new Promise(resolve => setImmediate(resolve));
    const entries = fs.readdirSync(absolute, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      options.signal?.throwIfAborted();
      if (entry.name.startsWith('.') || entry.name === 'node_modules') {
        continue;
      }
      const entryPath = join(absolute, entry.name);
      const rel = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
      let real = entryPath;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          real = fs.realpathSync(entryPath);
        } catch {
          warnings.push(`Skipped ${rel}: broken symlink`);
          continue;
        }
        const outside = areas.find(area => !area.real.some(folder => isInside(folder, real)));
        if (outside) {
          throw new NotAllowedError(
            `Refused to read ${dir}: ${rel} is a symlink to ${real}, outside ${outside.name}`,
          );
        }
        const target = fs.statSync(real);
        isDir = target.isDirectory();
        isFile = target.isFile();
      }
      if (isDir) {
        if (!visited.has(real)) {
          visited.add(real);
          await walk(real, rel);
        }
      } else if (isFile && isMarkdown(entry.name)) {
        const fileStat = fs.statSync(real);
        const size = fileStat.size;
        const skip = size > options.maxFileBytes;
        const over = budget.add(skip ? 0 : size);
        if (over) {
          throw over;
        }
        if (skip) {
          warnings.push(tooLarge(rel, size, options.maxFileBytes));
          continue;
        }
        hash.update(rel).update('\0');
        if (startedAt - fileStat.mtimeMs < RACY_MS) {
          // Changed too recently for its timestamp to tell a later change apart: by content.
          const content = fs.readFileSync(real);
          hash.update('c').update(createHash('sha256').update(content).digest());
          found.push({ path: rel, real, content });
        } else {
          hash.update(`s${size}\0${fileStat.mtimeMs}\0${fileStat.ino}\0`);
          found.push({ path: rel, real });
        }
      }
    }
  };
  await walk(realDir, '');

  const etag = `sha256:${hash.digest('hex')}`;
  if (options.etag === etag) {
    return { notModified: true };
  }
  const files: LocationFile[] = found.map(file => ({
    path: file.path,
    content: file.content ?? fs.readFileSync(file.real),
  }));
  return { notModified: false, etag, files, warnings };
}
