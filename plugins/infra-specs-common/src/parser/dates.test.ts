import { parseDate } from './dates';

describe('parseDate', () => {
  it.each([
    ['2026-07-18', '2026-07-18'],
    ['2026/07/18', '2026-07-18'],
    ['2026.7.8', '2026-07-08'],
    ['July 18, 2026', '2026-07-18'],
    ['Jul 18 2026', '2026-07-18'],
    ['Sept. 3, 2026', '2026-09-03'],
    ['18 Jul 2026', '2026-07-18'],
    ['3rd March 2026', '2026-03-03'],
    ['2026-08-27T10:15:00Z', '2026-08-27'],
    ['2026-04-18 (migrated to 4-artifact structure)', '2026-04-18'],
    ['**2026-01-05**', '2026-01-05'],
    ['2024-02-29', '2024-02-29'],
  ])('%s -> %s', (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });

  it.each([
    ['YYYY-MM-DD'],
    ['[DATE]'],
    ['[TIMESTAMP]'],
    ['TBD'],
    ['03/04/2026'], // day or month first: not guessed
    ['2026-13-01'],
    ['2026-02-30'],
    ['2025-02-29'],
    ['20260718'],
    ['Smarch 3, 2026'],
    [''],
  ])('%s -> null', text => {
    expect(parseDate(text)).toBeNull();
  });

  it('handles null and very long input', () => {
    expect(parseDate(null)).toBeNull();
    expect(parseDate('2'.repeat(100000))).toBeNull();
  });
});
