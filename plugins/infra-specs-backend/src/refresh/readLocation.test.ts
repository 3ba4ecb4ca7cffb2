import syncFs, { promises as fs } from 'node:fs';
import { join } from 'node:path';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  NotModifiedError,
} from '@backstage/errors';
import { GeneratedTree } from '../__testUtils__/generatedTree';
import { readLocation } from './readLocation';
import { readRepository } from './readRepository';

const LIMITS = { maxFiles: 10_000, maxBytes: 1024 * 1024 };
const urlReaderUnused = mockServices.urlReader.mock();

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
  const options = () => ({
    ...LIMITS,
    maxFileBytes: 100,
    allowedRoots: [join(mockDir.path, 'allowed')],
  });

  it('walks markdown files recursively, skips large ones with a warning, and hashes an etag', async () => {
    const read = await readLocation(
      dirOf('allowed', 'specs'),
      urlReader,
      options(),
    );
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
    expect(
      await readLocation(dirOf('allowed', 'specs'), urlReader, {
        ...options(),
        etag: read.etag!,
      }),
    ).toEqual({
      notModified: true,
    });
    await fs.writeFile(
      join(mockDir.path, 'allowed/specs/SPEC-0001.md'),
      '# Spec: one!',
    );
    const changed = await readLocation(dirOf('allowed', 'specs'), urlReader, {
      ...options(),
      etag: read.etag!,
    });
    expect(changed.notModified).toBe(false);
    expect(!changed.notModified && changed.etag).not.toBe(read.etag);
  });

  it("tells an unchanged folder by its files' stats, without reading them, and trusts no recent timestamp", async () => {
    const spec = join(mockDir.path, 'allowed/specs/SPEC-0001.md');
    const other = join(mockDir.path, 'allowed/specs/done/2026-Q1/SPEC-0002.md');
    const anHourAgo = new Date(Date.now() - 3600_000);
    await fs.utimes(spec, anHourAgo, anHourAgo);
    await fs.utimes(other, anHourAgo, anHourAgo);
    const first = await readLocation(
      dirOf('allowed', 'specs'),
      urlReader,
      options(),
    );
    if (first.notModified) throw new Error('expected content');

    const reads = jest.spyOn(syncFs, 'readFileSync');
    try {
      expect(
        await readLocation(dirOf('allowed', 'specs'), urlReader, {
          ...options(),
          etag: first.etag!,
        }),
      ).toEqual({
        notModified: true,
      });
      expect(reads).not.toHaveBeenCalled();

      // An edit of the same size: its new modification time says so.
      await fs.writeFile(spec, '# Spec: ONE');
      const edited = await readLocation(dirOf('allowed', 'specs'), urlReader, {
        ...options(),
        etag: first.etag!,
      });
      if (edited.notModified) throw new Error('expected the edit');
      expect(
        edited.files.find(f => f.path === 'SPEC-0001.md')!.content.toString(),
      ).toBe('# Spec: ONE');

      // Two edits of the same size within one tick of the clock (same modification time): the
      // file is recent, so it counts by content and the second edit is seen too.
      const now = new Date();
      await fs.utimes(spec, now, now);
      const recent = await readLocation(
        dirOf('allowed', 'specs'),
        urlReader,
        options(),
      );
      if (recent.notModified) throw new Error('expected content');
      await fs.writeFile(spec, '# Spec: 0NE');
      await fs.utimes(spec, now, now);
      const again = await readLocation(dirOf('allowed', 'specs'), urlReader, {
        ...options(),
        etag: recent.etag!,
      });
      if (again.notModified) throw new Error('expected the second edit');
      expect(
        again.files.find(f => f.path === 'SPEC-0001.md')!.content.toString(),
      ).toBe('# Spec: 0NE');
    } finally {
      reads.mockRestore();
    }
  });

  it('refuses folders outside the allowed roots, also through ..', async () => {
    await expect(
      readLocation(dirOf('outside'), urlReader, options()),
    ).rejects.toThrow(
      new NotAllowedError(
        `Refused to read ${join(
          mockDir.path,
          'outside',
        )}: it is outside infraSpecs.local.allowedRoots (${join(
          mockDir.path,
          'allowed',
        )})`,
      ),
    );
    const escape = {
      type: 'dir' as const,
      target: 'x',
      path: join(mockDir.path, 'allowed', '..', 'outside'),
    };
    await expect(readLocation(escape, urlReader, options())).rejects.toThrow(
      /outside infraSpecs.local.allowedRoots/,
    );
    await expect(
      readLocation(dirOf('allowed', 'specs'), urlReader, {
        ...options(),
        allowedRoots: [],
      }),
    ).rejects.toThrow(
      /outside infraSpecs.local.allowedRoots \(none configured\)/,
    );
  });

  it('refuses symlinks that point out, as the folder or inside it', async () => {
    await fs.symlink(
      join(mockDir.path, 'outside'),
      join(mockDir.path, 'allowed', 'link'),
    );
    await expect(
      readLocation(dirOf('allowed', 'link'), urlReader, options()),
    ).rejects.toThrow(
      `it resolves through a symlink to ${join(
        mockDir.path,
        'outside',
      )}, outside infraSpecs.local.allowedRoots`,
    );
    await fs.symlink(
      join(mockDir.path, 'outside', 'secret.md'),
      join(mockDir.path, 'allowed', 'specs', 'leak.md'),
    );
    await expect(
      readLocation(dirOf('allowed', 'specs'), urlReader, options()),
    ).rejects.toThrow(
      `leak.md is a symlink to ${join(
        mockDir.path,
        'outside',
        'secret.md',
      )}, outside infraSpecs.local.allowedRoots`,
    );
  });

  it('follows symlinks that stay inside the roots', async () => {
    await fs.symlink(
      join(mockDir.path, 'allowed', 'specs', 'done'),
      join(mockDir.path, 'allowed', 'specs', 'alias'),
    );
    const read = await readLocation(
      dirOf('allowed', 'specs'),
      urlReader,
      options(),
    );
    expect(!read.notModified && read.files.map(f => f.path)).toContain(
      'alias/2026-Q1/SPEC-0002.md',
    );
  });

  it('reports a missing folder', async () => {
    await expect(
      readLocation(dirOf('allowed', 'nope'), urlReader, options()),
    ).rejects.toThrow(NotFoundError);
  });
});

describe('readLocation through the UrlReader', () => {
  const location = {
    type: 'url' as const,
    target: 'https://git.example.com/specs',
    url: 'https://git.example.com/specs',
  };

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
        archive: async () => {
          throw new Error('unused');
        },
        dir: async () => {
          throw new Error('unused');
        },
      };
    });
    const first = await readLocation(location, urlReader, {
      ...LIMITS,
      maxFileBytes: 10,
      allowedRoots: [],
    });
    expect(first).toEqual({
      notModified: false,
      etag: 'e1',
      files: [
        { path: 'a.md', content: Buffer.from('a') },
        { path: 'b.md', content: Buffer.from('b') },
      ],
      warnings: [],
    });
    expect(
      await readLocation(location, urlReader, {
        ...LIMITS,
        etag: 'e1',
        maxFileBytes: 10,
        allowedRoots: [],
      }),
    ).toEqual({
      notModified: true,
    });
  });

  it('lets other errors through', async () => {
    const urlReader = mockServices.urlReader.mock();
    urlReader.readTree.mockRejectedValue(new NotFoundError('404 Not Found'));
    await expect(
      readLocation(location, urlReader, {
        ...LIMITS,
        maxFileBytes: 10,
        allowedRoots: [],
      }),
    ).rejects.toThrow('404 Not Found');
  });
});

describe('readLocation limits', () => {
  const location = {
    type: 'url' as const,
    target: 'https://git.example.com/specs',
    url: 'https://git.example.com/specs',
  };
  const files = function* markdownFiles(count: number, size: number) {
    for (let i = 0; i < count; i++) yield { path: `SPEC-${i}.md`, size };
  };

  it('stops streaming at the first file over maxFiles, before holding any', async () => {
    const tree = new GeneratedTree(() => files(100_000, 10));
    await expect(
      readLocation(location, tree.reader(), {
        maxFiles: 50,
        maxBytes: 1 << 20,
        maxFileBytes: 100,
        allowedRoots: [],
      }),
    ).rejects.toThrow(
      new InputError(
        'Refused to read https://git.example.com/specs: it holds more than 50 markdown and JSON files (infraSpecs.refresh.maxFiles)',
      ),
    );
    expect(tree.pulled).toBe(51);
    expect(tree.buffered).toBe(0);
  });

  it('stops at maxBytes, counting sizes as the tree streams', async () => {
    const tree = new GeneratedTree(() => files(1000, 1000));
    await expect(
      readLocation(location, tree.reader(), {
        maxFiles: 10_000,
        maxBytes: 10_500,
        maxFileBytes: 1000,
        allowedRoots: [],
      }),
    ).rejects.toThrow(
      'its markdown and JSON files add up to more than 10500 bytes (infraSpecs.refresh.maxBytes)',
    );
    expect(tree.pulled).toBe(11);
    expect(tree.buffered).toBe(0);
  });

  it('checks the buffers of readers that give no sizes, file by file', async () => {
    const tree = new GeneratedTree(() => files(1000, 1000), { sizes: false });
    await expect(
      readLocation(location, tree.reader(), {
        maxFiles: 10_000,
        maxBytes: 10_500,
        maxFileBytes: 1000,
        allowedRoots: [],
      }),
    ).rejects.toThrow('(infraSpecs.refresh.maxBytes)');
    expect(tree.buffered).toBe(11);
  });

  it('skips a file over maxFileBytes without reading it, and counts it as a file', async () => {
    const tree = new GeneratedTree(() => [
      { path: 'SPEC-1.md', content: '# Spec: one' },
      { path: 'huge.md', size: 200 * 1024 * 1024 },
      { path: 'image.png', size: 5 },
    ]);
    const read = await readLocation(location, tree.reader(), {
      maxFiles: 2,
      maxBytes: 1 << 20,
      maxFileBytes: 1024,
      allowedRoots: [],
    });
    expect(read).toEqual({
      notModified: false,
      etag: 'generated-1',
      files: [{ path: 'SPEC-1.md', content: Buffer.from('# Spec: one') }],
      warnings: [
        'Skipped huge.md: 209715200 bytes is more than infraSpecs.refresh.maxFileBytes (1024)',
      ],
    });
    expect(tree.bufferedBytes).toBe(11);
    await expect(
      readLocation(location, tree.reader(), {
        maxFiles: 1,
        maxBytes: 1 << 20,
        maxFileBytes: 1024,
        allowedRoots: [],
      }),
    ).rejects.toThrow('more than 1 markdown and JSON files');
  });

  it('aborts the request of a reader that streams on after the limit', async () => {
    const urlReader = mockServices.urlReader.mock();
    let signal: AbortSignal | undefined;
    urlReader.readTree.mockImplementation(async (_url, opts) => {
      signal = opts?.signal;
      expect(opts?.filter?.('a.md', { size: 6 })).toBe(true);
      expect(opts?.filter?.('b.md', { size: 6 })).toBe(false);
      // Past the limit nothing more is kept, even if the reader goes on.
      expect(opts?.filter?.('c.md', { size: 1 })).toBe(false);
      return {
        etag: 'e',
        files: async () => [
          { path: 'a.md', content: async () => Buffer.from('aaaaaa') },
        ],
        archive: async () => {
          throw new Error('unused');
        },
        dir: async () => {
          throw new Error('unused');
        },
      };
    });
    await expect(
      readLocation(location, urlReader, {
        maxFiles: 10,
        maxBytes: 10,
        maxFileBytes: 10,
        allowedRoots: [],
      }),
    ).rejects.toThrow('(infraSpecs.refresh.maxBytes)');
    expect(signal?.aborted).toBe(true);
  });

  it('bounds local folders the same way', async () => {
    const dir = createMockDirectory();
    dir.setContent({
      specs: { 'a.md': 'x'.repeat(60), 'b.md': 'x'.repeat(60), 'c.md': 'x' },
    });
    const local = {
      type: 'dir' as const,
      target: 'x',
      path: dir.resolve('specs'),
    };
    const opts = {
      maxFiles: 10,
      maxBytes: 100,
      maxFileBytes: 100,
      allowedRoots: [dir.path],
    };
    await expect(readLocation(local, urlReaderUnused, opts)).rejects.toThrow(
      `Refused to read ${dir.resolve(
        'specs',
      )}: its markdown and JSON files add up to more than 100 bytes (infraSpecs.refresh.maxBytes)`,
    );
    await expect(
      readLocation(local, urlReaderUnused, {
        ...opts,
        maxBytes: 1000,
        maxFiles: 2,
      }),
    ).rejects.toThrow(
      'holds more than 2 markdown and JSON files (infraSpecs.refresh.maxFiles)',
    );
  });
});

describe("readLocation inside the component's folder", () => {
  const dir = createMockDirectory();
  beforeEach(() => {
    dir.setContent({
      'team-a': { vpc: { 'catalog-info.yaml': '', specs: { 'a.md': '# a' } } },
      'team-b': { specs: { 'b.md': '# b' } },
    });
  });
  const at = (...parts: string[]) => ({
    type: 'dir' as const,
    target: 'x',
    path: dir.resolve(...parts),
  });
  const opts = () => ({
    ...LIMITS,
    maxFileBytes: 100,
    allowedRoots: [dir.path],
    componentFolder: dir.resolve('team-a/vpc'),
  });

  it("reads the component's folder and refuses another team's, also through symlinks", async () => {
    const read = await readLocation(
      at('team-a/vpc/specs'),
      urlReaderUnused,
      opts(),
    );
    expect(!read.notModified && read.files.map(f => f.path)).toEqual(['a.md']);
    await expect(
      readLocation(at('team-b/specs'), urlReaderUnused, opts()),
    ).rejects.toThrow(
      new NotAllowedError(
        `Refused to read ${dir.resolve(
          'team-b/specs',
        )}: it is outside the folder of the component's catalog-info.yaml (${dir.resolve(
          'team-a/vpc',
        )}); infraSpecs.locations.allowDirOutsideComponent would allow it`,
      ),
    );
    await fs.symlink(
      dir.resolve('team-b/specs'),
      dir.resolve('team-a/vpc/linked'),
    );
    await expect(
      readLocation(at('team-a/vpc/linked'), urlReaderUnused, opts()),
    ).rejects.toThrow(
      `it resolves through a symlink to ${dir.resolve(
        'team-b/specs',
      )}, outside the folder of the component's catalog-info.yaml`,
    );
    await fs.symlink(
      dir.resolve('team-b/specs/b.md'),
      dir.resolve('team-a/vpc/specs/b.md'),
    );
    await expect(
      readLocation(at('team-a/vpc/specs'), urlReaderUnused, opts()),
    ).rejects.toThrow(
      `b.md is a symlink to ${dir.resolve(
        'team-b/specs/b.md',
      )}, outside the folder of the component's catalog-info.yaml`,
    );
    // Without the component folder (allowDirOutsideComponent) the roots alone decide.
    const wide = await readLocation(at('team-b/specs'), urlReaderUnused, {
      ...opts(),
      componentFolder: undefined,
    });
    expect(!wide.notModified && wide.files.map(f => f.path)).toEqual(['b.md']);
  });
});

describe('readRepository: many locations in one read', () => {
  const URL = 'https://github.com/acme/infra/tree/main/services';
  const members = [
    {
      target: 'https://github.com/acme/infra/tree/main/services/a/specs',
      folder: 'a/specs',
    },
    {
      target: 'https://github.com/acme/infra/tree/main/services/b/specs',
      folder: 'b/specs',
    },
    // Nested in a's folder: its files are a's too, as two reads of their own would see them.
    {
      target: 'https://github.com/acme/infra/tree/main/services/a/specs/done',
      folder: 'a/specs/done',
    },
    {
      target: 'https://github.com/acme/infra/tree/main/services/gone/specs',
      folder: 'gone/specs',
    },
    // Only a non-markdown file: the folder exists and holds no specs.
    {
      target: 'https://github.com/acme/infra/tree/main/services/c/specs',
      folder: 'c/specs',
    },
  ];
  const entries = () => [
    { path: 'a/specs/SPEC-1.md', content: 'one' },
    { path: 'a/specs/done/SPEC-2.md', content: 'two' },
    { path: 'a/main.tf', content: 'resource' },
    { path: 'b/specs/SPEC-3.md', content: 'three' },
    { path: 'b/specs/huge.md', size: 5000 },
    { path: 'c/specs/diagram.png', content: 'png' },
    { path: 'README.md', content: 'not in any folder' },
  ];
  const limits = { maxFiles: 10, maxBytes: 1 << 20, maxFileBytes: 1024 };

  it('splits the files by folder, relative to each, in one readTree; a missing folder fails alone', async () => {
    const tree = new GeneratedTree(entries, { etag: 'sha-1' });
    const read = await readRepository(URL, members, tree.reader(), limits);
    expect(tree.urls).toEqual([URL]);
    if (read.notModified) throw new Error('expected content');
    expect(read.etag).toBe('sha-1');
    const [a, b, done, gone, c] = read.reads;
    const paths = (r: unknown) =>
      r instanceof Error
        ? r
        : (r as { files: { path: string }[] }).files.map(f => f.path);
    expect(paths(a)).toEqual(['SPEC-1.md', 'done/SPEC-2.md']);
    expect(paths(b)).toEqual(['SPEC-3.md']);
    expect(b).toMatchObject({
      warnings: [
        'Skipped huge.md: 5000 bytes is more than infraSpecs.refresh.maxFileBytes (1024)',
      ],
    });
    expect(paths(done)).toEqual(['SPEC-2.md']);
    expect(gone).toEqual(
      new NotFoundError(
        'Spec folder https://github.com/acme/infra/tree/main/services/gone/specs does not exist at commit sha-1',
      ),
    );
    expect(paths(c)).toEqual([]);
    // Only the markdown files of the folders were buffered, the large one not, SPEC-2 once.
    expect(tree.bufferedBytes).toBe(3 + 3 + 5);
  });

  it('keeps the limits per location: one over maxFiles fails alone, the others are read', async () => {
    const many = function* bigAndSmall() {
      for (let i = 0; i < 1000; i++)
        yield { path: `big/specs/SPEC-${i}.md`, size: 10 };
      yield { path: 'small/specs/SPEC-1.md', content: 'one' };
    };
    const tree = new GeneratedTree(many);
    const read = await readRepository(
      URL,
      [
        { target: 'big', folder: 'big/specs' },
        { target: 'small', folder: 'small/specs' },
      ],
      tree.reader(),
      { ...limits, maxFiles: 50 },
    );
    if (read.notModified) throw new Error('expected content');
    expect(read.reads[0]).toEqual(
      new InputError(
        'Refused to read big: it holds more than 50 markdown and JSON files (infraSpecs.refresh.maxFiles)',
      ),
    );
    expect(read.reads[1]).toMatchObject({ files: [{ path: 'SPEC-1.md' }] });
    // None of the over-limit location's files were held, and the read went on for the other.
    expect(tree.buffered).toBe(1);
  });

  it('cuts the read off once every location is over a limit', async () => {
    const many = function* endless() {
      for (let i = 0; i < 100_000; i++)
        yield { path: `specs/SPEC-${i}.md`, size: 10 };
    };
    const tree = new GeneratedTree(many);
    const read = await readRepository(
      URL,
      [{ target: 't', folder: 'specs' }],
      tree.reader(),
      {
        ...limits,
        maxFiles: 5,
      },
    );
    if (read.notModified) throw new Error('expected content');
    expect(read.reads[0]).toBeInstanceOf(InputError);
    expect(tree.pulled).toBe(6);
  });

  it('passes the etag and answers notModified for all; a failed read is thrown for all', async () => {
    const urlReader = mockServices.urlReader.mock();
    urlReader.readTree.mockRejectedValueOnce(new NotModifiedError());
    await expect(
      readRepository(URL, members, urlReader, { ...limits, etag: 'sha-1' }),
    ).resolves.toEqual({
      notModified: true,
    });
    expect(urlReader.readTree).toHaveBeenCalledWith(
      URL,
      expect.objectContaining({ etag: 'sha-1' }),
    );
    urlReader.readTree.mockRejectedValueOnce(
      new Error('500 Internal Server Error'),
    );
    await expect(
      readRepository(URL, members, urlReader, limits),
    ).rejects.toThrow('500');
  });
});
