import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startForge, type Forge } from './index';

/** Backstage's own URL readers, configured for the forge as a GitHub Enterprise host. */
function realReader(forge: Forge, token = true) {
  const { token: _t, ...anonymous } = forge.integration;
  return UrlReaders.default({
    logger: mockServices.logger.mock(),
    config: new ConfigReader({
      integrations: { github: [token ? forge.integration : anonymous] },
    }),
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

async function until(condition: () => boolean) {
  while (!condition()) await new Promise(resolve => setTimeout(resolve, 5));
}

describe('forge', () => {
  let forge: Forge;
  beforeEach(async () => {
    forge = await startForge();
  });
  afterEach(() => forge.close());

  it('serves readTree to the real GithubUrlReader: commit status, then a tar.gz of the folder', async () => {
    const repo = forge.addRepository('acme/payments', {
      files: {
        'docs/specs/SPEC-0001.md': '# one',
        'docs/specs/nested/SPEC-0002.md': '# two',
        'README.md': 'not in the folder',
      },
    });
    const reader = realReader(forge);
    const tree = await reader.readTree(
      forge.url('acme/payments', 'docs/specs'),
    );
    expect(tree.etag).toBe(repo.sha());
    expect(await treeFiles(tree)).toEqual({
      'SPEC-0001.md': '# one',
      'nested/SPEC-0002.md': '# two',
    });
    expect(forge.requests('status', 'acme/payments')).toBe(1);
    expect(forge.requests('tarball', 'acme/payments')).toBe(1);

    // Same commit: the reader stops after the status lookup.
    await expect(
      reader.readTree(forge.url('acme/payments', 'docs/specs'), {
        etag: tree.etag,
      }),
    ).rejects.toMatchObject({ name: 'NotModifiedError' });
    expect(forge.requests('status')).toBe(2);
    expect(forge.requests('tarball')).toBe(1);

    // A change is a new commit, and the next read sees it.
    const sha = repo.write({
      'docs/specs/SPEC-0001.md': '# one, again',
      'docs/specs/nested/SPEC-0002.md': null,
    });
    expect(sha).not.toBe(tree.etag);
    const next = await reader.readTree(
      forge.url('acme/payments', 'docs/specs'),
      {
        etag: tree.etag,
      },
    );
    expect(next.etag).toBe(sha);
    expect(await treeFiles(next)).toEqual({ 'SPEC-0001.md': '# one, again' });
  });

  it('serves readUrl from the contents API with a token and from the raw host without', async () => {
    forge.addRepository('acme/docs', {
      files: { 'catalog-info.yaml': 'kind: Component' },
    });
    const url = forge.url('acme/docs', 'catalog-info.yaml', { kind: 'blob' });
    const withToken = await realReader(forge).readUrl(url);
    expect((await withToken.buffer()).toString()).toBe('kind: Component');
    expect(forge.requests('contents')).toBe(1);
    await expect(
      realReader(forge).readUrl(url, { etag: withToken.etag }),
    ).rejects.toMatchObject({ name: 'NotModifiedError' });

    const anonymous = await realReader(forge, false).readUrl(url);
    expect((await anonymous.buffer()).toString()).toBe('kind: Component');
    expect(forge.requests('raw')).toBe(1);
  });

  it('serves the default branch, other branches, and branch lookups with slashes', async () => {
    const repo = forge.addRepository('acme/trunk', {
      defaultBranch: 'trunk',
      files: { 'specs/a.md': 'a' },
    });
    repo.write({ 'specs/b.md': 'b' }, { branch: 'feature-x' });
    repo.write({ 'specs/c.md': 'c' }, { branch: 'feature/x' });
    const reader = realReader(forge);
    expect(
      await treeFiles(await reader.readTree(forge.url('acme/trunk', 'specs'))),
    ).toEqual({ 'a.md': 'a' });
    expect(forge.requests('status', 'acme/trunk')).toBe(1);
    // The reader cannot tell a slash in a branch name from a folder; the API can.
    const onBranch = await reader.readTree(
      forge.url('acme/trunk', 'specs', { ref: 'feature-x' }),
    );
    expect(Object.keys(await treeFiles(onBranch)).sort()).toEqual([
      'a.md',
      'b.md',
    ]);
    expect(onBranch.etag).toBe(repo.sha('feature-x'));
    const res = await fetch(`${forge.apiBaseUrl}/repos/acme/trunk`);
    expect(await res.json()).toMatchObject({ default_branch: 'trunk' });
    const branch = await fetch(
      `${forge.apiBaseUrl}/repos/acme/trunk/branches/feature/x`,
    );
    expect(await branch.json()).toEqual({
      name: 'feature/x',
      commit: { sha: repo.sha('feature/x') },
    });
  });

  it('builds repositories from fixture folders', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forge-'));
    fs.mkdirSync(path.join(dir, 'docs'));
    fs.writeFileSync(path.join(dir, 'docs', 'SPEC-0009.md'), '# nine');
    try {
      forge.addRepository('acme/fixture', { folder: dir });
      const tree = await realReader(forge).readTree(
        forge.url('acme/fixture', 'docs'),
      );
      expect(await treeFiles(tree)).toEqual({ 'SPEC-0009.md': '# nine' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers with the fault a repository was given, per endpoint, until told otherwise', async () => {
    const repo = forge.addRepository('acme/flaky', {
      files: { 'specs/a.md': 'a' },
    });
    const reader = realReader(forge);
    const url = forge.url('acme/flaky', 'specs');
    repo.fail(404);
    await expect(reader.readTree(url)).rejects.toMatchObject({
      name: 'NotFoundError',
    });
    repo.fail(500, ['tarball']);
    await expect(reader.readTree(url)).rejects.toThrow(/500/);
    expect(forge.requests('tarball')).toBe(1);
    repo.fail('hang', ['tarball']);
    const controller = new AbortController();
    const hanging = reader.readTree(url, { signal: controller.signal });
    // The forge saw the request and did not answer it; aborting is the client's way out.
    await until(() => forge.requests('tarball') === 2);
    controller.abort();
    await expect(hanging).rejects.toThrow(/abort/i);
    repo.fail(null);
    expect(await treeFiles(await reader.readTree(url))).toEqual({
      'a.md': 'a',
    });
    expect(forge.requests('unknown')).toBe(0);
  });

  it('leaves a hanging request unanswered until the forge closes', async () => {
    const repo = forge.addRepository('acme/stuck', {
      files: { 'specs/a.md': 'a' },
    });
    repo.fail('hang');
    // The reader sends no abort signal with its status lookup: only the server can end it.
    const hanging = realReader(forge).readTree(
      forge.url('acme/stuck', 'specs'),
    );
    const settled = jest.fn();
    hanging.then(settled, settled);
    await until(() => forge.requests('status') === 1);
    expect(settled).not.toHaveBeenCalled();
    await forge.close();
    await expect(hanging).rejects.toThrow(/socket hang up|ECONNRESET/);
  });

  it('counts unknown routes and repositories, and answers them 404', async () => {
    const res = await fetch(
      `${forge.apiBaseUrl}/repos/acme/none/commits/main/status`,
    );
    expect(res.status).toBe(404);
    expect(forge.requests('status')).toBe(1);
    expect(forge.requests('status', 'acme/none')).toBe(0);
    expect((await fetch(`${forge.apiBaseUrl}/user`)).status).toBe(404);
    forge.addRepository('acme/docs', { files: { 'a.md': 'a' } });
    const broken = await fetch(
      `${forge.apiBaseUrl}/repos/acme/docs/contents/%E0%A4%A?ref=main`,
    );
    expect(broken.status).toBe(400);
    expect(forge.requests('unknown')).toBe(1);
    expect(forge.requests('contents', 'acme/docs')).toBe(1);
    forge.resetRequests();
    expect(forge.requests()).toBe(0);
  });
});
