import { inlineToText, markdownToPlainText } from './plainText';

describe('inlineToText', () => {
  it.each([
    ['**Spec ID**', 'Spec ID'],
    ['`opentofu/eks/` and *em* and _em_', 'opentofu/eks/ and em and em'],
    [
      '[#1558](https://github.com/o/r/issues/1558) (tracking)',
      '#1558 (tracking)',
    ],
    ['![diagram](x.png) caption', 'diagram caption'],
    ['see [the docs][docs]', 'see the docs'],
    [
      'snake_case_name stays, a * b stays',
      'snake_case_name stays, a * b stays',
    ],
    ['N/A <!-- pending: create the issue --> later', 'N/A later'],
    ['<b>bold</b> <https://x.dev/a>', 'bold https://x.dev/a'],
    [
      '\\*not emphasis\\* and \\[not a link\\]',
      '*not emphasis* and [not a link]',
    ],
    ['``code with ` tick``', 'code with ` tick'],
    ['~~struck~~ text', 'struck text'],
    ['unclosed `tick and [bracket', 'unclosed `tick and [bracket'],
    ['  many   \n spaces ', 'many spaces'],
  ])('inlineToText(%p)', (markdown, text) => {
    expect(inlineToText(markdown)).toBe(text);
  });

  it('is linear on emphasis-heavy and bracket-heavy input', () => {
    expect(inlineToText('*a_'.repeat(100000)).length).toBeGreaterThan(0);
    expect(
      inlineToText('['.repeat(100000) + ']('.repeat(50000)).length,
    ).toBeGreaterThan(0);
    expect(inlineToText('`a``'.repeat(50000)).length).toBeGreaterThan(0);
  });

  it('keeps code spans whose closer comes after longer and unclosed runs', () => {
    expect(inlineToText('a ``` b `` c ``` d')).toBe('a b `` c d');
    expect(inlineToText('`one` ``two`` ```open and `three`')).toBe(
      'one two ```open and three',
    );
    expect(inlineToText('\\``code`` after')).toBe('``code`` after');
  });

  it('reads only the first 20,000 characters of a value', () => {
    expect(inlineToText('a '.repeat(15000))).toHaveLength(19999);
  });
});

describe('markdownToPlainText', () => {
  it('keeps the words of headings, paragraphs, lists, tables and code, without their syntax', () => {
    const text = markdownToPlainText(
      [
        '# Spec: NAT Gateway per AZ',
        '',
        '**Spec ID**: SPEC-0101 | **Status**: In Review',
        '',
        '## Summary',
        '',
        'Replace the *single* NAT gateway with one per [availability zone](https://example.com/az).',
        '',
        '- [x] Terraform plan reviewed',
        '- [ ] Alarms for `NatGatewayErrorPortAllocation`',
        '  - nested item',
        '',
        '| Resource | Monthly | Notes |',
        '| --- | --- | --- |',
        '| NAT Gateway | $32.85 | per AZ |',
        '',
        '> Quoted **risk** note',
        '',
        '```hcl',
        'resource "aws_nat_gateway" "az" {}',
        '```',
        '',
        '<!-- template guidance: remove me -->',
        '<details><summary>More</summary>hidden text</details>',
        '',
        '---',
      ].join('\n'),
    );
    expect(text.split('\n')).toEqual([
      'Spec: NAT Gateway per AZ',
      'Spec ID: SPEC-0101 | Status: In Review',
      'Summary',
      'Replace the single NAT gateway with one per availability zone.',
      'Terraform plan reviewed',
      'Alarms for NatGatewayErrorPortAllocation',
      'nested item',
      'Resource Monthly Notes',
      'NAT Gateway $32.85 per AZ',
      'Quoted risk note',
      'resource "aws_nat_gateway" "az" {}',
      'More hidden text',
    ]);
    expect(text).not.toMatch(/https:|\*\*|template guidance|\[x\]/);
  });

  it('reads YAML front matter as plain lines and survives odd input', () => {
    expect(
      markdownToPlainText(
        '---\nid: INF-DB\nstatus: in-review\n---\n\nBody text',
      ),
    ).toContain('Body text');
    expect(markdownToPlainText('')).toBe('');
    expect(markdownToPlainText('| a |\n| - |\n| b | c |')).toContain('b');
    expect(() => markdownToPlainText('<div>'.repeat(1000))).not.toThrow();
  });

  it('keeps the lines of code blocks and reads CRLF files', () => {
    expect(
      markdownToPlainText(
        'Intro\r\n\r\n```\r\nline one\r\nline two\r\n```\r\n',
      ),
    ).toBe('Intro\nline one\nline two');
  });

  // Inputs on which marked's inline lexer (the collator's former converter) takes quadratic
  // time. The output is asserted, not the time; bench/parser compares n and 2n.
  describe('on hostile input', () => {
    const n = 50_000;

    it('emphasis: every delimiter of `*a` and `_a_` runs goes, every letter stays', () => {
      expect(markdownToPlainText('*a'.repeat(n))).toBe('a'.repeat(n));
      expect(markdownToPlainText('_a_ '.repeat(n))).toBe(
        Array(n).fill('a').join(' '),
      );
      expect(markdownToPlainText(`x ${'**a_'.repeat(n)}`)).toBe(
        `x ${'a'.repeat(n)}`,
      );
    });

    it('brackets: nested and unclosed ones are text, closed links keep their text', () => {
      const nested = `${'['.repeat(n)}x${']'.repeat(n)}`;
      expect(markdownToPlainText(nested)).toBe(nested);
      const unclosed = '[a]('.repeat(n);
      expect(markdownToPlainText(unclosed)).toBe(unclosed);
      expect(markdownToPlainText('[a](b) '.repeat(n))).toBe(
        Array(n).fill('a').join(' '),
      );
    });

    it('backticks: runs without a closer of their length stay as text', () => {
      const runs = Array.from(
        { length: 300 },
        (_, i) => `${'`'.repeat(i + 1)}a`,
      ).join('');
      expect(markdownToPlainText(runs)).toBe(runs);
      expect(markdownToPlainText('`a` '.repeat(n))).toBe(
        Array(n).fill('a').join(' '),
      );
    });

    it('HTML and nesting: unclosed tags stay, deep quotes and lists are flattened', () => {
      expect(markdownToPlainText(`x ${'<a'.repeat(n)}`)).toBe(
        `x ${'<a'.repeat(n)}`,
      );
      expect(markdownToPlainText(`<div>${'<'.repeat(n)}</div>`)).toBe(
        '<'.repeat(n),
      );
      expect(markdownToPlainText(`${'>'.repeat(n)} deep quote`)).toBe(
        'deep quote',
      );
      expect(markdownToPlainText(`${'- '.repeat(n)}deep item`)).toBe(
        'deep item',
      );
    });
  });
});
