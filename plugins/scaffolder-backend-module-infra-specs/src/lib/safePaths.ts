import { promises as fs } from 'node:fs';
import {
  basename,
  dirname,
  isAbsolute,
  join,
  relative,
  resolve,
  sep,
} from 'node:path';
import { NotAllowedError } from '@backstage/errors';

/**
 * The real path of `path`, also when it (or its tail) does not exist yet: the nearest
 * existing ancestor is resolved through its symlinks and the missing rest is appended.
 * A dangling symlink is followed to where it points.
 */
export async function realPathOf(path: string): Promise<string> {
  const absolute = resolve(path);
  try {
    return await fs.realpath(absolute);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw error;
    }
  }
  try {
    const stat = await fs.lstat(absolute);
    if (stat.isSymbolicLink()) {
      const target = await fs.readlink(absolute);
      return realPathOf(resolve(dirname(absolute), target));
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw error;
    }
  }
  const parent = dirname(absolute);
  if (parent === absolute) {
    return absolute;
  }
  return join(await realPathOf(parent), basename(absolute));
}

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return (
    rel === '' ||
    (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))
  );
}

/**
 * Resolves a relative path below `base`, refusing absolute paths and `..` segments that
 * leave it. `what` names the input in the error (`targetPath`).
 */
export function resolveRelativeChild(
  base: string,
  path: string,
  what: string,
): string {
  if (isAbsolute(path) || /^[a-zA-Z]:[\\/]/.test(path)) {
    throw new NotAllowedError(
      `${what} '${path}' must be relative to ${base}, not absolute`,
    );
  }
  const target = resolve(base, path);
  if (!isInside(resolve(base), target) || target === resolve(base)) {
    throw new NotAllowedError(`${what} '${path}' points outside ${base}`);
  }
  return target;
}

/** The configured roots, resolved against `cwd` and through their symlinks. */
export async function resolveRoots(
  roots: string[],
  cwd: string,
): Promise<string[]> {
  return Promise.all(roots.map(root => realPathOf(resolve(cwd, root))));
}

/**
 * Checks that `path` (absolute) stays inside one of `roots` (already real paths) once every
 * symlink on the way is resolved. Returns the matching root and the real path.
 */
export async function assertInsideRoots(
  roots: string[],
  path: string,
  configKey: string,
): Promise<{ root: string; realPath: string }> {
  if (roots.length === 0) {
    throw new NotAllowedError(
      `Refusing to write ${path}: no folder is allowed; add its root to ${configKey}`,
    );
  }
  const lexical = resolve(path);
  const realPath = await realPathOf(lexical);
  const root = roots.find(r => isInside(r, realPath));
  if (root) {
    return { root, realPath };
  }
  const lexicalRoot = roots.find(r => isInside(r, lexical));
  if (lexicalRoot) {
    throw new NotAllowedError(
      `Refusing to write ${path}: a symlink on the way leads to ${realPath}, outside the allowed root ${lexicalRoot} (${configKey})`,
    );
  }
  throw new NotAllowedError(
    `Refusing to write ${path}: it is outside the allowed root${
      roots.length > 1 ? 's' : ''
    } ${roots.join(', ')} (${configKey})`,
  );
}

/**
 * Writes a file that must not exist yet (`overwrite: false`) or replaces it atomically
 * (rename over it: a symlink in its place is replaced, never followed).
 */
export async function writeNewFile(
  path: string,
  content: string,
  options: { overwrite: boolean },
): Promise<void> {
  await fs.mkdir(dirname(path), { recursive: true });
  if (!options.overwrite) {
    try {
      await fs.writeFile(path, content, { encoding: 'utf8', flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new NotAllowedError(
          `Refusing to overwrite ${path}: the file exists; pass overwrite: true to replace it`,
        );
      }
      throw error;
    }
    return;
  }
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${Date.now()}.tmp`,
  );
  await fs.writeFile(temporary, content, { encoding: 'utf8', flag: 'wx' });
  try {
    await fs.rename(temporary, path);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}
