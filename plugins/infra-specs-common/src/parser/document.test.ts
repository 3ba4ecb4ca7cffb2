import { isWithin, readMarkdown } from './document';

const DOC = [
  '# Title', // 1
  '', // 2
  'Intro **bold**', // 3
  'second line', // 4
  '', // 5
  '## Section A', // 6
  '', // 7
  '- [ ] one', // 8
  '  - [x] nested', // 9
  '- plain', // 10
  '', // 11
  '  loose paragraph', // 12
  '- [X] three', // 13
  '', // 14
  '### Sub', // 15
  '', // 16
  '| Key | Value |', // 17
  '|-----|-------|', // 18
  '| a | `x|y` |', // 19
  '| b |', // 20
  '', // 21
  '> quoted', // 22
  '> - [ ] in quote', // 23
  '', // 24
  '```', // 25
  '- [ ] in code', // 26
  '```', // 27
  '#', // 28
  'Setext', // 29
  '======', // 30
].join('\n');

describe('readMarkdown', () => {
  const md = readMarkdown(DOC, 1);

  it('builds sections with levels, lines and nesting', () => {
    expect(md.sections.map(s => [s.title, s.level, s.line])).toEqual([
      ['', 0, 1],
      ['Title', 1, 1],
      ['Section A', 2, 6],
      ['Sub', 3, 15],
      ['', 1, 28],
      ['Setext', 1, 29],
    ]);
    const [, title, a, sub] = md.sections;
    expect(isWithin(sub, a)).toBe(true);
    expect(isWithin(sub, title)).toBe(true);
    expect(isWithin(a, sub)).toBe(false);
    expect(md.emptyHeadings).toEqual([28]);
  });

  it('keeps list items with their checkbox state, depth and line; nothing from code blocks', () => {
    expect(
      md.items.map(i => [i.line, i.text, i.checked, i.depth, i.quoted]),
    ).toEqual([
      [8, 'one', false, 0, false],
      [9, 'nested', true, 1, false],
      [10, 'plain', null, 0, false],
      [13, 'three', true, 0, false],
      [23, 'in quote', false, 0, true],
    ]);
    expect(md.items[1].parent).toBe(md.items[0]);
  });

  it('keeps paragraphs with their line, quote and list item', () => {
    expect(
      md.paragraphs.map(p => [p.line, p.text, p.quoted, p.item?.text ?? null]),
    ).toEqual([
      [3, 'Intro **bold**\nsecond line', false, null],
      [12, 'loose paragraph', false, 'plain'],
      [22, 'quoted', true, null],
    ]);
  });

  it('reads tables, row lines and rows whose cell count differs from the header', () => {
    expect(md.tables).toHaveLength(1);
    const [table] = md.tables;
    expect(table.header).toEqual(['Key', 'Value']);
    expect(table.headerKeys).toEqual(['key', 'value']);
    expect(table.rows.map(r => [r.line, r.cells])).toEqual([
      [19, ['a', '`x']], // GFM splits at the pipe in the code span
      [20, ['b', '']],
    ]);
    expect(table.malformed).toEqual({ line: 19, cells: 3 });
    expect(table.section.title).toBe('Sub');
  });

  it('offsets every line when the body starts after front matter', () => {
    const shifted = readMarkdown('# T\n\n- [ ] x\n', 5);
    expect(shifted.sections[1].line).toBe(5);
    expect(shifted.items[0].line).toBe(7);
  });
});
