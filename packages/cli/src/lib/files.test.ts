import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { tempFolder } from '../__testUtils__/tmp';
import { collectMarkdownFiles, readTextFile } from './files';

describe('collectMarkdownFiles', () => {
  it('walks folders for *.md, skips node_modules and .git, keeps named files and reports missing paths', async () => {
    const folder = tempFolder({
      'specs/b.md': 'b',
      'specs/a.MD': 'a',
      'specs/done/c.md': 'c',
      'specs/notes.txt': 'not markdown',
      'specs/node_modules/x/d.md': 'd',
      'specs/.git/e.md': 'e',
      'other.markdown': 'named explicitly',
    });
    try {
      symlinkSync(join(folder.dir, 'specs'), join(folder.dir, 'specs', 'loop'));
      const { files, missing } = await collectMarkdownFiles(
        ['specs', 'other.markdown', 'nope'],
        folder.dir,
      );
      expect(files.map(f => [f.path, f.explicit])).toEqual([
        [join('specs', 'a.MD'), false],
        [join('specs', 'b.md'), false],
        [join('specs', 'done', 'c.md'), false],
        ['other.markdown', true],
      ]);
      expect(files[0].absolute).toBe(join(folder.dir, 'specs', 'a.MD'));
      expect(missing).toEqual([
        { path: 'nope', message: 'no such file or directory' },
      ]);
    } finally {
      folder.cleanup();
    }
  });
});

describe('readTextFile', () => {
  it('returns the text or why it cannot be read', async () => {
    const folder = tempFolder({ 'a.md': 'héllo' });
    try {
      expect(await readTextFile(join(folder.dir, 'a.md'))).toEqual({
        text: 'héllo',
      });
      expect(await readTextFile(folder.dir)).toEqual({
        error: 'is a directory',
      });
      expect(await readTextFile(join(folder.dir, 'b.md'))).toEqual({
        error: 'no such file or directory',
      });
    } finally {
      folder.cleanup();
    }
  });
});
