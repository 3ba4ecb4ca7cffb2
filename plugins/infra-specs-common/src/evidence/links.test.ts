import { codes, fixture } from '../__testUtils__/fixtures';
import { parseSpec } from '../parser/parseSpec';
import { isJsonTarget, jsonTargetIn } from './links';

const HEADER = '# Spec: X\n\n**Spec ID**: SPEC-1\n**Status**: Draft\n';

describe('evidence links', () => {
  it('finds metadata lines with a link or a path, and skips links to other files', () => {
    expect(parseSpec(fixture('evidence/spec.md')).evidence).toEqual([
      { kind: 'estimate', target: './infracost.json', line: 10 },
      { kind: 'plan', target: './plan.json', line: 11 },
    ]);
  });

  it('finds front matter keys, with their lines', () => {
    const doc = parseSpec(
      '---\nid: INF-PAYMENTS-DB\ntitle: Payments DB\ncostEstimate: ./infracost.json\nplan: evidence/plan.json\n---\n\n# Payments DB\n',
    );
    expect(doc.evidence).toEqual([
      { kind: 'estimate', target: './infracost.json', line: 4 },
      { kind: 'plan', target: 'evidence/plan.json', line: 5 },
    ]);
  });

  it.each([
    ['**Cost Estimate**: [infracost](./infracost.json)', './infracost.json'],
    ['**Cost Estimate:** ./costs/infracost.json', './costs/infracost.json'],
    ['- **Infracost**: `./infracost.json`', './infracost.json'],
    [
      '**Cost Estimate**: <https://ci.example.com/a/1/infracost.json>',
      'https://ci.example.com/a/1/infracost.json',
    ],
    [
      '**Cost Estimate**: +$350/month, see [the diff](./infracost.json).',
      './infracost.json',
    ],
    [
      '**Cost Estimate**: [x](<./my costs/infracost.json>)',
      './my costs/infracost.json',
    ],
    [
      '**Cost Estimate**: https://s3.example.com/b/infracost.json?X-Amz-Signature=abc',
      'https://s3.example.com/b/infracost.json?X-Amz-Signature=abc',
    ],
  ])('%s -> %s', (line, target) => {
    expect(parseSpec(`${HEADER}${line}\n`).evidence).toEqual([
      { kind: 'estimate', target, line: 5 },
    ]);
  });

  it.each([
    '**Plan**: Apply in two phases, staging first.',
    '**Plan**: [plan](./plan.md)',
    '**Plan**: https://app.terraform.io/app/org/payments/runs/run-x1',
    '**Cost Estimate**: $350/month',
    '**Plan**: [plan.json]',
    '**Plan**: .json',
  ])('ignores %s', line => {
    const doc = parseSpec(`${HEADER}${line}\n`);
    expect(doc.evidence).toEqual([]);
    expect(codes(doc.diagnostics)).not.toContain('5 conflicting-metadata');
  });

  it('finds bold lines and table rows in the body too, and keeps the first of two', () => {
    const doc = parseSpec(
      `${HEADER}\n## Evidence\n\n| Kind | File |\n|---|---|\n| Plan | ./plan.json |\n\n- **Plan**: ./other-plan.json\n`,
    );
    expect(doc.evidence).toEqual([
      { kind: 'plan', target: './plan.json', line: 10 },
    ]);
    expect(doc.diagnostics).toContainEqual({
      severity: 'warning',
      line: 12,
      code: 'conflicting-metadata',
      message:
        "The plan is linked twice with different files (line 10: './plan.json', line 12: './other-plan.json'); the first is used",
    });
  });

  it('lets front matter win over a metadata line', () => {
    const doc = parseSpec(
      `---\nplan: ./fm-plan.json\n---\n${HEADER}**Plan**: ./plan.json\n`,
    );
    expect(doc.evidence).toEqual([
      { kind: 'plan', target: './fm-plan.json', line: 2 },
    ]);
    expect(codes(doc.diagnostics)).toContain('8 conflicting-metadata');
  });

  it('is empty for documents without links and for bad input', () => {
    expect(parseSpec(fixture('infrastructure-change.md')).evidence).toEqual([]);
    expect(parseSpec('').evidence).toEqual([]);
    expect(parseSpec('\u0000\u0001').plan).toBeNull();
  });
});

describe('isJsonTarget / jsonTargetIn', () => {
  it('needs a .json file name, query and fragment aside', () => {
    expect(isJsonTarget('plan.json')).toBe(true);
    expect(isJsonTarget('./PLAN.JSON#L1')).toBe(true);
    expect(isJsonTarget('plan.json.md')).toBe(false);
    expect(isJsonTarget(`${'a'.repeat(2001)}.json`)).toBe(false);
  });

  it('stays linear on hostile values', () => {
    const hostile = `${'](('.repeat(20_000)}${'<'.repeat(20_000)}`;
    const started = Date.now();
    expect(jsonTargetIn(hostile)).toBeNull();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
