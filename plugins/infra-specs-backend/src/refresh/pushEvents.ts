/*
 * Which spec locations a push touches: pure functions over the webhook payloads (`github.push`
 * and `gitlab.push`, as the GitHub and GitLab events modules publish them) and the stored
 * location targets.
 */
import parseGitUrl from 'git-url-parse';

/** What of a push decides which locations to read again. */
export interface RepositoryPush {
  /** Lower case, e.g. `github.com`. */
  host: string;
  /** Lower case `owner/repo`. */
  fullName: string;
  branch: string;
  defaultBranch: string | undefined;
  /** Paths the pushed commits added, modified or removed; undefined when the payload does not say (read every location of the branch). */
  paths: string[] | undefined;
}

type PushPayload = {
  ref?: unknown;
  repository?: {
    html_url?: unknown;
    full_name?: unknown;
    default_branch?: unknown;
  };
  commits?: Array<{ added?: unknown; modified?: unknown; removed?: unknown }>;
};

const strings = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];

/** The push of a `github.push` payload, or undefined for anything else (a tag push, a malformed body). */
export function readGithubPush(payload: unknown): RepositoryPush | undefined {
  const push = (payload ?? {}) as PushPayload;
  const ref = typeof push.ref === 'string' ? push.ref : '';
  const htmlUrl = push.repository?.html_url;
  const fullName = push.repository?.full_name;
  if (
    !ref.startsWith('refs/heads/') ||
    typeof htmlUrl !== 'string' ||
    typeof fullName !== 'string'
  ) {
    return undefined;
  }
  let host: string;
  try {
    host = new URL(htmlUrl).host.toLowerCase();
  } catch {
    return undefined;
  }
  // GitHub lists the files of up to 2048 commits; without the lists, every location of the branch is read.
  const commits = Array.isArray(push.commits) ? push.commits : undefined;
  const paths = commits?.length
    ? commits.flatMap(c => [
        ...strings(c.added),
        ...strings(c.modified),
        ...strings(c.removed),
      ])
    : undefined;
  return {
    host,
    fullName: fullName.toLowerCase(),
    branch: ref.slice('refs/heads/'.length),
    defaultBranch:
      typeof push.repository?.default_branch === 'string'
        ? push.repository.default_branch
        : undefined,
    paths,
  };
}

type GitlabPushPayload = {
  ref?: unknown;
  project?: {
    web_url?: unknown;
    path_with_namespace?: unknown;
    default_branch?: unknown;
  };
  commits?: PushPayload['commits'];
  total_commits_count?: unknown;
};

/** The push of a `gitlab.push` payload (a Push Hook), or undefined for anything else. */
export function readGitlabPush(payload: unknown): RepositoryPush | undefined {
  const push = (payload ?? {}) as GitlabPushPayload;
  const ref = typeof push.ref === 'string' ? push.ref : '';
  const webUrl = push.project?.web_url;
  const fullName = push.project?.path_with_namespace;
  if (
    !ref.startsWith('refs/heads/') ||
    typeof webUrl !== 'string' ||
    typeof fullName !== 'string'
  ) {
    return undefined;
  }
  let host: string;
  try {
    host = new URL(webUrl).host.toLowerCase();
  } catch {
    return undefined;
  }
  // GitLab lists at most 20 commits; when it left some out, every location of the branch is read.
  const commits = Array.isArray(push.commits) ? push.commits : [];
  const complete =
    commits.length > 0 &&
    (typeof push.total_commits_count !== 'number' ||
      push.total_commits_count <= commits.length);
  return {
    host,
    fullName: fullName.toLowerCase(),
    branch: ref.slice('refs/heads/'.length),
    defaultBranch:
      typeof push.project?.default_branch === 'string'
        ? push.project.default_branch
        : undefined,
    paths: complete
      ? commits.flatMap(c => [
          ...strings(c.added),
          ...strings(c.modified),
          ...strings(c.removed),
        ])
      : undefined,
  };
}

/** The events topics of pushes, with how to read each one's payload. */
export const PUSH_TOPICS: Record<
  string,
  (payload: unknown) => RepositoryPush | undefined
> = {
  'github.push': readGithubPush,
  'gitlab.push': readGitlabPush,
};

/**
 * The folder of a location target inside `push`'s branch, or undefined when the target is in
 * another repository or on another branch. Branch names may hold slashes, which a tree URL does
 * not separate from the path (`tree/release/1.0/specs`), so the branch is matched as a prefix.
 */
export function folderOnBranch(
  target: string,
  push: RepositoryPush,
): string | undefined {
  let parsed: ReturnType<typeof parseGitUrl>;
  let host: string;
  try {
    parsed = parseGitUrl(target);
    // With the port, which git-url-parse's `resource` drops: a GitHub Enterprise host may have one.
    host = new URL(target).host.toLowerCase();
  } catch {
    return undefined;
  }
  if (
    host !== push.host ||
    `${parsed.owner}/${parsed.name}`.toLowerCase() !== push.fullName
  ) {
    return undefined;
  }
  const rest = [parsed.ref, parsed.filepath].filter(Boolean).join('/');
  if (!rest) {
    return push.branch === push.defaultBranch ? '' : undefined;
  }
  if (rest === push.branch) {
    return '';
  }
  return rest.startsWith(`${push.branch}/`)
    ? rest.slice(push.branch.length + 1)
    : undefined;
}

/** The component refs of the locations whose folder a push changed something in. */
export function locationsTouchedByPush(
  push: RepositoryPush,
  locations: ReadonlyArray<{ componentRef: string; target: string }>,
): string[] {
  return locations
    .filter(location => {
      const folder = folderOnBranch(location.target, push);
      if (folder === undefined) {
        return false;
      }
      if (!push.paths || folder === '') {
        return true;
      }
      const prefix = `${folder.replace(/\/+$/, '')}/`;
      return push.paths.some(path => path.startsWith(prefix));
    })
    .map(location => location.componentRef);
}
