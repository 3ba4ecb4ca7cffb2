/*
 * Links and images in a spec are written relative to the spec file in its repository. These
 * functions turn them into URLs a browser can follow from Backstage: links go to the Git host's
 * page next to the spec (`viewUrl`), images to the raw file so that they load as images.
 */

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** A GitHub or GitLab file page split into its repository root and path. */
interface HostFile {
  /** `https://github.com/o/r/blob/main/` */
  root: string;
  /** `https://raw.githubusercontent.com/o/r/main/` */
  rawRoot: string;
  /** `docs/specs/spec.md` */
  path: string;
}

function parseHostFile(url: URL): HostFile | undefined {
  const parts = url.pathname.split('/').filter(Boolean);
  if (url.hostname === 'github.com' || url.hostname === 'www.github.com') {
    // /owner/repo/blob/ref/path...
    if (parts.length >= 4 && (parts[2] === 'blob' || parts[2] === 'raw')) {
      const [owner, repo, , ref, ...path] = parts;
      return {
        root: `https://github.com/${owner}/${repo}/blob/${ref}/`,
        rawRoot: `https://raw.githubusercontent.com/${owner}/${repo}/${ref}/`,
        path: path.join('/'),
      };
    }
    return undefined;
  }
  // GitLab (gitlab.com or self-hosted): /group/sub/project/-/blob/ref/path...
  const dash = parts.indexOf('-');
  if (
    dash > 0 &&
    (parts[dash + 1] === 'blob' || parts[dash + 1] === 'raw') &&
    parts.length > dash + 2
  ) {
    const project = parts.slice(0, dash).join('/');
    const ref = parts[dash + 2];
    const origin = `${url.protocol}//${url.host}`;
    return {
      root: `${origin}/${project}/-/blob/${ref}/`,
      rawRoot: `${origin}/${project}/-/raw/${ref}/`,
      path: parts.slice(dash + 3).join('/'),
    };
  }
  return undefined;
}

function toUrl(value: string | null | undefined): URL | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:'
      ? url
      : undefined;
  } catch {
    return undefined;
  }
}

/** `true` for `https://...`, `mailto:...`, `//host/...`; these are never rewritten. */
export function isAbsoluteUrl(href: string): boolean {
  return SCHEME.test(href) || href.startsWith('//');
}

/**
 * Resolves `href` against the spec's page on its Git host. `/x` means the repository root on
 * GitHub and GitLab. Returns undefined when a relative link has nothing to resolve against (no
 * view URL, or a `file:` location), so that it is not sent to a wrong page inside Backstage.
 */
export function resolveSpecLink(
  href: string,
  viewUrl: string | null | undefined,
): string | undefined {
  const trimmed = href.trim();
  if (!trimmed) return undefined;
  if (isAbsoluteUrl(trimmed) || trimmed.startsWith('#')) return trimmed;
  const base = toUrl(viewUrl);
  if (!base) return undefined;
  const file = parseHostFile(base);
  if (file) {
    // Resolve inside the repository, so that `/x` is its root and `..` never climbs above it.
    const inRepo = new URL(trimmed, `https://repo.invalid/${file.path}`);
    return `${file.root}${inRepo.pathname.replace(/^\/+/, '')}${inRepo.search}${
      inRepo.hash
    }`;
  }
  return new URL(trimmed, base).toString();
}

/** The raw (image) URL of a GitHub/GitLab file page; other URLs are returned as they are. */
export function toRawUrl(url: string): string {
  const parsed = toUrl(url);
  const file = parsed && parseHostFile(parsed);
  if (!parsed || !file) return url;
  return `${file.rawRoot}${file.path}${parsed.search}`;
}

/** Resolves an image source like a link, then points GitHub/GitLab file pages at the raw file. */
export function resolveSpecImage(
  src: string,
  viewUrl: string | null | undefined,
): string | undefined {
  const resolved = resolveSpecLink(src, viewUrl);
  if (!resolved || resolved.startsWith('#')) return undefined;
  return toRawUrl(resolved);
}

/** A link to a line of the file on its Git host (`#L12`), when the host is known to support it. */
export function lineUrl(
  viewUrl: string | null | undefined,
  line: number,
): string | undefined {
  const url = toUrl(viewUrl);
  if (!url || !parseHostFile(url) || !(line >= 1)) return undefined;
  url.hash = `L${Math.floor(line)}`;
  return url.toString();
}
