import { findPlaceholder, isNotApplicable } from './placeholders';

describe('placeholders', () => {
  it.each([
    ['[Name]', '[Name]'],
    ['[FEATURE-ID] [Feature Name]', '[FEATURE-ID]'],
    ['INF-[CONCEPT]', '[CONCEPT]'],
    ['[1/2/3]', '[1/2/3]'],
    ['YYYY-MM-DD', 'YYYY-MM-DD'],
    ['$X', '$X'],
    ['SPEC-XXXX', 'SPEC-XXXX'],
    ['[#XXX](https://github.com/o/r/issues/XXX)', '#XXX'],
    ['Infrastructure MUST [requirement]', '[requirement]'],
  ])('%s holds %s', (value, placeholder) => {
    expect(findPlaceholder(value)).toBe(placeholder);
  });

  it.each([
    ['Jane Doe'],
    ['[#1635](https://github.com/o/r/issues/1635)'],
    ['[Platform Constitution](../constitution.md)'],
    ['[NEEDS CLARIFICATION: which region?]'],
    ['[x] done'],
    ['XXL instances'],
    ['2026-07-18'],
    [''],
  ])('%s holds none', value => {
    expect(findPlaceholder(value)).toBeNull();
  });

  it('knows explicit "not applicable" values', () => {
    expect(isNotApplicable('N/A (foundational composition)')).toBe(true);
    expect(isNotApplicable('TBD (folded into PR #1434)')).toBe(true);
    expect(isNotApplicable('—')).toBe(true);
    expect(isNotApplicable('#1634')).toBe(false);
    expect(isNotApplicable('Nathalie')).toBe(false);
    expect(isNotApplicable('Na Li')).toBe(false);
    expect(isNotApplicable('Pending Smith')).toBe(false);
    expect(isNotApplicable('pending: create the issue')).toBe(true);
  });

  it('scans unmatched brackets in linear time', () => {
    expect(findPlaceholder('['.repeat(200000))).toBeNull();
  });
});
