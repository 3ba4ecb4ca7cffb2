import {
  findSpecIds,
  formatNumberedId,
  nextNumberedId,
  parseNumberedId,
  SPEC_ID_PATTERN,
  SPEC_ID_PREFIX_PATTERN,
} from './numberedIds';

describe('parseNumberedId', () => {
  it('reads numbered ids, whatever their case and padding', () => {
    expect(parseNumberedId('SPEC-0042')).toEqual({
      prefix: 'SPEC',
      number: 42,
      width: 4,
    });
    expect(parseNumberedId(' feat-7 ')).toEqual({
      prefix: 'FEAT',
      number: 7,
      width: 1,
    });
    expect(parseNumberedId('SPEC-0000000042')?.number).toBe(42);
  });

  it('reads nothing else', () => {
    for (const id of [
      'SPEC-XXXX',
      'INF-NAT-GATEWAY',
      'SPEC-0042-eks',
      '1SPEC-1',
      'SPEC-1234567890',
      `${'A'.repeat(33)}-1`,
    ]) {
      expect(parseNumberedId(id)).toBeUndefined();
    }
  });
});

describe('formatNumberedId', () => {
  it('pads SPEC ids to four digits and others to three, unless told', () => {
    expect(formatNumberedId('spec', 42)).toBe('SPEC-0042');
    expect(formatNumberedId('FEAT', 12)).toBe('FEAT-012');
    expect(formatNumberedId('SPEC', 8, 3)).toBe('SPEC-008');
    expect(formatNumberedId('SPEC', 10000)).toBe('SPEC-10000');
  });
});

describe('nextNumberedId', () => {
  it('starts at 1 with the prefix width of the format', () => {
    expect(nextNumberedId('SPEC', [])).toBe('SPEC-0001');
    expect(nextNumberedId('FEAT', [])).toBe('FEAT-001');
  });

  it('goes one above the highest known id of the prefix, whatever its padding and case', () => {
    expect(
      nextNumberedId('SPEC', [
        'SPEC-0007',
        'spec-42',
        'SPEC-0010',
        'FEAT-900',
        'INF-X',
      ]),
    ).toBe('SPEC-0043');
    expect(
      nextNumberedId('SPEC', ['SPEC-0041', 'SPEC-0007', 'OTHER-9999']),
    ).toBe('SPEC-0042');
    expect(nextNumberedId('SPEC', ['spec-0009'])).toBe('SPEC-0010');
  });

  it('keeps the widest digit count in use', () => {
    expect(nextNumberedId('SPEC', ['SPEC-007', 'SPEC-010'])).toBe('SPEC-011');
    expect(nextNumberedId('infra', ['INFRA-7'])).toBe('INFRA-8');
  });

  it('takes the backend offer when it is higher, and the known ids when the backend lags', () => {
    expect(nextNumberedId('SPEC', ['SPEC-0003'], 'SPEC-0120')).toBe(
      'SPEC-0120',
    );
    expect(nextNumberedId('SPEC', ['SPEC-0130'], 'SPEC-0120')).toBe(
      'SPEC-0131',
    );
    expect(nextNumberedId('SPEC', [], 'SPEC-0120')).toBe('SPEC-0120');
  });

  it('ignores an offer of another prefix', () => {
    expect(nextNumberedId('SPEC', ['SPEC-0002'], 'FEAT-0099')).toBe(
      'SPEC-0003',
    );
  });

  it('keeps growing past the pad width', () => {
    expect(nextNumberedId('SPEC', ['SPEC-9999'])).toBe('SPEC-10000');
  });
});

describe('findSpecIds', () => {
  it('finds the numbered ids of one prefix in names and text', () => {
    expect(
      findSpecIds(
        'SPEC-0003-flat.md, see spec-0039 and SPEC-12; not SPECS-1, FEAT-1 or XSPEC-2',
        'SPEC',
      ),
    ).toEqual(['SPEC-0003', 'SPEC-0039', 'SPEC-12']);
    expect(findSpecIds('FEAT-011 FEAT-011', 'feat')).toEqual(['FEAT-011']);
  });

  it('finds smaqit ids for INF', () => {
    expect(
      findSpecIds('id: INF-GPU-NODE-POOL\n- [ ] INF-GPU-NODE-POOL-001', 'INF'),
    ).toEqual(['INF-GPU-NODE-POOL', 'INF-GPU-NODE-POOL-001']);
  });

  it('finds nothing for a malformed prefix', () => {
    expect(findSpecIds('A.B-1', 'A.B')).toEqual([]);
  });
});

describe('patterns', () => {
  it('accept prefixes and ids, nothing else', () => {
    expect(SPEC_ID_PREFIX_PATTERN.test('SPEC')).toBe(true);
    expect(SPEC_ID_PREFIX_PATTERN.test(`A${'b'.repeat(31)}`)).toBe(true);
    expect(SPEC_ID_PREFIX_PATTERN.test(`A${'b'.repeat(32)}`)).toBe(false);
    expect(SPEC_ID_PREFIX_PATTERN.test('1-A')).toBe(false);
    expect(SPEC_ID_PATTERN.test('SPEC-0042')).toBe(true);
    expect(SPEC_ID_PATTERN.test('INF-NAT-GATEWAY')).toBe(true);
    expect(SPEC_ID_PATTERN.test('SPEC')).toBe(false);
    expect(SPEC_ID_PATTERN.test('SPEC-')).toBe(false);
    expect(SPEC_ID_PATTERN.test('SPEC 42')).toBe(false);
  });
});
