/*
 * Amounts of money in one isolated cell or value. A small scanner of sticky regexes, each
 * anchored at the current position, so no pattern can backtrack across the input.
 */
import { isPlaceholder } from './placeholders';

/** @public */
export interface ParsedMoney {
  /** Monthly amount (yearly amounts divided by 12); negative means savings; null when unreadable. */
  amount: number | null;
  /** ISO 4217 code when the value names a currency. */
  currency: string | null;
  /** The period written next to the amount. */
  period: 'month' | 'year' | null;
  /** True when the value is a template placeholder (`$X`, `[Monthly cost change estimate]`). */
  placeholder: boolean;
}

const SYMBOLS: Array<[string, string]> = [
  ['US$', 'USD'],
  ['CA$', 'CAD'],
  ['AU$', 'AUD'],
  ['C$', 'CAD'],
  ['A$', 'AUD'],
  ['$', 'USD'],
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['¥', 'JPY'],
  ['₹', 'INR'],
  ['₩', 'KRW'],
  ['R$', 'BRL'],
];

/** Codes accepted next to a number; other three-letter words (GiB, RPS) are not currencies. */
const CODES = new Set(
  'USD EUR GBP JPY CHF CAD AUD NZD INR CNY SEK NOK DKK PLN CZK HUF BRL MXN ZAR SGD HKD KRW ILS TRY AED SAR'.split(
    ' ',
  ),
);

const MULTIPLIERS: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
};
const WS = /\s*/y;
const APPROX =
  /(?:~|≈|±|approx(?:\.|imately)?\s|about\s|around\s|circa\s|ca\.\s?|est(?:\.|imated)?\s)/iy;
const SIGN = /[+\-−–]/y;
const CODE = /([A-Za-z]{3})(?![A-Za-z])/y;
const NUMBER = /(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)/y;
const MULTIPLIER = /(k|K|m|M|bn|B)(?![A-Za-z])|\s?(thousand|million)\b/y;
const YEAR =
  /\s*(?:\/\s*(?:year|yr|y|annum|a)\b|per\s+(?:year|annum)\b|a\s+year\b|yearly\b|annual(?:ly)?\b|p\.?a\.?(?![A-Za-z]))/iy;
const MONTH =
  /\s*(?:\/\s*(?:month|mo|mth|m)\b|per\s+month\b|a\s+month\b|monthly\b|p\.?m\.?(?![A-Za-z])|mrc\b)/iy;
const RANGE = /\s*(?:-|–|—|to)\s*[$€£¥]?\s*\d/iy;
const OTHER_PERIOD =
  /\s*(?:\/\s*(?:hour|hr|h|day|d|week|wk)\b|per\s+(?:hour|day|week)\b|hourly\b|daily\b|weekly\b)/iy;
const WORD = /\s*\p{L}/uy;
const ZERO_WORDS =
  /^(?:none|no change|no cost|zero|nil|free|no additional cost|no impact)\b/i;

function at(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

const EMPTY: ParsedMoney = {
  amount: null,
  currency: null,
  period: null,
  placeholder: false,
};

/**
 * Reads `$1,200`, `1200 USD`, `€300/month`, `+$35`, `-$200`, `~$40`, `$1.2k`, `($200)` (accounting
 * negative), `$14,400/year` (→ 1200 a month), `None` (→ 0). Placeholders give null, never 0.
 * Ranges (`$100-200`) and unreadable text give null.
 * @public
 */
export function parseMoney(text: string | null | undefined): ParsedMoney {
  if (!text) return EMPTY;
  // Markup that cells carry around amounts: bold, code marks, escapes.
  const value = text
    .replace(/[*`\\]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (value === '' || value.length > 200) return EMPTY;
  if (isPlaceholder(value) || /^\$?\s*[?X]+$/i.test(value)) {
    return { ...EMPTY, placeholder: true };
  }
  if (ZERO_WORDS.test(value)) return { ...EMPTY, amount: 0 };

  let pos = 0;
  let negative = false;
  let paren = false;
  let currency: string | null = null;
  const skip = () => {
    pos = at(WS, value, pos) ? WS.lastIndex : pos;
  };
  const readSymbol = () => {
    for (const [symbol, code] of SYMBOLS) {
      if (value.startsWith(symbol, pos)) {
        currency = currency ?? code;
        pos += symbol.length;
        return true;
      }
    }
    const code = at(CODE, value, pos);
    if (code && CODES.has(code[1].toUpperCase())) {
      currency = currency ?? code[1].toUpperCase();
      pos = CODE.lastIndex;
      return true;
    }
    return false;
  };
  const readSign = () => {
    const sign = at(SIGN, value, pos);
    if (sign) {
      negative = sign[0] !== '+';
      pos = SIGN.lastIndex;
    }
  };

  if (at(APPROX, value, pos)) pos = APPROX.lastIndex;
  skip();
  readSign();
  skip();
  if (value.charAt(pos) === '(') {
    paren = true;
    pos++;
    skip();
  }
  readSign();
  skip();
  if (readSymbol()) skip();
  readSign();
  skip();
  const number = at(NUMBER, value, pos);
  if (!number) return EMPTY;
  pos = NUMBER.lastIndex;
  let amount = Number(number[1].replace(/,/g, ''));
  if (!Number.isFinite(amount)) return EMPTY;
  const multiplier = at(MULTIPLIER, value, pos);
  if (multiplier) {
    amount *= MULTIPLIERS[(multiplier[1] ?? multiplier[2]).toLowerCase()] ?? 1;
    pos = MULTIPLIER.lastIndex;
  }
  if (value.charAt(pos) === '%') return EMPTY;
  if (value.charAt(pos) === ',' && /\d/.test(value.charAt(pos + 1))) {
    return EMPTY; // "1.200,50": a decimal comma we do not guess at
  }
  skip();
  if (readSymbol()) skip();
  if (paren) {
    if (value.charAt(pos) !== ')') return EMPTY;
    negative = true;
    pos++;
  }
  if (at(RANGE, value, pos)) return EMPTY;
  let period: ParsedMoney['period'] = null;
  if (at(YEAR, value, pos)) {
    period = 'year';
    amount /= 12;
  } else if (at(MONTH, value, pos)) {
    period = 'month';
  } else if (at(OTHER_PERIOD, value, pos)) {
    return EMPTY; // hourly or daily prices are not a monthly delta
  } else if (currency === null && at(WORD, value, pos)) {
    return EMPTY; // "3 instances": a count, not money
  }
  if (negative && amount !== 0) amount = -amount;
  return {
    amount: Math.round(amount * 100) / 100,
    currency,
    period,
    placeholder: false,
  };
}
