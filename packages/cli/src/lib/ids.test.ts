import { tempFolder } from '../__testUtils__/tmp';
import {
  conceptId,
  ID_PATTERNS,
  nextSequentialId,
  scanIds,
  uniqueId,
} from './ids';

describe('nextSequentialId', () => {
  it('takes the next number after the highest, keeping the width in use', () => {
    expect(
      nextSequentialId('SPEC', ['SPEC-0041', 'SPEC-0007', 'OTHER-9999'], 4),
    ).toBe('SPEC-0042');
    expect(nextSequentialId('SPEC', ['SPEC-007', 'SPEC-010'], 4)).toBe(
      'SPEC-011',
    );
    expect(nextSequentialId('SPEC', ['spec-0009'], 4)).toBe('SPEC-0010');
    expect(nextSequentialId('SPEC', [], 4)).toBe('SPEC-0001');
    expect(nextSequentialId('FEAT', [], 3)).toBe('FEAT-001');
    expect(nextSequentialId('SPEC', ['SPEC-9999'], 4)).toBe('SPEC-10000');
  });
});

describe('conceptId', () => {
  it('builds INF-<CONCEPT> from the significant words of the title', () => {
    expect(conceptId('GPU node pool for fraud scoring')).toBe(
      'INF-GPU-NODE-POOL-FRAUD',
    );
    expect(conceptId('Observabilité des files d’attente')).toBe(
      'INF-OBSERVABILITE-DES-FILES-D',
    );
    expect(conceptId('  the  ')).toBe('INF-SPEC');
    expect(conceptId('日本語')).toBe('INF-SPEC');
  });
});

describe('uniqueId', () => {
  it('adds a counter when the id is taken', () => {
    expect(uniqueId('INF-X', [])).toBe('INF-X');
    expect(uniqueId('INF-X', ['inf-x', 'INF-X-2'])).toBe('INF-X-3');
  });
});

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
      const ids = await scanIds(folder.dir, ID_PATTERNS.change);
      expect(ids.sort()).toEqual([
        'SPEC-0003',
        'SPEC-0039',
        'SPEC-0040',
        'SPEC-012',
      ]);
      expect(
        await scanIds(`${folder.dir}/missing`, ID_PATTERNS.change),
      ).toEqual([]);
    } finally {
      folder.cleanup();
    }
  });
});
