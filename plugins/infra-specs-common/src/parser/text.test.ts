import {
  firstLink,
  normalizeTitle,
  stripHtmlComments,
  toWords,
  truncateText,
} from './text';

describe('text helpers', () => {
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
