import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { NotFoundError, NotModifiedError } from '@backstage/errors';
import { startForge, type Forge } from './index';

/** Backstage's own URL readers, configured for the forge as a self-hosted GitLab. */
function realReader(forge: Forge) {
  return UrlReaders.default({
    logger: mockServices.logger.mock(),
    config: new ConfigReader({ integrations: forge.integrations }),
  });
}

async function treeFiles(tree: {
  files(): Promise<{ path: string; content(): Promise<Buffer> }[]>;
}) {
  const files = await tree.files();
  return Object.fromEntries(
    await Promise.all(
      files.map(async f => [f.path, (await f.content()).toString()]),
    ),
  );
}

describe('forge, GitLab flavour', () => {
  let forge: Forge;
  beforeEach(async () => {
    forge = await startForge({ flavor: 'gitlab' });
  });
  afterEach(() => forge.close());

  it("serves readTree to the real GitlabUrlReader, with the folder's last commit as ETag", async () => {
    const repo = forge.addRepository('platform/network', {
      files: {
        'docs/specs/SPEC-0001.md': '# one',
        'docs/specs/nested/SPEC-0002.md': '# two',
        'README.md': 'outside the folder',
      },
    });
    const reader = realReader(forge);
    const url = forge.url('platform/network', 'docs/specs');
    expect(url).toBe(
      `http://${forge.host}/platform/network/-/tree/main/docs/specs`,
    );
    const tree = await reader.readTree(url);
    expect(await treeFiles(tree)).toEqual({
      'SPEC-0001.md': '# one',
      'nested/SPEC-0002.md': '# two',
    });
    expect(tree.etag).toBe(repo.sha());
    expect(forge.requests('tarball', 'platform/network')).toBe(1);

    // A commit outside the folder keeps its ETag: GitLab's is per folder, not per repository.
    repo.write({ 'README.md': 'changed' });
    forge.resetRequests();
    await expect(
      reader.readTree(url, { etag: tree.etag }),
    ).rejects.toBeInstanceOf(NotModifiedError);
    expect(forge.requests('tarball')).toBe(0);
    expect(forge.requests()).toBe(2); // the project lookup and the folder's last commit

    // A change inside the folder gives a new ETag and the new content; a deletion drops the file.
    repo.write({
      'docs/specs/SPEC-0001.md': '# one, edited',
      'docs/specs/nested/SPEC-0002.md': null,
    });
    const changed = await reader.readTree(url, { etag: tree.etag });
    expect(changed.etag).toBe(repo.sha());
    expect(await treeFiles(changed)).toEqual({
      'SPEC-0001.md': '# one, edited',
    });
  });

  it('serves readUrl from the raw file endpoint', async () => {
    forge.addRepository('platform/network', {
      files: { 'docs/specs/SPEC-0001.md': '# one' },
    });
    const reader = realReader(forge);
    const file = await reader.readUrl(
      forge.url('platform/network', 'docs/specs/SPEC-0001.md', {
        kind: 'blob',
      }),
    );
    expect((await file.buffer()).toString()).toBe('# one');
  });

  it('answers a missing folder or project with 404 and a fault with its status', async () => {
    const repo = forge.addRepository('platform/network', {
      files: { 'docs/specs/SPEC-0001.md': '# one' },
    });
    const reader = realReader(forge);
    await expect(
      reader.readTree(forge.url('platform/network', 'nowhere')),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      reader.readTree(`http://${forge.host}/platform/gone/-/tree/main/docs`),
    ).rejects.toBeInstanceOf(NotFoundError);
    repo.fail(500, ['tarball']);
    await expect(
      reader.readTree(forge.url('platform/network', 'docs/specs')),
    ).rejects.toThrow(/500/);
    repo.fail(null);
    expect(
      await treeFiles(
        await reader.readTree(forge.url('platform/network', 'docs/specs')),
      ),
    ).toEqual({
      'SPEC-0001.md': '# one',
    });
  });
});
