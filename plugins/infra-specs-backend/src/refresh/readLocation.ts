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
import type { SpecLocation } from './specLocation';

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
  allowedRoots: string[];
  /** Stops a local walk that would read more files than this. */
  maxFiles?: number;
}

function isMarkdown(path: string) {
  return path.toLowerCase().endsWith('.md');
}

function tooLarge(path: string, size: number, max: number) {
  return `Skipped ${path}: ${size} bytes is more than infraSpecs.refresh.maxFileBytes (${max})`;
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

async function readRemote(
  url: string,
  urlReader: UrlReaderService,
  options: ReadLocationOptions,
): Promise<LocationRead> {
  const warnings: string[] = [];
  let response;
  try {
    response = await urlReader.readTree(url, {
      etag: options.etag,
      signal: options.signal,
      filter: (path, info) => {
        if (!isMarkdown(path)) {
          return false;
        }
        if (info && info.size > options.maxFileBytes) {
          warnings.push(tooLarge(path, info.size, options.maxFileBytes));
          return false;
        }
        return true;
      },
    });
  } catch (error) {
    if ((error as Error)?.name === NotModifiedError.name) {
      return { notModified: true };
    }
    throw error;
  }
  const files: LocationFile[] = [];
  for (const file of await response.files()) {
    options.signal?.throwIfAborted();
    // Readers may ignore the filter; apply it again.
    if (!isMarkdown(file.path)) {
      continue;
    }
    const content = await file.content();
    if (content.length > options.maxFileBytes) {
      warnings.push(tooLarge(file.path, content.length, options.maxFileBytes));
      continue;
    }
    files.push({ path: file.path.replace(/\\/g, '/'), content });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { notModified: false, etag: response.etag || null, files, warnings };
}

function isInside(root: string, path: string) {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

function realRoots(roots: string[]): string[] {
  const out: string[] = [];
  for (const root of roots) {
    try {
      out.push(fs.realpathSync(root));
    } catch {
      // A configured root that does not exist allows nothing.
    }
  }
  return out;
}

/**
 * Reads a local folder, refusing anything outside `infraSpecs.local.allowedRoots`
 * (checked on the path as written, so `..` cannot escape, and on the real path, so a
 * symlink cannot either). The etag is a hash of every file's path and content.
 *
 * Synchronous file system calls on purpose: spec folders are a few small files on a local
 * disk, and the thread-pool round trips of the async API cost more than the reads
 * (measured with bench:index). The walk yields between folders.
 */
async function readLocal(
  dir: string,
  options: ReadLocationOptions,
): Promise<LocationRead> {
  const roots = options.allowedRoots;
  const rootList = roots.length ? roots.join(', ') : 'none configured';
  if (!roots.some(root => isInside(resolvePath(root), dir))) {
    throw new NotAllowedError(
      `Refused to read ${dir}: it is outside infraSpecs.local.allowedRoots (${rootList})`,
    );
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
  const allowed = realRoots(roots);
  if (!allowed.some(root => isInside(root, realDir))) {
    throw new NotAllowedError(
      `Refused to read ${dir}: it resolves through a symlink to ${realDir}, outside infraSpecs.local.allowedRoots (${rootList})`,
    );
  }
  const stat = fs.statSync(realDir);
  if (!stat.isDirectory()) {
    throw new InputError(`Spec location ${dir} is not a folder`);
  }

  const maxFiles = options.maxFiles ?? 10_000;
  const files: LocationFile[] = [];
  const warnings: string[] = [];
  const visited = new Set<string>([realDir]);

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
        if (!allowed.some(root => isInside(root, real))) {
          throw new NotAllowedError(
            `Refused to read ${dir}: ${rel} is a symlink to ${real}, outside infraSpecs.local.allowedRoots (${rootList})`,
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
        const size = fs.statSync(real).size;
        if (size > options.maxFileBytes) {
          warnings.push(tooLarge(rel, size, options.maxFileBytes));
          continue;
        }
        if (files.length >= maxFiles) {
          throw new InputError(
            `Spec folder ${dir} holds more than ${maxFiles} markdown files`,
          );
        }
        files.push({ path: rel, content: fs.readFileSync(real) });
      }
    }
  };
  await walk(realDir, '');

  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file.path).update('\0');
    hash.update(createHash('sha256').update(file.content).digest());
  }
  const etag = `sha256:${hash.digest('hex')}`;
  if (options.etag === etag) {
    return { notModified: true };
  }
  return { notModified: false, etag, files, warnings };
}
