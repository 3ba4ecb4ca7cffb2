/*
 * A spec's evidence files (Infracost JSON, plan JSON), found among the files of its own location:
 * the location read already holds them, within its limits and policy, and its ETag changes with
 * them. What the files say is judged in infra-specs-common; this only finds and reads them.
 */
import { createHash } from 'node:crypto';
import {
  evidenceReadFailure,
  evidenceTargetsOf,
  readInfracostEstimate,
  readTerraformPlan,
  type SpecDocument,
  type SpecEvidenceInput,
  type SpecEvidenceTarget,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import type { LocationFile } from './readLocation';

/** The JSON files of one location read, and why others were left out (too large). */
export interface LocationJsonFiles {
  byPath: Map<string, Buffer>;
  /** Path -> the read's warning about it, for files the read skipped. */
  skipped: Map<string, string>;
}

export function isJsonFile(path: string): boolean {
  return path.toLowerCase().endsWith('.json');
}

/** The JSON files among a read's files; `warnings` name those it skipped (`Skipped <path>: ...`). */
export function locationJsonFiles(
  files: LocationFile[],
  warnings: string[],
): LocationJsonFiles {
  const byPath = new Map<string, Buffer>();
  for (const file of files) {
    if (isJsonFile(file.path)) byPath.set(file.path, file.content);
  }
  const skipped = new Map<string, string>();
  for (const warning of warnings) {
    const match = /^Skipped (.+?\.json): (.*)$/i.exec(warning);
    if (match) skipped.set(match[1], match[2]);
  }
  return { byPath, skipped };
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** The names of the JSON files beside a spec: the sibling `infracost.json` / `plan.json` candidates. */
function siblingsOf(specPath: string, json: LocationJsonFiles): string[] {
  const folder = folderOf(specPath);
  return [...json.byPath.keys(), ...json.skipped.keys()]
    .filter(path => folderOf(path) === folder)
    .map(path => path.slice(folder ? folder.length + 1 : 0));
}

/** The evidence files of a spec in this location (links resolved, siblings found). */
export function evidenceTargetsIn(
  document: Pick<SpecDocument, 'evidence'>,
  specPath: string,
  json: LocationJsonFiles,
): SpecEvidenceTarget[] {
  return evidenceTargetsOf(document, specPath, siblingsOf(specPath, json));
}

/** Sibling targets alone: what a spec without links would read. */
export function siblingTargetsIn(
  specPath: string,
  json: LocationJsonFiles,
): SpecEvidenceTarget[] {
  return evidenceTargetsIn({ evidence: [] }, specPath, json);
}

function readTarget(target: SpecEvidenceTarget, json: LocationJsonFiles) {
  const { kind, source } = target;
  if (target.problem) {
    return evidenceReadFailure(kind, source, target.problem);
  }
  if (target.url) {
    return evidenceReadFailure(
      kind,
      source,
      'the backend reads evidence from the spec location only; commit the file next to the spec and link its relative path',
    );
  }
  const content = json.byPath.get(source);
  if (!content) {
    const skipped = json.skipped.get(source);
    return evidenceReadFailure(
      kind,
      source,
      skipped ?? 'there is no such file in the spec location',
    );
  }
  const text = content.toString('utf8');
  return kind === 'estimate'
    ? readInfracostEstimate(text, source)
    : readTerraformPlan(text, source);
}

/** What the evidence files of a spec say, as the parser's evidence check takes it. */
export function readEvidence(
  targets: SpecEvidenceTarget[],
  json: LocationJsonFiles,
): SpecEvidenceInput {
  const input: SpecEvidenceInput = {};
  for (const target of targets) {
    if (target.kind === 'estimate') {
      input.estimate = readTarget(
        target,
        json,
      ) as SpecEvidenceInput['estimate'];
    } else {
      input.plan = readTarget(target, json) as SpecEvidenceInput['plan'];
    }
  }
  return input;
}

/**
 * The stored hash of a spec with evidence: its markdown's hash and each evidence file's content,
 * so that editing `infracost.json` alone makes the spec's content new (history, change feed,
 * catalog). A spec without evidence keeps the markdown's hash.
 */
export function evidenceHash(
  markdownHash: string,
  targets: SpecEvidenceTarget[],
  json: LocationJsonFiles,
): string {
  if (!targets.length) {
    return markdownHash;
  }
  const hash = createHash('sha256').update(markdownHash);
  for (const target of targets) {
    hash.update('\0').update(target.kind).update('\0').update(target.source);
    const content =
      target.url || target.problem ? undefined : json.byPath.get(target.source);
    hash
      .update('\0')
      .update(content ?? `missing:${json.skipped.get(target.source) ?? ''}`);
  }
  return hash.digest('hex');
}
