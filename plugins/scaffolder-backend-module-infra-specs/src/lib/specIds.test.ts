import {
  allocateSpecId,
  conceptFromTitle,
  idNumber,
  nextNumberedId,
  slugify,
} from './specIds';

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
  });

  it('takes the backend offer when it is higher, and the workspace when the backend lags', () => {
    expect(nextNumberedId('SPEC', ['SPEC-0003'], 'SPEC-0120')).toBe(
      'SPEC-0120',
    );
    expect(nextNumberedId('SPEC', ['SPEC-0130'], 'SPEC-0120')).toBe(
      'SPEC-0131',
    );
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

describe('idNumber', () => {
  it('reads numbered ids of one prefix only', () => {
    expect(idNumber('SPEC-0042', 'spec')).toBe(42);
    expect(idNumber(' FEAT-7 ', 'FEAT')).toBe(7);
    expect(idNumber('SPEC-0042', 'FEAT')).toBeUndefined();
    expect(idNumber('SPEC-XXXX', 'SPEC')).toBeUndefined();
    expect(idNumber('INF-NAT-GATEWAY', 'INF')).toBeUndefined();
  });
});

describe('conceptFromTitle and slugify', () => {
  it('builds an uppercase concept from the title', () => {
    expect(conceptFromTitle('NAT gateway')).toBe('NAT-GATEWAY');
    expect(conceptFromTitle('  Réplica  (per AZ) / v2 ')).toBe(
      'REPLICA-PER-AZ-V2',
    );
    expect(conceptFromTitle('***')).toBe('');
  });

  it('slugifies titles for file names', () => {
    expect(slugify('Upgrade EKS to 1.31')).toBe('upgrade-eks-to-1-31');
    expect(slugify('!!!')).toBe('spec');
    expect(slugify('a'.repeat(100)).length).toBe(60);
  });
});

describe('allocateSpecId', () => {
  it('numbers change specs with SPEC-NNNN after the known ones', () => {
    expect(
      allocateSpecId({
        format: 'change',
        title: 'x',
        known: ['SPEC-0101', 'SPEC-0120'],
      }),
    ).toEqual({ ok: true, id: 'SPEC-0121' });
  });

  it('numbers feature specs with FEAT-NNN or a custom prefix', () => {
    expect(
      allocateSpecId({ format: 'feature', title: 'x', known: ['FEAT-011'] }),
    ).toEqual({
      ok: true,
      id: 'FEAT-012',
    });
    expect(
      allocateSpecId({
        format: 'feature',
        title: 'x',
        prefix: 'infra',
        known: ['INFRA-7'],
      }),
    ).toEqual({ ok: true, id: 'INFRA-008' });
  });

  it('names smaqit specs after the concept of the title', () => {
    expect(
      allocateSpecId({ format: 'smaqit', title: 'NAT Gateway', known: [] }),
    ).toEqual({
      ok: true,
      id: 'INF-NAT-GATEWAY',
    });
  });

  it('never reuses a smaqit id and explains why', () => {
    const result = allocateSpecId({
      format: 'smaqit',
      title: 'nat gateway',
      known: ['inf-nat-gateway'],
    });
    expect(result).toEqual({
      ok: false,
      reason: expect.stringContaining('INF-NAT-GATEWAY is already used'),
    });
  });

  it('refuses titles without a concept and bad prefixes', () => {
    expect(
      allocateSpecId({ format: 'smaqit', title: '!!', known: [] }).ok,
    ).toBe(false);
    expect(
      allocateSpecId({
        format: 'feature',
        title: 'x',
        prefix: '1-A',
        known: [],
      }),
    ).toEqual({
      ok: false,
      reason: expect.stringContaining("'1-A' is not an id prefix"),
    });
  });
});
