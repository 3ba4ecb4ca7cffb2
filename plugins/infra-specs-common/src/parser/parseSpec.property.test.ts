/*
 * Property tests: random edits of the seeds and of filled-in specs (lines dropped, duplicated,
 * swapped, truncated, characters flipped, markup inserted, huge tables) never throw, never reach
 * the internal-error fallback, and always give a document valid against specDocumentSchema.
 */
import Ajv from 'ajv';
import fc from 'fast-check';
import { fixture } from '../__testUtils__/fixtures';
import { propertyParameters } from '../__testUtils__/propertySeed';
import { specDocumentSchema } from '../schema/specDocumentSchema';
import { parseDate } from './dates';
import { parseMoney } from './money';
import { parseSpec } from './parseSpec';

const validate = new Ajv({ allErrors: true }).compile(specDocumentSchema);

const DOCUMENTS = [
  'seeds/infrastructure-change.md',
  'seeds/infrastructure-feature.md',
  'seeds/smaqit-infrastructure.md',
  'infrastructure-change.md',
  'infrastructure-feature.md',
  'smaqit-infrastructure.md',
].map(name => [name, fixture(name)] as const);

const MARKUP = [
  '|',
  '*',
  '**',
  '[',
  ']',
  '(',
  ')',
  '#',
  '- ',
  '- [ ] ',
  '> ',
  '`',
  '```',
  '---',
  '\n',
  '\r\n',
  '\r',
  '\t',
  ':',
  '$',
  '<!--',
  '-->',
  '_',
  '~',
  '\\',
  '\u0000',
  '\uFFFD',
  '✅',
  'x',
  ' ',
  '[NEEDS CLARIFICATION: ',
  'YYYY-MM-DD',
  '$X',
  'FR-001',
  'INF-A-001',
];
const markup = fc
  .array(fc.constantFrom(...MARKUP), { maxLength: 20 })
  .map(parts => parts.join(''));

type Edit =
  | { kind: 'drop' | 'truncate'; at: number }
  | { kind: 'duplicate'; at: number; times: number }
  | { kind: 'swap'; at: number; other: number }
  | { kind: 'flip'; at: number; char: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'table'; at: number; rows: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('drop' as const, 'truncate' as const),
    at: fc.nat(),
  }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at: fc.nat(),
    times: fc.integer({ min: 1, max: 30 }),
  }),
  fc.record({
    kind: fc.constant('swap' as const),
    at: fc.nat(),
    other: fc.nat(),
  }),
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.nat(),
    char: fc.integer({ min: 0, max: 0xffff }),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: markup,
  }),
  fc.record({
    kind: fc.constant('table' as const),
    at: fc.nat(),
    rows: fc.integer({ min: 50, max: 3000 }),
  }),
);

function apply(text: string, edits: Edit[]): string {
  let lines = text.split('\n');
  for (const e of edits) {
    const i = lines.length === 0 ? 0 : e.at % lines.length;
    switch (e.kind) {
      case 'drop':
        lines.splice(i, 1);
        break;
      case 'duplicate':
        lines.splice(i, 0, ...Array(e.times).fill(lines[i] ?? ''));
        break;
      case 'swap': {
        const j = lines.length === 0 ? 0 : e.other % lines.length;
        [lines[i], lines[j]] = [lines[j], lines[i]];
        break;
      }
      case 'truncate': {
        const joined = lines.join('\n');
        lines = joined.slice(0, e.at % (joined.length + 1)).split('\n');
        break;
      }
      case 'flip': {
        const line = lines[i] ?? '';
        const at = line.length === 0 ? 0 : e.at % line.length;
        lines[i] =
          line.slice(0, at) + String.fromCharCode(e.char) + line.slice(at + 1);
        break;
      }
      case 'insert':
        lines.splice(i, 0, e.text);
        break;
      case 'table':
        lines.splice(
          i,
          0,
          '| Resource | Monthly Cost | Notes |',
          '|---|---|---|',
          ...Array.from(
            { length: e.rows },
            (_, r) =>
              `| r${r} | $${r % 97}${r % 7 === 0 ? '/year' : ''} | ${
                r % 5 ? 'n' : '`a|b`'
              } |`,
          ),
        );
        break;
      default:
    }
  }
  return lines.join('\n');
}

describe('parseSpec properties', () => {
  it.each(DOCUMENTS)(
    'random edits of %s never throw and give a valid document',
    (_name, source) => {
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), edits => {
          const text = apply(source, edits);
          const doc = parseSpec(text, { path: 'docs/specs/x/spec.md' });
          if (!validate(doc)) {
            throw new Error(
              `schema: ${JSON.stringify(validate.errors?.slice(0, 3))}`,
            );
          }
          expect(
            doc.diagnostics.filter(d => d.code === 'internal-error'),
          ).toEqual([]);
          const lineCount = text.split(/\r\n|\r|\n/).length;
          for (const d of doc.diagnostics)
            expect(d.line).toBeLessThanOrEqual(lineCount + 1);
          // Deterministic: the same text reads the same.
          expect(parseSpec(text, { path: 'docs/specs/x/spec.md' })).toEqual(
            doc,
          );
        }),
        propertyParameters({ numRuns: 25 }),
      );
    },
  );

  it('arbitrary strings never throw', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 400 }),
        fc.array(fc.constantFrom(...MARKUP), { maxLength: 60 }),
        (s, parts) => {
          const doc = parseSpec(s + parts.join(''));
          expect(validate(doc)).toBe(true);
        },
      ),
      propertyParameters({ numRuns: 200 }),
    );
  });

  it('parseMoney and parseDate never throw and keep their promises', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          markup,
          fc.stringMatching(
            /^[~+\-(]?[$€£]?\d{1,7}(\.\d{1,2})?[kM]?( ?\/(month|year))?\)?$/,
          ),
        ),
        text => {
          const money = parseMoney(text);
          expect(money.amount === null || Number.isFinite(money.amount)).toBe(
            true,
          );
          expect(money.placeholder ? money.amount : null).toBeNull();
          const date = parseDate(text);
          expect(date === null || /^\d{4}-\d{2}-\d{2}$/.test(date)).toBe(true);
        },
      ),
      propertyParameters({ numRuns: 500 }),
    );
  });
});
