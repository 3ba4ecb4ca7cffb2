import { UsageError } from './io';
import {
  parseAmount,
  parseCostItem,
  parseSetOptions,
  SETTABLE_KEYS,
} from './values';

describe('parseSetOptions', () => {
  it('turns key=value pairs into template values, numbers where the key needs one', () => {
    expect(
      parseSetOptions([
        'author=Jane Doe',
        'complexity=2',
        'monthlyCost=-1,200.50',
        'blastRadiusText=a=b',
        'summary=',
      ]),
    ).toEqual({
      author: 'Jane Doe',
      complexity: 2,
      monthlyCost: -1200.5,
      blastRadiusText: 'a=b',
      summary: '',
    });
  });

  it('refuses unknown keys with the list of valid keys', () => {
    expect(() => parseSetOptions(['colour=red'])).toThrow(UsageError);
    expect(() => parseSetOptions(['colour=red'])).toThrow(
      `unknown --set key 'colour'; valid keys: ${SETTABLE_KEYS.join(', ')}`,
    );
    expect(SETTABLE_KEYS).toContain('blastRadius');
    expect(SETTABLE_KEYS).not.toContain('costItems');
    expect(() => parseSetOptions(['title=x'])).toThrow(
      "unknown --set key 'title'",
    );
  });

  it('refuses malformed pairs and numbers', () => {
    expect(() => parseSetOptions(['author'])).toThrow(
      "--set expects key=value, got 'author'",
    );
    expect(() => parseSetOptions(['=x'])).toThrow('--set expects key=value');
    expect(() => parseSetOptions(['complexity=two'])).toThrow(
      "--set complexity 'two' is not a number",
    );
  });
});

describe('parseAmount', () => {
  it('reads plain numbers with an optional sign, symbol and thousands separators', () => {
    expect(parseAmount('350', 'x')).toBe(350);
    expect(parseAmount('+$1,200', 'x')).toBe(1200);
    expect(parseAmount('-€35.5', 'x')).toBe(-35.5);
    expect(() => parseAmount('', 'x')).toThrow("x '' is not a number");
    expect(() => parseAmount('12 USD', 'x')).toThrow('is not a number');
  });
});

describe('parseCostItem', () => {
  it('reads RESOURCE:AMOUNT[:NOTES]', () => {
    expect(parseCostItem('NAT Gateway:96:Per-AZ: two zones')).toEqual({
      resource: 'NAT Gateway',
      monthly: 96,
      notes: 'Per-AZ: two zones',
    });
    expect(parseCostItem('EIP:7.30')).toEqual({
      resource: 'EIP',
      monthly: 7.3,
      notes: null,
    });
    expect(parseCostItem('Data transfer:')).toEqual({
      resource: 'Data transfer',
      monthly: null,
      notes: null,
    });
    expect(() => parseCostItem('no amount')).toThrow(
      '--cost-item expects RESOURCE:AMOUNT[:NOTES]',
    );
    expect(() => parseCostItem('EIP:lots')).toThrow(
      "--cost-item amount 'lots' is not a number",
    );
  });
});
