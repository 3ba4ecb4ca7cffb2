import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  assertInsideRoots,
  realPathOf,
  resolveRelativeChild,
  resolveRoots,
  writeNewFile,
} from './safePaths';

const KEY = 'infraSpecs.publish.local.allowedRoots';

describe('safePaths', () => {
  let dir: string;
  let root: string;
  let outside: string;

  beforeEach(async () => {
    dir = await fs.realpath(await fs.mkdtemp(join(tmpdir(), 'safe-paths-')));
    root = join(dir, 'root');
    outside = join(dir, 'outside');
    await fs.mkdir(join(root, 'team', 'docs'), { recursive: true });
    await fs.mkdir(outside);
  });

  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('resolves missing tails through existing symlinked ancestors', async () => {
    await fs.symlink(outside, join(root, 'link'));
    expect(await realPathOf(join(root, 'link', 'a', 'b.md'))).toBe(
      join(outside, 'a', 'b.md'),
    );
    expect(await realPathOf(join(root, 'new', 'x.md'))).toBe(
      join(root, 'new', 'x.md'),
    );
  });

  it('follows dangling symlinks to where they point', async () => {
    await fs.symlink(join(outside, 'gone.md'), join(root, 'dangling.md'));
    expect(await realPathOf(join(root, 'dangling.md'))).toBe(
      join(outside, 'gone.md'),
    );
  });

  it('accepts paths inside a root and names the root it matched', async () => {
    const roots = await resolveRoots(['root'], dir);
    await expect(
      assertInsideRoots(
        roots,
        join(root, 'team', 'docs', 'new', 'SPEC-0001.md'),
        KEY,
      ),
    ).resolves.toEqual({
      root,
      realPath: join(root, 'team', 'docs', 'new', 'SPEC-0001.md'),
    });
  });

  it('refuses .. escapes, naming the root and the path', async () => {
    const roots = await resolveRoots([root], '/');
    const target = join(root, 'team', '..', '..', 'outside', 'x.md');
    await expect(assertInsideRoots(roots, target, KEY)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: `Refusing to write ${target}: it is outside the allowed root ${root} (${KEY})`,
    });
  });

  it('refuses symlinks that point out of the root', async () => {
    await fs.symlink(outside, join(root, 'team', 'specs'));
    const roots = await resolveRoots([root], '/');
    const target = join(root, 'team', 'specs', 'x.md');
    await expect(assertInsideRoots(roots, target, KEY)).rejects.toThrow(
      `a symlink on the way leads to ${join(
        outside,
        'x.md',
      )}, outside the allowed root ${root}`,
    );
  });

  it('accepts a root that is itself a symlink', async () => {
    await fs.symlink(root, join(dir, 'root-link'));
    const roots = await resolveRoots(['root-link'], dir);
    await expect(
      assertInsideRoots(roots, join(dir, 'root-link', 'a.md'), KEY),
    ).resolves.toMatchObject({
      root,
    });
  });

  it('refuses everything without roots', async () => {
    await expect(
      assertInsideRoots([], join(root, 'a.md'), KEY),
    ).rejects.toThrow(`no folder is allowed; add its root to ${KEY}`);
  });

  it('resolves relative children and refuses absolute paths and escapes', () => {
    expect(resolveRelativeChild('/base', 'a/b.md', 'targetPath')).toBe(
      '/base/a/b.md',
    );
    expect(() =>
      resolveRelativeChild('/base', '/etc/passwd', 'targetPath'),
    ).toThrow(
      "targetPath '/etc/passwd' must be relative to /base, not absolute",
    );
    expect(() =>
      resolveRelativeChild('/base', '../x.md', 'targetPath'),
    ).toThrow("targetPath '../x.md' points outside /base");
    expect(() =>
      resolveRelativeChild('/base', 'a/../..', 'targetPath'),
    ).toThrow('points outside');
    expect(() => resolveRelativeChild('/base', '.', 'targetPath')).toThrow(
      'points outside',
    );
  });

  it('writes new files, refuses to overwrite unless asked, and replaces symlinks instead of following them', async () => {
    const file = join(root, 'team', 'new', 'a.md');
    await writeNewFile(file, 'one', { overwrite: false });
    expect(await fs.readFile(file, 'utf8')).toBe('one');
    await expect(
      writeNewFile(file, 'two', { overwrite: false }),
    ).rejects.toThrow(
      `Refusing to overwrite ${file}: the file exists; pass overwrite: true to replace it`,
    );
    await writeNewFile(file, 'two', { overwrite: true });
    expect(await fs.readFile(file, 'utf8')).toBe('two');

    const victim = join(outside, 'victim.md');
    await fs.writeFile(victim, 'keep');
    const link = join(root, 'team', 'link.md');
    await fs.symlink(victim, link);
    await expect(writeNewFile(link, 'x', { overwrite: false })).rejects.toThrow(
      'Refusing to overwrite',
    );
    await writeNewFile(link, 'x', { overwrite: true });
    expect(await fs.readFile(victim, 'utf8')).toBe('keep');
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(false);
    expect(await fs.readdir(join(root, 'team'))).toEqual(
      expect.not.arrayContaining([expect.stringMatching(/\.tmp$/)]),
    );
  });
});
