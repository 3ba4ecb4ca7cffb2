/*
 * Reads of many spec locations in one repository and ref as one (issue 15): which locations
 * share a read, the folder that read covers, and which of its files belong to which location.
 * Pure; the read itself is `readRepository` in readLocation.ts.
 */
import type { ScmIntegrationRegistry } from '@backstage/integration';
import parseGitUrl from 'git-url-parse';

/** Where a url: location sits in a repository whose tree can be read once for many locations. */
export interface RepositoryFolder {
  /** Host, owner/repo (lower case) and ref: locations with the same key share one read. */
  key: string;
  /** `<scheme>://<host>/<owner>/<repo>`, as the location's URL spells it. */
  repositoryUrl: string;
  /** Empty when the URL names none: the reader then looks up the default branch. */
  ref: string;
  /** The location's folder inside the repository, without slashes at either end; '' is the root. */
  folder: string;
}

const trimSlashes = (path: string) => path.replace(/^\/+|\/+$/g, '');

/**
 * The repository folder of a location URL, or undefined when its reads are not shared: only
 * GitHub integrations, whose reader lists a whole commit's tree for one commit lookup and
 * whose ETag is that commit, so one ETag stands for every folder of the ref.
 */
export function repositoryFolderOf(
  url: string,
  integrations: ScmIntegrationRegistry,
): RepositoryFolder | undefined {
  if (!integrations.github.byUrl(url)) {
    return undefined;
  }
  let parsed: ReturnType<typeof parseGitUrl>;
  let origin: string;
  try {
    parsed = parseGitUrl(url);
    // With the port, which git-url-parse's `resource` drops: a GitHub Enterprise host may have one.
    origin = new URL(url).origin;
  } catch {
    return undefined;
  }
  if (!parsed.owner || !parsed.name) {
    return undefined;
  }
  if (parsed.filepathtype && !['tree', 'blob'].includes(parsed.filepathtype)) {
    return undefined;
  }
  const ref = parsed.ref ?? '';
  const folder = trimSlashes(parsed.filepath ?? '');
  if (!ref && folder) {
    return undefined;
  }
  const repositoryUrl = `${origin}/${parsed.owner}/${parsed.name}`;
  return {
    key: `${repositoryUrl.toLowerCase()}@${ref}`,
    repositoryUrl,
    ref,
    folder,
  };
}

/** The deepest folder that holds all of `folders` ('' when only the root does). */
export function commonFolder(folders: string[]): string {
  if (!folders.length) {
    return '';
  }
  const [first, ...rest] = folders.map(f => (f ? f.split('/') : []));
  let depth = first.length;
  for (const parts of rest) {
    let same = 0;
    while (
      same < Math.min(depth, parts.length) &&
      parts[same] === first[same]
    ) {
      same += 1;
    }
    depth = same;
  }
  return first.slice(0, depth).join('/');
}

/** The URL that reads `folder` of a repository at `ref` (the repository root without a ref). */
export function treeUrlOf(
  repository: Pick<RepositoryFolder, 'repositoryUrl' | 'ref'>,
  folder: string,
): string {
  if (!repository.ref) {
    return repository.repositoryUrl;
  }
  const tail = folder ? `/${folder}` : '';
  return `${repository.repositoryUrl}/tree/${repository.ref}${tail}`;
}

/** `folder` relative to `base`, a folder that holds it. */
export function relativeFolder(folder: string, base: string): string {
  return base ? trimSlashes(folder.slice(base.length)) : folder;
}

/**
 * The path of `path` inside `folder`, or undefined when the folder does not hold it. Both are
 * relative to the same root, with forward slashes.
 */
export function pathInFolder(path: string, folder: string): string | undefined {
  if (!folder) {
    return path;
  }
  return path.startsWith(`${folder}/`)
    ? path.slice(folder.length + 1)
    : undefined;
}

/**
 * Splits items by the read they share: `groups` by key, in the order their first item came;
 * `alone` the items with no key, read on their own.
 */
export function groupByRepository<T>(
  items: T[],
  keyOf: (item: T) => string | undefined,
): { groups: T[][]; alone: T[] } {
  const groups = new Map<string, T[]>();
  const alone: T[] = [];
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) {
      alone.push(item);
      continue;
    }
    const group = groups.get(key);
    if (group) {
      group.push(item);
    } else {
      groups.set(key, [item]);
    }
  }
  return { groups: [...groups.values()], alone };
}
