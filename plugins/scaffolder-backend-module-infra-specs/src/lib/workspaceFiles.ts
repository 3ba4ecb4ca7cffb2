import { promises as fs } from 'node:fs';
import { isAbsolute, join, sep } from 'node:path';
import { isChildPath } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { escapePath, glob, isDynamicPattern } from 'tinyglobby';

/** Folders never read: dependencies and VCS metadata can hold thousands of unrelated markdown files. */
export const IGNORED = ['**/node_modules/**', '**/.git/**'];

/** More files than this is a mistaken glob, not a spec folder. */
export const MAX_FILES = 5000;

export interface WorkspaceFile {
  /** Relative to the workspace, forward slashes. */
  path: string;
  /** The pattern named this file itself (not through a glob). */
  explicit: boolean;
}

/**
 * Refuses patterns that could reach out of the workspace: absolute paths and `..` segments
 * (tinyglobby follows both).
 */
export function assertWorkspacePattern(pattern: string): void {
  const normalized = pattern.replace(/\\/g, '/');
  if (
    isAbsolute(pattern) ||
    /^[a-zA-Z]:\//.test(normalized) ||
    normalized.startsWith('/')
  ) {
    throw new NotAllowedError(
      `Path '${pattern}' must be relative to the workspace, not absolute`,
    );
  }
  if (normalized.split('/').includes('..')) {
    throw new NotAllowedError(
      `Path '${pattern}' must not contain '..': it would leave the workspace`,
    );
  }
}

/**
 * The markdown files that `patterns` (paths or globs, relative to the workspace) name.
 * Globs do not follow symlinks; a path named explicitly that resolves outside the workspace
 * (through a symlink) is refused.
 */
export async function listWorkspaceFiles(
  workspace: string,
  patterns: string[],
): Promise<WorkspaceFile[]> {
  patterns.forEach(assertWorkspacePattern);
  const globs: string[] = [];
  const explicit = new Set<string>();
  for (const pattern of patterns) {
    const path = pattern
      .replace(/\\/g, '/')
      .replace(/^(\.\/)+/, '')
      .replace(/\/+$/, '');
    if (isDynamicPattern(path)) {
      globs.push(path);
      continue;
    }
    let stat;
    try {
      stat = await fs.stat(join(workspace, path));
    } catch {
      throw new InputError(`Path '${pattern}' does not exist in the workspace`);
    }
    if (!isChildPath(workspace, join(workspace, path))) {
      throw new NotAllowedError(
        `Path '${pattern}' is a symlink that leads out of the workspace`,
      );
    }
    if (stat.isDirectory()) {
      // a folder stands for the markdown files below it
      globs.push(
        path === '' || path === '.' ? '**/*.md' : `${escapePath(path)}/**/*.md`,
      );
    } else {
      explicit.add(path);
    }
  }
  const paths =
    globs.length === 0
      ? []
      : await glob(globs, {
          cwd: workspace,
          ignore: IGNORED,
          onlyFiles: true,
          followSymbolicLinks: false,
          expandDirectories: false,
          dot: false,
        });
  const files = [
    ...new Set([...explicit, ...paths.map(p => p.split(sep).join('/'))]),
  ].sort((a, b) => a.localeCompare(b));
  if (files.length > MAX_FILES) {
    throw new InputError(
      `The paths ${patterns.join(', ')} match ${
        files.length
      } files, more than ${MAX_FILES}; name the spec folders instead`,
    );
  }
  for (const path of files) {
    if (!isChildPath(workspace, join(workspace, path))) {
      throw new NotAllowedError(
        `Path '${path}' is a symlink that leads out of the workspace`,
      );
    }
  }
  return files.map(path => ({ path, explicit: explicit.has(path) }));
}
