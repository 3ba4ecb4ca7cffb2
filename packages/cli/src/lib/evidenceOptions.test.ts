import { InvalidArgumentError } from 'commander';
import {
  parseDriftAmount,
  parseDriftShare,
  parseMaxEvidenceBytes,
} from './evidenceOptions';

describe('evidence options', () => {
  it.each([
    ['0.2', 0.2],
    ['20%', 0.2],
    [' 12.5 % ', 0.125],
    ['0', 0],
    ['1', 1],
    ['100%', 1],
    ['.5', 0.5],
  ])('--drift-share %j is %d', (value, share) => {
    expect(parseDriftShare(value)).toBeCloseTo(share, 10);
  });

  it.each(['2', '101%', '-0.1', '', '%', 'abc', '1e-1', 'Infinity', '0x1'])(
    '--drift-share %j is refused',
    value => {
      expect(() => parseDriftShare(value)).toThrow(InvalidArgumentError);
    },
  );

  it('reads amounts of 0 or more, and whole byte counts of 1 or more', () => {
    expect(parseDriftAmount('0')).toBe(0);
    expect(parseDriftAmount('12.5')).toBe(12.5);
    for (const bad of ['-1', 'fifty', '', '1e3', 'NaN'])
      expect(() => parseDriftAmount(bad)).toThrow(InvalidArgumentError);
    expect(parseMaxEvidenceBytes('1')).toBe(1);
    expect(parseMaxEvidenceBytes('10485760')).toBe(10485760);
    for (const bad of ['0', '1.5', '-3', '10MB', '', '99999999999999999999'])
      expect(() => parseMaxEvidenceBytes(bad)).toThrow(InvalidArgumentError);
  });
});
