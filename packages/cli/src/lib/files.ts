import { promises as fs, type Dirent } from 'node:fs';
import { join, resolve } from 'node:path';

/** Folders never walked into: dependencies and VCS data hold no specs of this repository. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

/** Larger files are reported as unreadable instead of being loaded into memory. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** A path as the user wrote it (or below a folder they named) and its absolute form. */
export interface FoundFile {
  /** For output: the argument joined with the path below it, e.g. `docs/specs/done/a.md`. */
  path: string;
  absolute: string;
  /** True when the user named the file itself rather than a folder holding it. */
  explicit: boolean;
}

export interface MissingPath {
  path: string;
  message: string;
}

/** A file system error as a short reason (`no such file or directory`). */
export function errorMessage(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return e?.message ?? String(error);
  }
}

const isMarkdown = (name: string) => /\.md$/i.test(name);
const byName = (a: Dirent, b: Dirent) => compareStrings(a.name, b.name);

/** Code-point order: the same on every machine, unlike localeCompare. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

async function walk(
  display: string,
  absolute: string,
  files: FoundFile[],
  missing: MissingPath[],
): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(absolute, { withFileTypes: true });
  } catch (error) {
    missing.push({
      path: display,
      message: `cannot read folder: ${errorMessage(error)}`,
    });
    return;
  }
  for (const entry of entries.sort(byName)) {
    const childDisplay = join(display, entry.name);
    const childAbsolute = join(absolute, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) {
        await walk(childDisplay, childAbsolute, files, missing);
      }
    } else if (isMarkdown(entry.name)) {
      // Regular files and symbolic links to files; links to folders are not followed (no cycles).
      if (entry.isSymbolicLink()) {
        const target = await fs.stat(childAbsolute).catch(() => undefined);
        if (target?.isDirectory()) continue;
      }
      if (entry.isFile() || entry.isSymbolicLink()) {
        files.push({
          path: childDisplay,
          absolute: childAbsolute,
          explicit: false,
        });
      }
    }
  }
}

/**
 * The markdown files named by `paths`: files as given (whatever their extension), folders walked
 * recursively for `*.md`, skipping `node_modules` and `.git`. Paths that do not exist or cannot be
 * read are returned in `missing`, never thrown.
 */
export async function collectMarkdownFiles(
  paths: string[],
  cwd: string,
): Promise<{ files: FoundFile[]; missing: MissingPath[] }> {
  const files: FoundFile[] = [];
  const missing: MissingPath[] = [];
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    let stat;
    try {
      stat = await fs.stat(absolute);
    } catch (error) {
      missing.push({ path, message: errorMessage(error) });
      continue;
    }
    if (stat.isDirectory()) {
      await walk(path, absolute, files, missing);
    } else {
      files.push({ path, absolute, explicit: true });
    }
  }
  return { files, missing };
}

/** The text of a file, or why it cannot be read. */
export async function readTextFile(
  absolute: string,
): Promise<{ text: string } | { error: string }> {
  try {
    const stat = await fs.stat(absolute);
    if (stat.isDirectory()) return { error: 'is a directory' };
    if (stat.size > MAX_FILE_BYTES) {
      return {
        error: `file is ${(stat.size / 1048576).toFixed(0)} MB, more than the ${
          MAX_FILE_BYTES / 1048576
        } MB read at most`,
      };
    }
    return { text: await fs.readFile(absolute, 'utf8') };
  } catch (error) {
    return { error: errorMessage(error) };
  }
}
