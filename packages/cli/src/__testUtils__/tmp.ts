import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CliIo } from '../lib/io';

/** A temporary folder with the given files (path -> content), removed by the returned cleanup. */
export function tempFolder(files: Record<string, string> = {}): {
  dir: string;
  write(path: string, content: string): string;
  cleanup(): void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'infra-specs-cli-'));
  const write = (path: string, content: string) => {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    return target;
  };
  for (const [path, content] of Object.entries(files)) write(path, content);
  return {
    dir,
    write,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** An io that records what a command writes. */
export function recordingIo(
  cwd: string,
  now = new Date('2026-03-04T10:00:00Z'),
) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    cwd,
    stdout: text => out.push(text),
    stderr: text => err.push(text),
    now: () => now,
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}
