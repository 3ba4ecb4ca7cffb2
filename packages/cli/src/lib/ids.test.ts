import { tempFolder } from '../__testUtils__/tmp';
import { scanIds } from './ids';

describe('scanIds', () => {
  it('finds ids in file and folder names and in markdown contents, skipping node_modules and .git', async () => {
    const folder = tempFolder({
      'SPEC-0003-flat.md': '# Spec: flat\n',
      '012-kv/spec.md': '# Spec: kv\n\n**ID**: SPEC-012\n',
      'done/2025-Q1/SPEC-0040-old/plan.md': 'see SPEC-0039\n',
      'notes.txt': 'SPEC-9000 is in a text file',
      'node_modules/x/SPEC-8000.md': '',
      '.git/SPEC-7000.md': '',
    });
    try {
      const ids = await scanIds(folder.dir, 'SPEC');
      expect(ids.sort()).toEqual([
        'SPEC-0003',
        'SPEC-0039',
        'SPEC-0040',
        'SPEC-012',
      ]);
      expect(await scanIds(`${folder.dir}/missing`, 'SPEC')).toEqual([]);
    } finally {
      folder.cleanup();
    }
  });
});
