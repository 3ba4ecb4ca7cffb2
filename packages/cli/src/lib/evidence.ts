/*
 * A spec's evidence files (Infracost JSON, plan JSON) read from disk for `lint` and `parse`. Which
 * files and what they say is decided in infra-specs-common (evidenceTargetsOf, the readers,
 * parseSpec's evidence option); this only reads them, bounded: inside the evidence root (after
 * symbolic links), at most --max-evidence-bytes, never a URL.
 */
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
import {
  evidenceReadFailure,
  evidenceTargetsOf,
  readInfracostEstimate,
  readTerraformPlan,
  type CostDriftThresholds,
  type SpecDocument,
  type SpecEvidenceInput,
  type SpecEvidenceOptions,
  type SpecEvidenceTarget,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { UsageError } from './io';
import { errorMessage } from './files';
import {
  DEFAULT_MAX_EVIDENCE_BYTES,
  type EvidenceCliOptions,
} from './evidenceOptions';

/** How evidence is read for one run of a command. */
export interface EvidenceReader {
  /** The evidence of one spec, as parseSpec's `evidence` option takes it (thresholds included). */
  read(spec: {
    absolute: string;
    document: Pick<SpecDocument, 'evidence'>;
  }): Promise<SpecEvidenceOptions>;
}

const URL_REFUSED =
  'the CLI reads evidence from disk only, not URLs; CI has the files next to the spec: write or commit the file there and link its relative path';

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return (
    rel === '' ||
    (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`))
  );
}

function size(bytes: number): string {
  return bytes >= 1048576
    ? `${(bytes / 1048576).toFixed(1)} MiB (${bytes} bytes)`
    : `${bytes} bytes`;
}

/** The text of a regular file of at most maxBytes, or why it is not read. */
async function readBounded(
  path: string,
  maxBytes: number,
): Promise<{ text: string } | { reason: string }> {
  const tooLarge = (bytes: number) => ({
    reason: `it is ${size(bytes)}, more than --max-evidence-bytes ${maxBytes}`,
  });
  let handle;
  try {
    handle = await fs.open(path, 'r');
  } catch (error) {
    return { reason: errorMessage(error) };
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) return { reason: 'is a directory' };
    // A FIFO or a device could block or never end.
    if (!stat.isFile()) return { reason: 'not a regular file' };
    if (stat.size > maxBytes) return tooLarge(stat.size);
    // Read one byte more than allowed, so a file that grew since stat is still caught.
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(
        buffer,
        length,
        buffer.length - length,
        null,
      );
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) return tooLarge(length);
      if (length === buffer.length) break;
    }
    return { text: buffer.subarray(0, length).toString('utf8') };
  } catch (error) {
    return { reason: errorMessage(error) };
  } finally {
    await handle.close();
  }
}

/** The nearest folder at or above `folder` holding `.git` (a folder, or a worktree's file). */
async function gitRootOf(
  folder: string,
  cache: Map<string, Promise<string | null>>,
): Promise<string | null> {
  const cached = cache.get(folder);
  if (cached) return cached;
  const found = (async () => {
    const exists = await fs
      .lstat(join(folder, '.git'))
      .then(() => true)
      .catch(() => false);
    if (exists) return folder;
    const parent = dirname(folder);
    return parent === folder ? null : gitRootOf(parent, cache);
  })();
  cache.set(folder, found);
  return found;
}

/** Names of the files beside a `spec.md` (the sibling infracost.json / plan.json candidates). */
async function siblingNames(absolute: string): Promise<string[]> {
  if (basename(absolute).toLowerCase() !== 'spec.md') return [];
  try {
    const entries = await fs.readdir(dirname(absolute), {
      withFileTypes: true,
    });
    return entries
      .filter(e => e.isFile() || e.isSymbolicLink())
      .map(e => e.name);
  } catch {
    return [];
  }
}

function linkPath(target: string): string {
  const path = target.split(/[?#]/, 1)[0];
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

/**
 * The evidence reader for a command's options; null with `--no-evidence`. A given
 * `--evidence-root` must be a folder (a UsageError otherwise).
 */
export async function createEvidenceReader(
  options: EvidenceCliOptions,
  cwd: string,
): Promise<EvidenceReader | null> {
  if (options.evidence === false) return null;
  const maxBytes = options.maxEvidenceBytes ?? DEFAULT_MAX_EVIDENCE_BYTES;
  const thresholds: Partial<CostDriftThresholds> = {};
  if (options.driftShare !== undefined)
    thresholds.driftShare = options.driftShare;
  if (options.driftAmount !== undefined)
    thresholds.driftAmount = options.driftAmount;

  let givenRoot: string | undefined;
  if (options.evidenceRoot !== undefined) {
    givenRoot = resolve(cwd, options.evidenceRoot);
    const stat = await fs.stat(givenRoot).catch(error => {
      throw new UsageError(
        `--evidence-root ${options.evidenceRoot}: ${errorMessage(error)}`,
      );
    });
    if (!stat.isDirectory())
      throw new UsageError(
        `--evidence-root ${options.evidenceRoot}: not a folder`,
      );
  }
  const gitRoots = new Map<string, Promise<string | null>>();
  const realRoots = new Map<string, Promise<string>>();
  const realRoot = (root: string) => {
    let real = realRoots.get(root);
    if (!real) {
      real = fs.realpath(root).catch(() => root);
      realRoots.set(root, real);
    }
    return real;
  };
  const shown = (absolute: string) => relative(cwd, absolute) || '.';

  async function readTarget(
    target: SpecEvidenceTarget,
    specAbsolute: string,
    root: string,
  ) {
    const { kind } = target;
    if (target.url)
      return evidenceReadFailure(kind, target.source, URL_REFUSED);
    const outside = (source: string, what: string) =>
      evidenceReadFailure(
        kind,
        source,
        `${what} outside the evidence root ${root}; the CLI reads evidence only inside it (see --evidence-root)`,
      );
    if (target.problem) {
      // A link climbing out of the root is refused by the same rule as any file outside it.
      const lexical = resolve(dirname(specAbsolute), linkPath(target.source));
      if (!isInside(root, lexical)) return outside(target.source, 'it is');
      return evidenceReadFailure(kind, target.source, target.problem);
    }
    // Targets are relative to the root (the spec's path was given relative to it).
    const lexical = resolve(root, ...target.source.split('/'));
    const source = shown(lexical);
    if (!isInside(root, lexical)) return outside(source, 'it is');
    let real: string;
    try {
      real = await fs.realpath(lexical);
    } catch (error) {
      return evidenceReadFailure(kind, source, errorMessage(error));
    }
    if (!isInside(await realRoot(root), real))
      return outside(source, `it resolves to ${real},`);
    const read = await readBounded(real, maxBytes);
    if ('reason' in read) return evidenceReadFailure(kind, source, read.reason);
    return kind === 'estimate'
      ? readInfracostEstimate(read.text, source)
      : readTerraformPlan(read.text, source);
  }

  return {
    async read(spec) {
      const root =
        givenRoot ?? (await gitRootOf(dirname(spec.absolute), gitRoots)) ?? cwd;
      const specPath = relative(root, spec.absolute).split(sep).join('/');
      const targets = evidenceTargetsOf(
        spec.document,
        specPath,
        await siblingNames(spec.absolute),
      );
      const input: SpecEvidenceInput = {};
      for (const target of targets) {
        const result = await readTarget(target, spec.absolute, root);
        if (target.kind === 'estimate')
          input.estimate = result as SpecEvidenceInput['estimate'];
        else input.plan = result as SpecEvidenceInput['plan'];
      }
      return { ...input, thresholds };
    },
  };
}
