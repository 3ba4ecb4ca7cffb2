import { parseMoney } from './money';

const amount = (text: string) => parseMoney(text).amount;

describe('parseMoney', () => {
  it.each([
    ['$1,200', 1200, 'USD', null],
    ['1200 USD', 1200, 'USD', null],
    ['USD 1200', 1200, 'USD', null],
    ['€300/month', 300, 'EUR', 'month'],
    ['300 € per month', 300, 'EUR', 'month'],
    ['+$35', 35, 'USD', null],
    ['-$200', -200, 'USD', null],
    ['$-200', -200, 'USD', null],
    ['−$200', -200, 'USD', null],
    ['~$40', 40, 'USD', null],
    ['approx. $40/mo', 40, 'USD', 'month'],
    ['$1.2k', 1200, 'USD', null],
    ['$2M', 2000000, 'USD', null],
    ['£96.55', 96.55, 'GBP', null],
    ['**$1,175**', 1175, 'USD', null],
    ['`$45`', 45, 'USD', null],
    ['($200)', -200, 'USD', null],
    ['(200)', -200, null, null],
    ['$14,400/year', 1200, 'USD', 'year'],
    ['$1,200 per year', 100, 'USD', 'year'],
    ['2400 EUR annually', 200, 'EUR', 'year'],
    ['$0', 0, 'USD', null],
    ['1200', 1200, null, null],
    ['$96 per AZ', 96, 'USD', null],
    ['+$98.55/month (two gateways)', 98.55, 'USD', 'month'],
  ])('%s -> %p %p %p', (text, value, currency, period) => {
    expect(parseMoney(text)).toEqual({
      amount: value,
      currency,
      period,
      placeholder: false,
    });
  });

  it('gives null, never 0, for placeholders', () => {
    for (const text of [
      '$X',
      '$XX,XXX',
      '**$X**',
      '[Monthly cost change estimate]',
      'X',
      '$?',
    ]) {
      expect(parseMoney(text)).toEqual({
        amount: null,
        currency: null,
        period: null,
        placeholder: true,
      });
    }
  });

  it('reads "no change" words as 0', () => {
    expect(amount('None')).toBe(0);
    expect(amount('No change')).toBe(0);
    expect(amount('free (open source)')).toBe(0);
  });

  it('does not guess at what is not a monthly amount', () => {
    for (const text of [
      '',
      'TBD',
      'Negligible',
      '$100-200',
      '$100 to $200',
      '1.200,50 €',
      '10%',
      '3 instances',
      '20 GiB',
      '$0.05/hour',
      '$3 per day',
      'see notes',
    ]) {
      expect({ text, amount: amount(text) }).toEqual({ text, amount: null });
    }
    expect(parseMoney(undefined).amount).toBeNull();
  });

  it('finishes quickly on hostile input (no backtracking blow-up)', () => {
    const hostile = [
      `$${'1,'.repeat(50000)}`,
      `${'1'.repeat(100000)}x`,
      '~'.repeat(100000),
      `$${'9'.repeat(300)}`,
    ];
    for (const text of hostile) expect(parseMoney(text).amount).toBeNull();
  });
});
