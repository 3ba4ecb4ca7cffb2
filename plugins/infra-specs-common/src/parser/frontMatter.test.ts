import { readFrontMatter } from './frontMatter';

describe('readFrontMatter', () => {
  it('reads keys, their lines and the block length', () => {
    const fm = readFrontMatter(
      '---\nid: INF-X\nstatus: draft\ntags: [a, b]\n---\n# Title\n',
    );
    expect(fm.data).toEqual({ id: 'INF-X', status: 'draft', tags: '[a, b]' });
    expect(fm.keyLines).toEqual({ id: 2, status: 3, tags: 4 });
    expect(fm.lineCount).toBe(5);
    expect(fm.diagnostics).toEqual([]);
  });

  it('returns nothing without a leading ---', () => {
    expect(readFrontMatter('# Title\n---\nid: x\n---\n').data).toBeNull();
  });

  it('reports an unterminated block and reads nothing from it', () => {
    const fm = readFrontMatter('---\nid: INF-X\n# Title\n');
    expect(fm.data).toBeNull();
    expect(fm.lineCount).toBe(0);
    expect(fm.diagnostics.map(d => d.code)).toEqual([
      'unterminated-front-matter',
    ]);
  });

  it('reports invalid YAML with its line', () => {
    const fm = readFrontMatter(
      '---\nid: INF-X\nstatus: [draft\nowner: me\n---\n',
    );
    expect(fm.data).toBeNull();
    expect(fm.lineCount).toBe(5);
    expect(fm.diagnostics).toMatchObject([
      { code: 'invalid-front-matter', severity: 'error' },
    ]);
    expect(fm.diagnostics[0].line).toBeGreaterThanOrEqual(3);
  });

  it('rejects a front matter that is not a mapping', () => {
    expect(
      readFrontMatter('---\n- a\n- b\n---\n').diagnostics.map(d => d.code),
    ).toEqual(['invalid-front-matter']);
  });

  it('survives an alias bomb', () => {
    const bomb = [
      '---',
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      '---',
    ].join('\n');
    const fm = readFrontMatter(bomb);
    expect(fm.diagnostics.map(d => d.code)).toEqual(['invalid-front-matter']);
  });
});
