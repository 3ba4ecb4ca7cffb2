import { createHash } from 'node:crypto';
import fs from 'node:fs';
import {
  isAbsolute,
  join,
  relative,
  resolve as resolvePath,
  sep,
} from 'node:path';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { outsideComponentFolder } from './locationPolicy';
import { isLocationFile, ReadBudget, tooLarge } from './readBudget';
import type {
  LocationFile,
  LocationRead,
  ReadLocationOptions,
} from './readLocation';

/**
 * How recent a local file's modification may be for its timestamp not to be trusted (as git's
 * "racy" entries): a change within the same tick of the file system's clock could keep it.
 */
const RACY_MS = 2000;

function isInside(root: string, path: string) {
  const rel = relative(root, path);
  return (
    rel === '' ||
    (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))
  );
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
      name: `infraSpecs.local.allowedRoots (${
        roots.length ? roots.join(', ') : 'none configured'
      })`,
    },
  ];
  if (options.componentFolder) {
    const folder = resolvePath(options.componentFolder);
    areas.push({
      folders: [folder],
      real: realPaths([folder]),
      name: outsideComponentFolder(folder),
    });
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
export async function readLocalFolder(
  dir: string,
  options: ReadLocationOptions,
): Promise<LocationRead> {
  const areas = areasOf(options);
  for (const area of areas) {
    if (!area.folders.some(folder => isInside(folder, dir))) {
      throw new NotAllowedError(
        `Refused to read ${dir}: it is outside ${area.name}`,
      );
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
        const outside = areas.find(
          area => !area.real.some(folder => isInside(folder, real)),
        );
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
      } else if (isFile && isLocationFile(entry.name)) {
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
          hash
            .update('c')
            .update(createHash('sha256').update(content).digest());
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
