import {
  limitNesting,
  looksBinary,
  normalizeNewlines,
  truncateInput,
} from './guards';
import {
  MAX_INDENT_COLUMNS,
  MAX_LINE_MARKERS,
  MAX_PARSE_CHARS,
} from './limits';

describe('guards', () => {
  it('tells binary data from text', () => {
    expect(looksBinary('# Spec\n\ttext\r\n')).toBe(false);
    expect(looksBinary('PK\u0003\u0004\u0000\u0000')).toBe(true);
    expect(looksBinary('\uFFFD\uFFFD\uFFFDabc\uFFFD')).toBe(true);
    expect(looksBinary('é'.repeat(100))).toBe(false);
  });

  it('cuts long input at a line end', () => {
    const text = `${'a'.repeat(100)}\n`.repeat(MAX_PARSE_CHARS / 100);
    const cut = truncateInput(text);
    expect(cut.truncated).toBe(true);
    expect(cut.text.length).toBeLessThanOrEqual(MAX_PARSE_CHARS);
    expect(cut.text.endsWith('a')).toBe(true);
    expect(truncateInput('short')).toEqual({ text: 'short', truncated: false });
  });

  it('normalizes CRLF, CR and a byte order mark', () => {
    expect(normalizeNewlines('\uFEFFa\r\nb\rc\n')).toBe('a\nb\nc\n');
  });

  it('flattens lines nested beyond the limits and leaves the rest alone', () => {
    const normal = '- a\n  - b\n    - c\n> quote\n';
    expect(limitNesting(normal)).toEqual({
      text: normal,
      firstChangedLine: null,
    });

    const deep = `ok\n${'>'.repeat(10000)} x\n${'- '.repeat(
      5000,
    )}y\n${' '.repeat(500)}- z\n`;
    const result = limitNesting(deep);
    expect(result.firstChangedLine).toBe(2);
    const [first, quotes, bullets, indented] = result.text.split('\n');
    expect(first).toBe('ok');
    expect(quotes).toBe(`${'>'.repeat(MAX_LINE_MARKERS)} x`);
    expect(bullets).toBe(`${'- '.repeat(MAX_LINE_MARKERS)}y`);
    expect(indented).toBe(`${' '.repeat(MAX_INDENT_COLUMNS)}- z`);
  });
});
