/*
 * Which evidence files to read for a spec: its links resolved against the spec's folder, else
 * `infracost.json` / `plan.json` beside a `spec.md` in a per-spec folder. Paths only: the backend
 * and the CLI read the files (UrlReader, fs, fetch) and hand the text to the readers.
 */
import type { SpecDocument, SpecEvidenceKind } from '../model/types';

/** One evidence file to read. @public */
export interface SpecEvidenceTarget {
  /** Which reader the file goes to: readInfracostEstimate or readTerraformPlan. */
  kind: SpecEvidenceKind;
  /**
   * What to read: an http(s) URL, or a path relative to the same root as the spec's path
   * (`docs/specs/012-kv/infracost.json`, `/` separated, `.` and `..` resolved).
   */
  source: string;
  /** Whether `source` is an http(s) URL rather than a path. */
  url: boolean;
  /** Line of the link in the spec; null for a file found beside `spec.md`. */
  line: number | null;
  /**
   * Set when the link cannot be followed (another URL scheme, a path that leaves the root):
   * pass `evidenceReadFailure(kind, source, problem)` as its result instead of reading it.
   */
  problem?: string;
}

/** Sibling file names that are evidence, by kind. */
const SIBLINGS: Record<SpecEvidenceKind, string> = {
  estimate: 'infracost.json',
  plan: 'plan.json',
};

function toPosix(path: string): string {
  return path.replace(/\\/g, '/');
}

function dirOf(path: string): string {
  const posix = toPosix(path);
  const slash = posix.lastIndexOf('/');
  return slash < 0 ? '' : posix.slice(0, slash);
}

/** `a/b` + `../c.json` -> `a/c.json`; null when it climbs above the root. */
function joinPath(dir: string, target: string): string | null {
  const parts: string[] = [];
  const from = target.startsWith('/') ? [] : dir.split('/');
  for (const part of [...from, ...target.split('/')]) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

function decode(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

function resolveTarget(
  kind: SpecEvidenceKind,
  target: string,
  line: number,
  specPath: string,
): SpecEvidenceTarget {
  if (/^https?:\/\//i.test(target))
    return { kind, source: target, url: true, line };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(target);
  // One letter is a Windows drive (`C:\plans\plan.json`), not a scheme.
  if (scheme && scheme[1].length > 1)
    return {
      kind,
      source: target,
      url: false,
      line,
      problem: `only http(s) URLs and relative paths are read, not '${scheme[1]}:' links`,
    };
  if (scheme || toPosix(target).startsWith('//'))
    return {
      kind,
      source: target,
      url: false,
      line,
      problem:
        'an absolute path of this machine is not read; link a path relative to the spec',
    };
  const path = decode(toPosix(target).split(/[?#]/, 1)[0]);
  const absoluteSpec = toPosix(specPath).startsWith('/');
  if (absoluteSpec && path.startsWith('/'))
    return {
      kind,
      source: target,
      url: false,
      line,
      problem: `a link from the repository root needs the spec's path relative to that root, not ${specPath}`,
    };
  const joined = joinPath(dirOf(specPath), path);
  const resolved = joined && absoluteSpec ? `/${joined}` : joined;
  if (resolved === null || resolved === '')
    return {
      kind,
      source: target,
      url: false,
      line,
      problem: `the path leaves the folder the spec ${specPath} is read from`,
    };
  return { kind, source: resolved, url: false, line };
}

function basename(path: string): string {
  const posix = toPosix(path);
  return posix.slice(posix.lastIndexOf('/') + 1);
}

/**
 * The evidence files of a parsed spec, at most one per kind: the spec's link (resolved against
 * the spec's folder; a path starting with `/` from the root of `specPath`), else, for a `spec.md`
 * in a per-spec folder, an `infracost.json` / `plan.json` among `siblingFileNames` (the names of
 * the files in the spec's folder, matched case-insensitively). A link always wins over a sibling.
 * @public
 */
export function evidenceTargetsOf(
  document: Pick<SpecDocument, 'evidence'>,
  specPath: string,
  siblingFileNames: Iterable<string> = [],
): SpecEvidenceTarget[] {
  const targets: SpecEvidenceTarget[] = [];
  const perSpecFolder = basename(specPath).toLowerCase() === 'spec.md';
  const siblings = perSpecFolder ? [...siblingFileNames].map(basename) : [];
  for (const kind of ['estimate', 'plan'] as const) {
    const link = document.evidence?.find(l => l.kind === kind);
    if (link) {
      targets.push(resolveTarget(kind, link.target, link.line, specPath));
      continue;
    }
    const sibling = siblings.find(
      name => name.toLowerCase() === SIBLINGS[kind],
    );
    if (sibling) {
      const dir = dirOf(specPath);
      const root = toPosix(specPath).startsWith('/') ? '/' : '';
      targets.push({
        kind,
        source: dir ? `${dir}/${sibling}` : `${root}${sibling}`,
        url: false,
        line: null,
      });
    }
  }
  return targets;
}
