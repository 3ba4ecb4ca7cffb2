import { markdownToText } from './markdownToText';

describe('markdownToText', () => {
  it('keeps the words of headings, paragraphs, lists, tables and code, without their syntax', () => {
    const text = markdownToText(
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
      markdownToText('---\nid: INF-DB\nstatus: in-review\n---\n\nBody text'),
    ).toContain('Body text');
    expect(markdownToText('')).toBe('');
    expect(markdownToText('| a |\n| - |\n| b | c |')).toContain('b');
    expect(() => markdownToText('<div>'.repeat(1000))).not.toThrow();
  });
});
