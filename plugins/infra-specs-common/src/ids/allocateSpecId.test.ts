import { allocateSpecId } from './allocateSpecId';
import { SPEC_SHORT_FORMAT_NAMES, SPEC_SHORT_FORMATS } from './shortFormats';
import { SPEC_TEMPLATE_FORMATS } from '../render/values';

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
    ).toEqual({ ok: true, id: 'FEAT-012' });
    expect(
      allocateSpecId({
        format: 'feature',
        title: 'x',
        prefix: 'infra',
        known: ['INFRA-007'],
        offered: 'INFRA-009',
      }),
    ).toEqual({ ok: true, id: 'INFRA-009' });
  });

  it('names smaqit specs after the concept of the title', () => {
    expect(
      allocateSpecId({
        format: 'smaqit',
        title: 'NAT Gateway',
        prefix: 'SPEC',
        known: [],
      }),
    ).toEqual({ ok: true, id: 'INF-NAT-GATEWAY' });
  });

  it('never reuses a smaqit id and explains why', () => {
    expect(
      allocateSpecId({
        format: 'smaqit',
        title: 'nat gateway',
        known: ['inf-nat-gateway'],
      }),
    ).toEqual({
      ok: false,
      reason: expect.stringContaining('INF-NAT-GATEWAY is already used'),
    });
  });

  it('refuses titles without a concept and bad prefixes', () => {
    expect(
      allocateSpecId({ format: 'smaqit', title: '!!', known: [] }),
    ).toEqual({
      ok: false,
      reason: expect.stringContaining("after the title '!!'"),
    });
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

describe('SPEC_SHORT_FORMATS', () => {
  it('names every format that has a template, once', () => {
    expect(SPEC_SHORT_FORMAT_NAMES).toEqual(['feature', 'change', 'smaqit']);
    expect(
      SPEC_SHORT_FORMAT_NAMES.map(name => SPEC_SHORT_FORMATS[name].format),
    ).toEqual(SPEC_TEMPLATE_FORMATS);
  });
});
