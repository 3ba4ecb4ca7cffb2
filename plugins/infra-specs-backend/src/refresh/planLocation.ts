import { createHash } from 'node:crypto';
import type {
  SpecDiagnostic,
  SpecDocument,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import type { SpecWrite, StoredSpecFile } from '../database/SpecStore';
import type { LocationFile } from './readLocation';
import {
  evidenceHash,
  evidenceTargetsIn,
  isJsonFile,
  locationJsonFiles,
  readEvidence,
  siblingTargetsIn,
} from './locationEvidence';
import type { SpecParser } from './SpecParser';

export interface LocationPlan {
  /** Every spec file of the location as it is now. */
  writes: SpecWrite[];
  /** Markdown files that are not specs: path -> hash, so they are not parsed again. */
  otherFiles: Record<string, string>;
  /** Files that went through the parser. */
  parsed: number;
  /** Whether anything but timestamps changes: if not, the location lint is kept. */
  changed: boolean;
  /** Files the parser gave up on, with why (shown with the location's read warnings). */
  warnings: string[];
  /** Whether to read the location again next time even if its ETag says unchanged. */
  retry: boolean;
}

/** The stored hash of a file: content plus parser fingerprint, so a new parser re-parses. */
export function contentHash(fingerprint: string, content: Buffer): string {
  return createHash('sha256')
    .update(fingerprint)
    .update('\0')
    .update(content)
    .digest('hex');
}

function normalizeId(id: string | null | undefined) {
  return id ? id.trim().toUpperCase() : undefined;
}

/**
 * Decides, for each markdown file of a location, whether it is a spec, whether it must be
 * parsed (only new or changed content is), and which stable name it has: the stored name
 * of its path, else the name of a spec with the same id that vanished from another path in
 * this location (a file moved to `done/` keeps its name and history), else a new name.
 */
export async function planLocation(input: {
  files: LocationFile[];
  /** The read's warnings: which files it skipped, and why (an evidence file too large). */
  readWarnings?: string[];
  stored: { specs: StoredSpecFile[]; otherFiles: Record<string, string> };
  parser: SpecParser;
  /** Names in use across the index; new names are added to it. */
  taken: Set<string>;
  viewUrl(path: string): string | null;
  /** Stored documents by name: the evidence links of specs whose stored hash covers evidence. */
  storedDocuments(names: string[]): Promise<Map<string, SpecDocument>>;
}): Promise<LocationPlan> {
  const { stored, parser, taken } = input;
  // JSON files are evidence for specs, never specs themselves.
  const files = input.files.filter(f => !isJsonFile(f.path));
  const json = locationJsonFiles(input.files, input.readWarnings ?? []);
  const byPath = new Map(stored.specs.map(s => [s.path, s]));
  const writes: SpecWrite[] = [];
  const otherFiles: Record<string, string> = {};
  const fresh: Array<
    SpecWrite & { content: NonNullable<SpecWrite['content']> }
  > = [];
  const warnings: string[] = [];
  let changed = false;
  let retry = false;

  // First the files that need the parser, so they go to it in one call (worker threads).
  const toParse: Array<{ file: LocationFile; hash: string; markdown: string }> =
    [];
  // Stored specs whose hash may cover evidence files: their links say which (one read of them).
  const withEvidence = files.filter(file => {
    const row = byPath.get(file.path);
    return (
      row &&
      (row.contentHash !== contentHash(parser.fingerprint, file.content) ||
        siblingTargetsIn(file.path, json).length > 0)
    );
  });
  const linksOf = withEvidence.length
    ? await input.storedDocuments(
        withEvidence.map(f => byPath.get(f.path)!.name),
      )
    : new Map<string, SpecDocument>();
  for (const file of files) {
    const markdownHash = contentHash(parser.fingerprint, file.content);
    const row = byPath.get(file.path);
    const storedDocument = row && linksOf.get(row.name);
    const hash = storedDocument
      ? evidenceHash(
          markdownHash,
          evidenceTargetsIn(storedDocument, file.path, json),
          json,
        )
      : markdownHash;
    if (row && row.contentHash === hash) {
      writes.push({
        name: row.name,
        path: file.path,
        viewUrl: input.viewUrl(file.path),
      });
      if (row.removedAt) {
        changed = true;
      }
      continue;
    }
    if (!row && stored.otherFiles[file.path] === hash) {
      otherFiles[file.path] = hash;
      continue;
    }
    changed = true;
    if (!parser.mayBeSpec(file.path)) {
      otherFiles[file.path] = hash;
      continue;
    }
    toParse.push({
      file,
      hash: markdownHash,
      markdown: file.content.toString('utf8'),
    });
  }

  const outcomes = await parser.parseMany(
    toParse.map(({ file, markdown }) => ({ markdown, path: file.path })),
  );
  toParse.forEach(({ file, hash, markdown }, index) => {
    const outcome = outcomes[index];
    const row = byPath.get(file.path);
    if ('error' in outcome) {
      // Nothing is lost: a stored spec keeps its last good version, and the location is read
      // again next time (no ETag) to try once more.
      warnings.push(`Skipped ${file.path}: ${outcome.error}`);
      retry = true;
      if (row) {
        writes.push({
          name: row.name,
          path: file.path,
          viewUrl: input.viewUrl(file.path),
        });
      }
      return;
    }
    if (!parser.isSpec(file.path, outcome.document)) {
      otherFiles[file.path] = hash;
      return;
    }
    const targets = evidenceTargetsIn(outcome.document, file.path, json);
    const document = parser.checkEvidence(
      outcome.document,
      readEvidence(targets, json),
    );
    const write = {
      name: row?.name ?? '',
      path: file.path,
      viewUrl: input.viewUrl(file.path),
      content: {
        markdown,
        contentHash: evidenceHash(hash, targets, json),
        document,
      },
    };
    writes.push(write);
    if (!row) {
      fresh.push(write);
    }
  });
  const parsed = toParse.length;

  // Moves: a new path whose id matches exactly one spec whose path is gone.
  const presentPaths = new Set(files.map(f => f.path));
  const claimed = new Set(writes.map(w => w.name).filter(Boolean));
  const vanishedById = new Map<string, StoredSpecFile[]>();
  for (const spec of stored.specs) {
    const id = normalizeId(spec.specId);
    if (id && !presentPaths.has(spec.path) && !claimed.has(spec.name)) {
      vanishedById.set(id, [...(vanishedById.get(id) ?? []), spec]);
    }
  }
  const freshById = new Map<string, number>();
  for (const write of fresh) {
    const id = normalizeId(write.content.document.id);
    if (id) freshById.set(id, (freshById.get(id) ?? 0) + 1);
  }
  for (const write of fresh) {
    const id = normalizeId(write.content.document.id);
    const candidates = id ? vanishedById.get(id) : undefined;
    if (id && candidates?.length === 1 && freshById.get(id) === 1) {
      write.name = candidates[0].name;
    } else {
      write.name = parser.entityName(write.content.document, write.path, taken);
    }
    taken.add(write.name);
  }

  const current = new Set(writes.map(w => w.name));
  if (stored.specs.some(s => !s.removedAt && !current.has(s.name))) {
    changed = true;
  }
  return { writes, otherFiles, parsed, changed, warnings, retry };
}

/**
 * Runs the location-wide lint and puts its diagnostics on every write. Documents of
 * unchanged files come from `storedDocuments` (by name).
 */
export function applyLocationLint(
  writes: SpecWrite[],
  storedDocuments: Map<string, SpecDocument>,
  parser: SpecParser,
): void {
  const entries: Array<{ path: string; document: SpecDocument }> = [];
  for (const write of writes) {
    const document = write.content?.document ?? storedDocuments.get(write.name);
    if (document) {
      entries.push({ path: write.path, document });
    }
  }
  const byPath = parser.lintSet(entries);
  for (const write of writes) {
    write.setDiagnostics = [
      ...(byPath.get(write.path) ?? []),
    ] as SpecDiagnostic[];
  }
}
