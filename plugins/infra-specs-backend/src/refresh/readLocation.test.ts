import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { createMockDirectory, mockServices } from '@backstage/backend-test-utils';
import { NotAllowedError, NotFoundError, NotModifiedError } from '@backstage/errors';
import { readLocation } from './readLocation';

describe('readLocation from disk', () => {
  const mockDir = createMockDirectory();
  const urlReader = mockServices.urlReader.mock();

  beforeEach(() => {
    mockDir.setContent({
      allowed: {
        specs: {
          'SPEC-0001.md': '# Spec: one',
          'README.txt': 'not markdown',
          '.hidden.md': 'skipped',
          done: { '2026-Q1': { 'SPEC-0002.md': '# Spec: two' } },
          big: { 'huge.md': 'x'.repeat(200) },
        },
      },
      outside: { 'secret.md': '# secret' },
    });
  });

  const dirOf = (...parts: string[]) => ({
    type: 'dir' as const,
    target: `file:${join(mockDir.path, ...parts)}`,
    path: join(mockDir.path, ...parts),
  });
  const options = () => ({ maxFileBytes: 100, allowedRoots: [join(mockDir.path, 'allowed')] });

  it('walks markdown files recursively, skips large ones with a warning, and hashes an etag', async () => {
    const read = await readLocation(dirOf('allowed', 'specs'), urlReader, options());
    if (read.notModified) throw new Error('expected content');
    expect(read.files.map(f => [f.path, f.content.toString()])).toEqual([
      ['SPEC-0001.md', '# Spec: one'],
      ['done/2026-Q1/SPEC-0002.md', '# Spec: two'],
    ]);
    expect(read.warnings).toEqual([
      'Skipped big/huge.md: 200 bytes is more than infraSpecs.refresh.maxFileBytes (100)',
    ]);
    expect(read.etag).toMatch(/^sha256:[0-9a-f]{64}$/);

    // Same content: not modified. One byte changed: a new etag.
    expect(await readLocation(dirOf('allowed', 'specs'), urlReader, { ...options(), etag: read.etag! })).toEqual({
      notModified: true,
    });
    await fs.writeFile(join(mockDir.path, 'allowed/specs/SPEC-0001.md'), '# Spec: one!');
    const changed = await readLocation(dirOf('allowed', 'specs'), urlReader, { ...options(), etag: read.etag! });
    expect(changed.notModified).toBe(false);
    expect(!changed.notModified && changed.etag).not.toBe(read.etag);
  });

  it('refuses folders outside the allowed roots, also through ..', async () => {
    await expect(readLocation(dirOf('outside'), urlReader, options())).rejects.toThrow(
      new NotAllowedError(
        `Refused to read ${join(mockDir.path, 'outside')}: it is outside infraSpecs.local.allowedRoots (${join(mockDir.path, 'allowed')})`,
      ),
    );
    const escape = { type: 'dir' as const, target: 'x', path: join(mockDir.path, 'allowed', '..', 'outside') };
    await expect(readLocation(escape, urlReader, options())).rejects.toThrow(/outside infraSpecs.local.allowedRoots/);
    await expect(readLocation(dirOf('allowed', 'specs'), urlReader, { ...options(), allowedRoots: [] })).rejects.toThrow(
      /outside infraSpecs.local.allowedRoots \(none configured\)/,
    );
  });

  it('refuses symlinks that point out, as the folder or inside it', async () => {
    await fs.symlink(join(mockDir.path, 'outside'), join(mockDir.path, 'allowed', 'link'));
    await expect(readLocation(dirOf('allowed', 'link'), urlReader, options())).rejects.toThrow(
      `it resolves through a symlink to ${join(mockDir.path, 'outside')}, outside infraSpecs.local.allowedRoots`,
    );
    await fs.symlink(join(mockDir.path, 'outside', 'secret.md'), join(mockDir.path, 'allowed', 'specs', 'leak.md'));
    await expect(readLocation(dirOf('allowed', 'specs'), urlReader, options())).rejects.toThrow(
      `leak.md is a symlink to ${join(mockDir.path, 'outside', 'secret.md')}, outside infraSpecs.local.allowedRoots`,
    );
  });

  it('follows symlinks that stay inside the roots', async () => {
    await fs.symlink(join(mockDir.path, 'allowed', 'specs', 'done'), join(mockDir.path, 'allowed', 'specs', 'alias'));
    const read = await readLocation(dirOf('allowed', 'specs'), urlReader, options());
    expect(!read.notModified && read.files.map(f => f.path)).toContain('alias/2026-Q1/SPEC-0002.md');
  });

  it('reports a missing folder', async () => {
    await expect(readLocation(dirOf('allowed', 'nope'), urlReader, options())).rejects.toThrow(NotFoundError);
  });
});

describe('readLocation through the UrlReader', () => {
  const location = { type: 'url' as const, target: 'https://git.example.com/specs', url: 'https://git.example.com/specs' };

  it('passes the etag, keeps markdown, and maps NotModifiedError', async () => {
    const urlReader = mockServices.urlReader.mock();
    urlReader.readTree.mockImplementation(async (_url, opts) => {
      if (opts?.etag === 'e1') throw new NotModifiedError();
      expect(opts?.filter?.('a.md', { size: 5 })).toBe(true);
      expect(opts?.filter?.('a.png', { size: 5 })).toBe(false);
      return {
        etag: 'e1',
        files: async () => [
          { path: 'b.md', content: async () => Buffer.from('b') },
          { path: 'a.md', content: async () => Buffer.from('a') },
          { path: 'a.yaml', content: async () => Buffer.from('x') },
        ],
        archive: async () => { throw new Error('unused'); },
        dir: async () => { throw new Error('unused'); },
      };
    });
    const first = await readLocation(location, urlReader, { maxFileBytes: 10, allowedRoots: [] });
    expect(first).toEqual({
      notModified: false,
      etag: 'e1',
      files: [
        { path: 'a.md', content: Buffer.from('a') },
        { path: 'b.md', content: Buffer.from('b') },
      ],
      warnings: [],
    });
    expect(await readLocation(location, urlReader, { etag: 'e1', maxFileBytes: 10, allowedRoots: [] })).toEqual({
      notModified: true,
    });
  });

  it('lets other errors through', async () => {
    const urlReader = mockServices.urlReader.mock();
    urlReader.readTree.mockRejectedValue(new NotFoundError('404 Not Found'));
    await expect(readLocation(location, urlReader, { maxFileBytes: 10, allowedRoots: [] })).rejects.toThrow(
      '404 Not Found',
    );
  });
});
