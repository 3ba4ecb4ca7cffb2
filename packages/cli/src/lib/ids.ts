import { promises as fs, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { findSpecIds } from '@infra-specs/backstage-plugin-infra-specs-common';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);
/** Only the head of big files is searched: ids sit in names and headers. */
const MAX_SCAN_BYTES = 1024 * 1024;
const MAX_FILES = 20000;

/**
 * Every id of `prefix` (see findSpecIds) in the names of files and folders under `dir` and in its
 * markdown files (ids of the folder-per-spec layout live only in `spec.md`). A missing folder has none.
 */
export async function scanIds(dir: string, prefix: string): Promise<string[]> {
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
      for (const id of findSpecIds(entry.name, prefix)) found.add(id);
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
          for (const id of findSpecIds(
            buffer.toString('utf8', 0, bytesRead),
            prefix,
          )) {
            found.add(id);
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
