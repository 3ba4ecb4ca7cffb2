import { makeDocument } from '../__testUtils__/documents';
import {
  changedPathsIn,
  classifyPullRequestSpecs,
  locationsOnBase,
  proposedSpecName,
  readPullRequestEvent,
} from './pullRequestEvents';

const pullJson = (overrides: Record<string, unknown> = {}) => ({
  number: 7,
  html_url: 'https://github.example.com/Acme/Infra/pull/7',
  title: 'SPEC-0002 Egress',
  state: 'open',
  merged: false,
  base: {
    ref: 'main',
    sha: 'b',
    repo: {
      html_url: 'https://github.example.com/Acme/Infra',
      full_name: 'Acme/Infra',
      default_branch: 'main',
    },
  },
  head: {
    ref: 'egress',
    sha: 'h',
    repo: { html_url: 'https://github.example.com/fork/Infra' },
  },
  ...overrides,
});

describe('readPullRequestEvent', () => {
  it('reads opened, pushed-to, edited and reopened pull requests, and closed ones as closed', () => {
    for (const action of ['opened', 'synchronize', 'edited', 'reopened']) {
      expect(
        readPullRequestEvent({ action, pull_request: pullJson() })?.kind,
      ).toBe('read');
    }
    const closed = readPullRequestEvent({
      action: 'closed',
      pull_request: pullJson({ state: 'closed', merged: true }),
    });
    expect(closed).toEqual({
      kind: 'closed',
      pull: expect.objectContaining({
        repository: 'github.example.com/acme/infra',
        number: 7,
        merged: true,
        headSha: 'h',
        // The head commit of a fork's pull request is read from the base repository.
        repoUrl: 'https://github.example.com/Acme/Infra',
      }),
    });
  });

  it('ignores other actions and malformed payloads', () => {
    expect(
      readPullRequestEvent({ action: 'labeled', pull_request: pullJson() }),
    ).toBeUndefined();
    expect(readPullRequestEvent({ action: 'opened' })).toBeUndefined();
    expect(
      readPullRequestEvent({
        action: 'opened',
        pull_request: pullJson({ base: {} }),
      }),
    ).toBeUndefined();
    expect(readPullRequestEvent(null)).toBeUndefined();
  });
});

describe('locationsOnBase and changedPathsIn', () => {
  it('finds the folders of the locations on the base branch of the same repository', () => {
    const pull = readPullRequestEvent({
      action: 'opened',
      pull_request: pullJson(),
    })!.pull;
    const found = locationsOnBase(pull, [
      {
        target:
          'https://github.example.com/acme/infra/tree/main/network/specs/',
      },
      {
        target:
          'https://github.example.com/acme/infra/tree/release/network/specs',
      },
      { target: 'https://github.example.com/acme/other/tree/main/specs' },
      { target: 'https://github.example.com/acme/infra' },
    ]);
    expect(found.map(f => f.folder)).toEqual(['network/specs', '']);
    expect(
      changedPathsIn('network/specs', [
        'network/specs/a.md',
        'network/specsx/b.md',
        'README.md',
      ]),
    ).toEqual(['a.md']);
    expect(changedPathsIn('', ['a.md', 'b/c.md'])).toEqual(['a.md', 'b/c.md']);
  });
});

describe('classifyPullRequestSpecs', () => {
  const stored = [
    {
      name: 'spec-0001-nat',
      path: 'SPEC-0001.md',
      specId: 'SPEC-0001',
      removedAt: null,
    },
    {
      name: 'spec-0005-old',
      path: 'SPEC-0005.md',
      specId: 'SPEC-0005',
      removedAt: null,
    },
    {
      name: 'spec-0009-gone',
      path: 'SPEC-0009.md',
      specId: 'SPEC-0009',
      removedAt: '2026-01-01T00:00:00.000Z',
    },
  ];
  const head = (path: string, id: string | null) => ({
    path,
    document: makeDocument({ id }),
  });

  it('tells changes of merged specs (by path, by id, removals) from proposals', () => {
    const result = classifyPullRequestSpecs({
      changedPaths: [
        'SPEC-0001.md',
        'SPEC-0005.md',
        '0005/spec.md',
        'SPEC-0009.md',
        'SPEC-0002.md',
        'README.md',
      ],
      headSpecs: [
        head('SPEC-0001.md', 'SPEC-0001'),
        head('0005/spec.md', 'spec-0005'),
        head('SPEC-0009.md', 'SPEC-0009'),
        head('SPEC-0002.md', 'SPEC-0002'),
        // On the branch but not changed by it: the merged spec, nothing to say.
        head('SPEC-0003.md', 'SPEC-0003'),
      ],
      stored,
    });
    expect(result.changes).toEqual(['spec-0001-nat', 'spec-0005-old']);
    // A removed spec that comes back is proposed again.
    expect(result.proposed.map(p => p.path)).toEqual([
      'SPEC-0009.md',
      'SPEC-0002.md',
    ]);
  });

  it("names proposals so that they never take a merged name or each other's", () => {
    expect(proposedSpecName('spec-0002-egress', 3, new Set())).toBe(
      'spec-0002-egress--pr-3',
    );
    expect(
      proposedSpecName(
        'spec-0002-egress',
        3,
        new Set(['spec-0002-egress--pr-3']),
      ),
    ).toBe('spec-0002-egress--pr-3-2');
  });
});
