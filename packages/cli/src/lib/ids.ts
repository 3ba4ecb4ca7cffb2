import { promises as fs, type Dirent } from 'node:fs';
import { join } from 'node:path';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);
/** Only the head of big files is searched: ids sit in names and headers. */
const MAX_SCAN_BYTES = 1024 * 1024;
const MAX_FILES = 20000;

/** Ids the `new` command allocates after or checks against. */
export const ID_PATTERNS = {
  change: /\bSPEC-\d+\b/gi,
  feature: /\bFEAT-\d+\b/gi,
  smaqit: /\bINF-[A-Z0-9]+(?:-[A-Z0-9]+)*\b/gi,
};

/**
 * Every id matching `pattern` (global) in the names of files and folders under `dir` and in its
 * markdown files (ids of the folder-per-spec layout live only in `spec.md`). A missing folder has none.
 */
export async function scanIds(dir: string, pattern: RegExp): Promise<string[]> {
  const found = new Set<string>();
  let files = 0;
  const visit = async (folder: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await fs.readdir(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (files >= MAX_FILES) return;
      for (const m of entry.name.matchAll(pattern))
        found.add(m[0].toUpperCase());
      const path = join(folder, entry.name);
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) {
        await visit(path);
      } else if (entry.isFile() && /\.md$/i.test(entry.name)) {
        files++;
        const handle = await fs.open(path, 'r').catch(() => undefined);
        if (!handle) continue;
        try {
          const buffer = Buffer.alloc(MAX_SCAN_BYTES);
          const { bytesRead } = await handle.read(buffer, 0, MAX_SCAN_BYTES, 0);
          for (const m of buffer
            .toString('utf8', 0, bytesRead)
            .matchAll(pattern)) {
            found.add(m[0].toUpperCase());
          }
        } finally {
          await handle.close();
        }
      }
    }
  };
  await visit(dir);
  return [...found];
}

/**
 * The id after the highest of `existing` (`SPEC-0041` -> `SPEC-0042`), keeping the digit width
 * the folder already uses (`SPEC-007` -> `SPEC-008`), else `minWidth` digits.
 */
export function nextSequentialId(
  prefix: string,
  existing: string[],
  minWidth: number,
): string {
  let highest = 0;
  let width = 0;
  const pattern = new RegExp(`^${prefix}-(\\d+)$`, 'i');
  for (const id of existing) {
    const m = pattern.exec(id);
    if (!m) continue;
    highest = Math.max(highest, Number(m[1]));
    width = Math.max(width, m[1].length);
  }
  return `${prefix}-${String(highest + 1).padStart(width || minWidth, '0')}`;
}

const STOP_WORDS = new Set(
  'a an and as at by for from in into of on or the to with via per new'.split(
    ' ',
  ),
);

/**
 * The smaqit concept id of a title: `GPU node pool for fraud scoring` -> `INF-GPU-NODE-POOL-FRAUD`
 * (up to four significant ASCII words); `INF-SPEC` when nothing usable is left.
 */
export function conceptId(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(w => w !== '' && !STOP_WORDS.has(w.toLowerCase()));
  const concept = words.slice(0, 4).join('-').slice(0, 40).replace(/-+$/, '');
  return `INF-${concept || 'SPEC'}`;
}

/** `base`, or `base-2`, `base-3`... whichever is not in `taken` (compared case-insensitively). */
export function uniqueId(base: string, taken: string[]): string {
  const used = new Set(taken.map(id => id.toUpperCase()));
  if (!used.has(base.toUpperCase())) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!used.has(candidate.toUpperCase())) return candidate;
  }
}
