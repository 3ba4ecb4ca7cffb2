import { escapeMarkdownText, singleLine, yamlScalar } from './escape';

describe('singleLine', () => {
  it('turns newlines, tabs and runs of spaces into one space and drops control characters', () => {
    expect(singleLine('  a\r\n\tb \u0000c\u2028d  ')).toBe('a b c d');
  });
});

describe('escapeMarkdownText', () => {
  it('leaves ordinary text alone', () => {
    expect(escapeMarkdownText('snake_case C# $120 50% a-b (x) R&D')).toBe(
      'snake_case C# $120 50% a-b (x) R&D',
    );
  });

  it('escapes punctuation that starts inline markup', () => {
    expect(escapeMarkdownText('*a* _b_ `c` [d](e) <f> g|h ~~i~~ \\')).toBe(
      '\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\<f> g\\|h \\~\\~i\\~\\~ \\\\',
    );
  });

  it('escapes an ampersand only where it would start an entity', () => {
    expect(escapeMarkdownText('&amp; &#35; &x')).toBe('\\&amp; \\&#35; &x');
  });

  it('escapes block markers at the start of a line', () => {
    for (const [input, output] of [
      ['# h', '\\# h'],
      ['> q', '\\> q'],
      ['- l', '\\- l'],
      ['+ l', '\\+ l'],
      ['---', '\\---'],
      ['===', '\\==='],
      ['12. item', '12\\. item'],
      ['3) item', '3\\) item'],
    ]) {
      expect(escapeMarkdownText(input, { lineStart: true })).toBe(output);
    }
    expect(escapeMarkdownText('# h')).toBe('# h');
  });

  it('escapes every # in a heading, so none can close it', () => {
    expect(escapeMarkdownText('C# upgrade ##', { heading: true })).toBe(
      'C\\# upgrade \\#\\#',
    );
  });
});

describe('yamlScalar', () => {
  it('keeps safe values plain', () => {
    expect(yamlScalar('INF-GPU-NODEPOOL')).toBe('INF-GPU-NODEPOOL');
    expect(yamlScalar('Jane Doe')).toBe('Jane Doe');
    expect(yamlScalar('2026-01-05')).toBe('2026-01-05');
    expect(yamlScalar('https://github.com/o/r/issues/1')).toBe(
      'https://github.com/o/r/issues/1',
    );
    expect(yamlScalar('group:default/platform')).toBe('group:default/platform');
  });

  it('quotes values YAML would misread', () => {
    expect(yamlScalar('a: b')).toBe('"a: b"');
    expect(yamlScalar('yes')).toBe('"yes"');
    expect(yamlScalar('123')).toBe('"123"');
    expect(yamlScalar('#comment')).toBe('"#comment"');
    expect(yamlScalar('- item')).toBe('"- item"');
    expect(yamlScalar('say "hi"\nthere')).toBe('"say \\"hi\\" there"');
    expect(yamlScalar('')).toBe('""');
  });
});
