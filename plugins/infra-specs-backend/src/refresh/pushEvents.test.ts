import {
  locationsTouchedByPush,
  readGithubPush,
  readGitlabPush,
} from './pushEvents';

function payload(
  ref: string,
  files: string[][] | undefined,
  repo = 'acme/infra',
) {
  return {
    ref,
    repository: {
      html_url: `https://github.com/${repo}`,
      full_name: repo,
      default_branch: 'main',
    },
    commits: files?.map(([added = '', modified = '', removed = '']) => ({
      added: added ? [added] : [],
      modified: modified ? [modified] : [],
      removed: removed ? [removed] : [],
    })),
  };
}

const LOCATIONS = [
  {
    componentRef: 'component:default/vpc',
    target: 'https://github.com/acme/infra/tree/main/network/specs',
  },
  {
    componentRef: 'component:default/eks',
    target: 'https://github.com/Acme/Infra/blob/main/eks/docs/specs',
  },
  {
    componentRef: 'component:default/root',
    target: 'https://github.com/acme/infra',
  },
  {
    componentRef: 'component:default/release',
    target: 'https://github.com/acme/infra/tree/release/1.0/specs',
  },
  {
    componentRef: 'component:default/other',
    target: 'https://github.com/acme/other/tree/main/specs',
  },
  {
    componentRef: 'component:default/ghe',
    target: 'https://ghe.example.com/acme/infra/tree/main/network/specs',
  },
  { componentRef: 'component:default/local', target: '/srv/specs' },
];

describe('locationsTouchedByPush', () => {
  it.each([
    [
      'a spec in one folder',
      'refs/heads/main',
      [['network/specs/SPEC-0001.md']],
      ['vpc', 'root'],
    ],
    [
      'a removed spec in a folder whose URL differs in case',
      'refs/heads/main',
      [['', '', 'eks/docs/specs/x.md']],
      ['eks', 'root'],
    ],
    [
      'files outside every spec folder',
      'refs/heads/main',
      [['README.md'], ['network/main.tf']],
      ['root'],
    ],
    [
      'a folder name that is only a prefix',
      'refs/heads/main',
      [['network/specs-old/x.md']],
      ['root'],
    ],
    ['another branch', 'refs/heads/feature', [['network/specs/x.md']], []],
    [
      'a branch with a slash',
      'refs/heads/release/1.0',
      [['specs/x.md']],
      ['release'],
    ],
    [
      'no file lists (every location of the branch)',
      'refs/heads/main',
      undefined,
      ['vpc', 'eks', 'root'],
    ],
  ])('%s', (_what, ref, files, expected) => {
    const push = readGithubPush(payload(ref, files as string[][] | undefined))!;
    expect(
      locationsTouchedByPush(push, LOCATIONS).map(r =>
        r.replace('component:default/', ''),
      ),
    ).toEqual(expected);
  });

  it('tells hosts apart by their port', () => {
    const onPort = (port: string) => ({
      ...payload('refs/heads/main', [['specs/x.md']]),
      repository: {
        html_url: `http://127.0.0.1:${port}/acme/infra`,
        full_name: 'acme/infra',
        default_branch: 'main',
      },
    });
    const locations = [
      {
        componentRef: 'component:default/forge',
        target: 'http://127.0.0.1:7007/acme/infra/tree/main/specs',
      },
      {
        componentRef: 'component:default/default-port',
        target: 'http://127.0.0.1/acme/infra/tree/main/specs',
      },
    ];
    expect(
      locationsTouchedByPush(readGithubPush(onPort('7007'))!, locations),
    ).toEqual(['component:default/forge']);
    expect(
      locationsTouchedByPush(readGithubPush(onPort('7008'))!, locations),
    ).toEqual([]);
  });

  it('ignores tag pushes and payloads that are not pushes', () => {
    expect(readGithubPush(payload('refs/tags/v1', [['x']]))).toBeUndefined();
    expect(
      readGithubPush({ zen: 'Keep it logically awesome.' }),
    ).toBeUndefined();
    expect(readGithubPush(undefined)).toBeUndefined();
    expect(
      readGithubPush({
        ref: 'refs/heads/main',
        repository: { html_url: 'not a url', full_name: 'a/b' },
      }),
    ).toBeUndefined();
  });

  describe('GitLab Push Hooks', () => {
    const gitlabLocations = [
      {
        componentRef: 'component:default/net',
        target:
          'https://gitlab.example.com/platform/network/-/tree/main/docs/specs',
      },
      {
        componentRef: 'component:default/nested',
        target:
          'https://gitlab.example.com/platform/infra/aws/-/tree/main/specs',
      },
      {
        componentRef: 'component:default/github',
        target: 'https://github.com/platform/network/tree/main/docs/specs',
      },
    ];
    const hook = (
      fullName: string,
      paths: string[],
      extra: Record<string, unknown> = {},
    ) => ({
      object_kind: 'push',
      event_name: 'push',
      ref: 'refs/heads/main',
      project: {
        web_url: `https://gitlab.example.com/${fullName}`,
        path_with_namespace: fullName,
        default_branch: 'main',
      },
      commits: [{ added: paths, modified: [], removed: [] }],
      total_commits_count: 1,
      ...extra,
    });

    it('reads the project, the branch and the files, and matches GitLab tree URLs (nested groups too)', () => {
      const touched = (hookPayload: unknown) =>
        locationsTouchedByPush(
          readGitlabPush(hookPayload)!,
          gitlabLocations,
        ).map(r => r.replace('component:default/', ''));
      expect(
        touched(hook('platform/network', ['docs/specs/SPEC-0001.md'])),
      ).toEqual(['net']);
      expect(touched(hook('platform/network', ['README.md']))).toEqual([]);
      expect(
        touched(hook('Platform/Infra/AWS', ['specs/SPEC-0002.md'])),
      ).toEqual(['nested']);
    });

    it('reads every location of the branch when GitLab left commits out of the hook', () => {
      const push = readGitlabPush(
        hook('platform/network', ['README.md'], { total_commits_count: 25 }),
      )!;
      expect(push.paths).toBeUndefined();
      expect(locationsTouchedByPush(push, gitlabLocations)).toEqual([
        'component:default/net',
      ]);
    });

    it('ignores tag pushes and other hooks', () => {
      expect(
        readGitlabPush(hook('platform/network', [], { ref: 'refs/tags/v1' })),
      ).toBeUndefined();
      expect(readGitlabPush({ object_kind: 'merge_request' })).toBeUndefined();
      expect(readGitlabPush(null)).toBeUndefined();
    });
  });
});
