import {
  firstLink,
  inlineToText,
  normalizeTitle,
  stripHtmlComments,
  toWords,
  truncateText,
} from './text';

describe('text helpers', () => {
  it.each([
    ['**Spec ID**', 'Spec ID'],
    ['`opentofu/eks/` and *em* and _em_', 'opentofu/eks/ and em and em'],
    [
      '[#1558](https://github.com/o/r/issues/1558) (tracking)',
      '#1558 (tracking)',
    ],
    ['![diagram](x.png) caption', 'diagram caption'],
    ['see [the docs][docs]', 'see the docs'],
    [
      'snake_case_name stays, a * b stays',
      'snake_case_name stays, a * b stays',
    ],
    ['N/A <!-- pending: create the issue --> later', 'N/A later'],
    ['<b>bold</b> <https://x.dev/a>', 'bold https://x.dev/a'],
    [
      '\\*not emphasis\\* and \\[not a link\\]',
      '*not emphasis* and [not a link]',
    ],
    ['``code with ` tick``', 'code with ` tick'],
    ['~~struck~~ text', 'struck text'],
    ['unclosed `tick and [bracket', 'unclosed `tick and [bracket'],
    ['  many   \n spaces ', 'many spaces'],
  ])('inlineToText(%p)', (markdown, text) => {
    expect(inlineToText(markdown)).toBe(text);
  });

  it('is linear on emphasis-heavy and bracket-heavy input', () => {
    expect(inlineToText('*a_'.repeat(100000)).length).toBeGreaterThan(0);
    expect(
      inlineToText('['.repeat(100000) + ']('.repeat(50000)).length,
    ).toBeGreaterThan(0);
    expect(inlineToText('`a``'.repeat(50000)).length).toBeGreaterThan(0);
  });

  it('finds the first link target', () => {
    expect(firstLink('[#12](https://github.com/o/r/issues/12)')).toBe(
      'https://github.com/o/r/issues/12',
    );
    expect(firstLink('see <https://jira.example.com/browse/OPS-1>')).toBe(
      'https://jira.example.com/browse/OPS-1',
    );
    expect(firstLink('https://x.dev/1 and more')).toBe('https://x.dev/1');
    expect(firstLink('#12')).toBeNull();
  });

  it('normalizes keys and titles', () => {
    expect(toWords('✅ **Approved**!')).toBe('approved');
    expect(toWords('Prüfung läuft')).toBe('prüfung läuft');
    expect(normalizeTitle('6. Acceptance Criteria')).toBe(
      'acceptance criteria',
    );
    expect(normalizeTitle('A.1 Costs')).toBe('costs');
    expect(normalizeTitle('A Summary')).toBe('a summary');
  });

  it('truncates at a word boundary and strips comments', () => {
    expect(truncateText('one two three four', 16)).toBe('one two three…');
    expect(truncateText('short', 12)).toBe('short');
    expect(stripHtmlComments('a <!-- b --> c <!-- d')).toBe('a  c ');
  });
});
