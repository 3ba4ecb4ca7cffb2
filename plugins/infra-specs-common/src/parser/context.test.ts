import { DocumentContext, splitKeyValue } from './context';
import { readMarkdown } from './document';

function context(
  markdown: string,
  frontMatter: Record<string, unknown> | null = null,
) {
  return new DocumentContext(
    'x.md',
    frontMatter,
    { status: 2 },
    readMarkdown(markdown, 1),
  );
}

describe('splitKeyValue', () => {
  it.each([
    ['**Spec ID**: SPEC-1', ['spec id', 'SPEC-1']],
    ['**Status:** done', ['status', 'done']],
    ['- **Owner**: Jane', ['owner', 'Jane']],
    ['__Last Updated__: 2026-01-01', ['last updated', '2026-01-01']],
    ['**Given** x, **When** y', null],
    ['https://example.com', null],
  ])('%s', (line, expected) => {
    expect(splitKeyValue(line, false)).toEqual(expected);
  });

  it('reads plain `Key: value` lines only when allowed', () => {
    expect(splitKeyValue('Last updated: 2026-01-01', true)).toEqual([
      'last updated',
      '2026-01-01',
    ]);
    expect(splitKeyValue('Last updated: 2026-01-01', false)).toBeNull();
  });
});

describe('DocumentContext', () => {
  const ctx = context(
    [
      '# Title',
      '**Status**: Draft',
      'Created: 2026-01-01',
      '',
      '## 2. Impact Assessment',
      '',
      '| Aspect | Assessment |',
      '|---|---|',
      '| **Blast Radius** | High |',
      '',
      '## Notes',
      '',
      '- **Blast Radius**: Low',
      '- **Rollback**: revert the PR',
      '',
      '## Notes',
      '',
      'again',
    ].join('\n'),
  );

  it('finds header metadata by synonym, front matter first', () => {
    expect(ctx.meta('created', 'date')).toMatchObject({
      value: '2026-01-01',
      line: 3,
      source: 'header',
    });
    const withFm = context('# T\n**Status**: Draft\n', { status: 'approved' });
    expect(withFm.meta('status')).toMatchObject({
      value: 'approved',
      source: 'front-matter',
      line: 2,
    });
    expect(withFm.diagnostics.map(d => d.code)).toEqual([
      'conflicting-metadata',
    ]);
  });

  it('finds body fields, preferring the named sections', () => {
    expect(ctx.field(['blast radius'], ['impact assessment'])).toMatchObject({
      value: 'High',
      line: 9,
    });
    expect(ctx.field(['blast radius'], ['notes'])).toMatchObject({
      value: 'Low',
      line: 13,
    });
    expect(
      ctx.fieldWithin(['rollback'], ['impact assessment']),
    ).toBeUndefined();
    expect(ctx.fieldWithin(['rollback'], ['notes'])).toMatchObject({
      value: 'revert the PR',
    });
  });

  it('finds sections by meaning, numbering ignored, and reports duplicates once', () => {
    expect(ctx.section('Impact Assessment')?.line).toBe(5);
    expect(ctx.section('impact')?.line).toBe(5); // prefix match
    expect(ctx.section('missing')).toBeUndefined();
    expect(ctx.section('notes')?.line).toBe(11);
    ctx.section('notes');
    expect(ctx.diagnostics.filter(d => d.code === 'duplicate-section')).toEqual(
      [expect.objectContaining({ line: 16, severity: 'warning' })],
    );
  });
});
