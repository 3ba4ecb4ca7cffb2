import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  commonFolder,
  groupByRepository,
  pathInFolder,
  relativeFolder,
  repositoryFolderOf,
  treeUrlOf,
} from './repositoryReads';

const integrations = ScmIntegrations.fromConfig(
  new ConfigReader({
    integrations: {
      github: [
        { host: 'github.com' },
        {
          host: 'ghe.example.com:8443',
          apiBaseUrl: 'https://ghe.example.com:8443/api/v3',
        },
      ],
      gitlab: [
        {
          host: 'gitlab.example.com',
          apiBaseUrl: 'https://gitlab.example.com/api/v4',
        },
      ],
    },
  }),
);

describe('repositoryFolderOf', () => {
  it.each([
    [
      'https://github.com/acme/infra/tree/main/network/specs',
      'https://github.com/acme/infra@main',
      'main',
      'network/specs',
    ],
    // Owner and repository ignore case on GitHub; the blob form and trailing slashes read the same tree.
    [
      'https://github.com/Acme/Infra/blob/main/eks/docs/specs/',
      'https://github.com/acme/infra@main',
      'main',
      'eks/docs/specs',
    ],
    [
      'https://github.com/acme/infra/tree/v2',
      'https://github.com/acme/infra@v2',
      'v2',
      '',
    ],
    // No ref: the reader looks up the default branch, for the root only.
    ['https://github.com/acme/infra', 'https://github.com/acme/infra@', '', ''],
    [
      'https://ghe.example.com:8443/acme/infra/tree/main/specs',
      'https://ghe.example.com:8443/acme/infra@main',
      'main',
      'specs',
    ],
  ])('%s shares the read %s', (url, key, ref, folder) => {
    expect(repositoryFolderOf(url, integrations)).toEqual({
      key,
      repositoryUrl: expect.stringMatching(/^https:\/\/[^/]+\/[^/]+\/[^/]+$/),
      ref,
      folder,
    });
  });

  it('keeps the spelling of the URL for the read, and tells refs apart', () => {
    const a = repositoryFolderOf(
      'https://github.com/Acme/Infra/tree/main/a',
      integrations,
    )!;
    const b = repositoryFolderOf(
      'https://github.com/acme/infra/tree/release/b',
      integrations,
    )!;
    expect(a.repositoryUrl).toBe('https://github.com/Acme/Infra');
    expect(a.key).not.toBe(b.key);
  });

  it.each([
    [
      'another integration',
      'https://gitlab.example.com/acme/infra/-/tree/main/specs',
    ],
    [
      'a host without an integration',
      'https://git.example.com/acme/infra/tree/main/specs',
    ],
    [
      'the same host on another port',
      'https://ghe.example.com/acme/infra/tree/main/specs',
    ],
    ['no repository', 'https://github.com/acme'],
  ])('reads %s on its own', (_, url) => {
    expect(repositoryFolderOf(url, integrations)).toBeUndefined();
  });
});

describe('commonFolder', () => {
  it.each<[string[], string]>([
    [[], ''],
    [['docs/specs'], 'docs/specs'],
    [['services/a/specs', 'services/b/specs'], 'services'],
    [['services/a/specs', 'services/a/specs/sub'], 'services/a/specs'],
    // Segments, not characters: `service` is not a folder of both.
    [['services-a/specs', 'services-b/specs'], ''],
    [['a/specs', ''], ''],
    [['a', 'b'], ''],
  ])('of %j is %j', (folders, common) => {
    expect(commonFolder(folders)).toBe(common);
  });
});

describe('tree URLs and paths', () => {
  const repo = { repositoryUrl: 'https://github.com/acme/infra', ref: 'main' };

  it('reads a folder at the ref, the root without a folder, and the bare repository without a ref', () => {
    expect(treeUrlOf(repo, 'services')).toBe(
      'https://github.com/acme/infra/tree/main/services',
    );
    expect(treeUrlOf(repo, '')).toBe('https://github.com/acme/infra/tree/main');
    expect(treeUrlOf({ ...repo, ref: '' }, '')).toBe(
      'https://github.com/acme/infra',
    );
  });

  it('places a location folder inside the folder read, and a file inside a location folder', () => {
    expect(relativeFolder('services/a/specs', 'services')).toBe('a/specs');
    expect(relativeFolder('services', 'services')).toBe('');
    expect(relativeFolder('a/specs', '')).toBe('a/specs');
    expect(pathInFolder('a/specs/SPEC-0001.md', 'a/specs')).toBe(
      'SPEC-0001.md',
    );
    expect(pathInFolder('a/specs/done/SPEC-0002.md', 'a/specs')).toBe(
      'done/SPEC-0002.md',
    );
    expect(pathInFolder('a/specs-old/SPEC-0003.md', 'a/specs')).toBeUndefined();
    expect(pathInFolder('b/specs/SPEC-0004.md', 'a/specs')).toBeUndefined();
    expect(pathInFolder('README.md', '')).toBe('README.md');
  });
});

describe('groupByRepository', () => {
  it('groups by key in order of first appearance and keeps keyless items apart', () => {
    const items = ['a1', 'x', 'b1', 'a2', 'y', 'b2', 'a3'];
    const { groups, alone } = groupByRepository(items, item =>
      item.length === 2 ? item[0] : undefined,
    );
    expect(groups).toEqual([
      ['a1', 'a2', 'a3'],
      ['b1', 'b2'],
    ]);
    expect(alone).toEqual(['x', 'y']);
  });
});
