/*
 * Hostile input at n and 2n characters: markdownToPlainText (what the search collator indexes)
 * should take about twice the time at 2n, where marked's full lexer (the collator's former
 * converter) takes about four times. CPU time, best of a few runs (single runs are a few ms).
 */
import { Lexer } from 'marked';
import { markdownToPlainText } from '../../plugins/infra-specs-common/src/parser/plainText';

export interface HostileRow {
  name: string;
  converter: string;
  chars: number;
  cpuMs: number;
}

export interface HostilePair {
  name: string;
  converter: string;
  /** cpu ms at 2n / cpu ms at n: about 2 when linear, about 4 when quadratic. */
  ratio: number;
  rows: [HostileRow, HostileRow];
}

const INPUTS: Array<{ name: string; make: (chars: number) => string }> = [
  { name: 'emphasis `*a_`', make: n => '*a_'.repeat(Math.ceil(n / 3)) },
  { name: 'emphasis `*a`', make: n => '*a'.repeat(Math.ceil(n / 2)) },
  {
    name: 'nested `[` then `](`',
    make: n => '['.repeat(n / 2) + ']('.repeat(n / 4),
  },
  {
    name: 'backtick runs `` `a``a`` ``',
    make: n => '`a``'.repeat(Math.ceil(n / 4)),
  },
  {
    // One unclosed run of each length: a search for each run's closer would be n^1.5.
    name: 'backtick runs 1, 2, 3… long',
    make: n => {
      const parts: string[] = [];
      for (let run = 1, length = 0; length < n; run++) {
        parts.push(`${'`'.repeat(run)}a`);
        length += run + 1;
      }
      return parts.join('');
    },
  },
];

function cpuMs(fn: () => unknown, runs: number): number {
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return Math.round(best * 10) / 10;
}

function pair(
  name: string,
  converter: string,
  make: (chars: number) => string,
  fn: (input: string) => unknown,
  n: number,
  runs: number,
): HostilePair {
  const rows = [n, 2 * n].map(chars => {
    const input = make(chars);
    fn(input); // warm-up
    return {
      name,
      converter,
      chars: input.length,
      cpuMs: cpuMs(() => fn(input), runs),
    };
  }) as [HostileRow, HostileRow];
  const ratio =
    Math.round((rows[1].cpuMs / Math.max(rows[0].cpuMs, 0.1)) * 10) / 10;
  return { name, converter, ratio, rows };
}

/**
 * markdownToPlainText on every input at `n` and 2n; marked's lexer only on the first input and
 * at `markedN` (it needs seconds where the scan needs milliseconds).
 */
export function measureHostile(n: number, markedN: number): HostilePair[] {
  const pairs = INPUTS.map(({ name, make }) =>
    pair(name, 'markdownToPlainText', make, markdownToPlainText, n, 5),
  );
  pairs.push(
    pair(
      INPUTS[0].name,
      'marked Lexer.lex (former collator)',
      INPUTS[0].make,
      input => new Lexer({ gfm: true }).lex(input),
      markedN,
      1,
    ),
  );
  return pairs;
}
