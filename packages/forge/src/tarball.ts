import type { ServerResponse } from 'node:http';
import { pack as createPack, type Pack } from 'tar-stream';
import { createGzip } from 'node:zlib';
import type { ForgeRepository } from './repository';

/** Adds one entry, resolving once the pack accepted it (so a slow reader slows the writer). */
function addEntry(pack: Pack, name: string, content: Buffer): Promise<void> {
  return new Promise((resolve, reject) =>
    pack.entry({ name, size: content.length, mode: 0o644 }, content, err =>
      err ? reject(err) : resolve(),
    ),
  );
}

/**
 * Sends a commit's files as GitHub's tarball endpoint does: a gzipped tar whose entries sit
 * under one top folder `{owner}-{repo}-{short sha}/`, which readers strip.
 */
export function sendTarball(
  res: ServerResponse,
  repo: ForgeRepository,
  sha: string,
  files: Map<string, Buffer>,
): void {
  const pack = createPack();
  const root = `${repo.owner}-${repo.name}-${sha.slice(0, 7)}`;
  res.setHeader('content-type', 'application/x-gzip');
  res.setHeader('content-disposition', `attachment; filename=${root}.tar.gz`);
  pack.pipe(createGzip()).pipe(res);
  (async () => {
    for (const [name, content] of [...files].sort(([a], [b]) =>
      a.localeCompare(b),
    )) {
      await addEntry(pack, `${root}/${name}`, content);
    }
    pack.finalize();
  })().catch(() => res.destroy());
}

/**
 * Sends a generated tree, made up while it is sent and stopped when the client hangs up. Plain
 * tar rather than gzip (GitHub's readers take both): its repeated content would compress so well
 * that the socket buffers would hold most of the tree, and a test could not see the read stop.
 */
export function sendGeneratedTarball(
  res: ServerResponse,
  repo: ForgeRepository,
  sha: string,
): void {
  const generated = repo.generated!;
  const pack = createPack();
  const root = `${repo.owner}-${repo.name}-${sha.slice(0, 7)}`;
  const folder = generated.folder ?? 'specs';
  const content = Buffer.alloc(generated.fileBytes, 0x78);
  let next = 0;
  let closed = false;
  res.on('close', () => {
    closed = true;
    pack.destroy();
    repo.generatedDownloadEnded(next < generated.files);
  });
  res.setHeader('content-type', 'application/x-tar');
  pack.pipe(res);
  (async () => {
    while (next < generated.files && !closed) {
      const name = `${root}/${folder}/SPEC-${next}.md`;
      next += 1;
      generated.stats.generated += 1;
      await addEntry(pack, name, content);
    }
    if (!closed) pack.finalize();
  })().catch(() => res.destroy());
}
