import { compileTemplate, renderTemplate, templateVariables } from './engine';

describe('renderTemplate', () => {
  it('writes values and falls back to the literal after ??', () => {
    const template =
      'A: {{ a ?? [Name] }}, B: {{ b ?? Draft | In Review }}, C: {{ c }}.';
    expect(
      renderTemplate(template, { a: 'x', b: undefined, c: undefined }),
    ).toBe('A: x, B: Draft | In Review, C: .');
  });

  it('takes the first given of several names', () => {
    const template = '{{ a or b ?? none }}';
    expect(renderTemplate(template, { a: '', b: 'second' })).toBe('second');
    expect(renderTemplate(template, { a: 'first', b: 'second' })).toBe('first');
    expect(renderTemplate(template, { a: null, b: undefined })).toBe('none');
  });

  it('removes standalone block tag lines and keeps blocks by the value', () => {
    const template =
      'one\n{{#if flag}}\ntwo\n{{/if}}\n{{#unless flag}}\nthree\n{{/unless}}\nfour\n';
    expect(renderTemplate(template, { flag: true })).toBe('one\ntwo\nfour\n');
    expect(renderTemplate(template, { flag: false })).toBe(
      'one\nthree\nfour\n',
    );
  });

  it('repeats each blocks with the item in scope, outer names still visible', () => {
    const template =
      '{{#each rows}}\n| {{ name }} | {{ amount ?? $X }} | {{ unit }} |\n{{/each}}';
    expect(
      renderTemplate(template, {
        unit: 'USD',
        rows: [
          { name: 'a', amount: '$1' },
          { name: 'b', amount: undefined },
        ],
      }),
    ).toBe('| a | $1 | USD |\n| b | $X | USD |\n');
    expect(renderTemplate(template, { unit: 'USD', rows: [] })).toBe('');
  });

  it('treats an empty list as not given', () => {
    expect(
      renderTemplate('{{#if rows}}x{{/if}}{{#unless rows}}y{{/unless}}', {
        rows: [],
      }),
    ).toBe('y');
  });

  it('escapes text values as markdown and front matter values as YAML', () => {
    const template =
      '---\nauthor: {{ author }}\n---\n\n# {{ title }}\n\n{{ summary }}\n';
    expect(
      renderTemplate(template, {
        author: 'Jane: Doe',
        title: 'C# *now* #',
        summary: '# not a heading',
      }),
    ).toBe(
      '---\nauthor: "Jane: Doe"\n---\n\n# C\\# \\*now\\* \\#\n\n\\# not a heading\n',
    );
  });

  it('writes markdown values as they are in the body and their plain form in front matter', () => {
    const link = {
      markdown: '[#1](https://x.test/issues/1)',
      plain: 'https://x.test/issues/1',
    };
    expect(
      renderTemplate('---\nissue: {{ issue }}\n---\n{{ issue }}', {
        issue: link,
      }),
    ).toBe(
      '---\nissue: https://x.test/issues/1\n---\n[#1](https://x.test/issues/1)',
    );
  });

  it('fails on variables the scope does not name, so typos in templates are caught', () => {
    expect(() => renderTemplate('{{ titel }}', { title: 'x' })).toThrow(
      "Template uses unknown variable 'titel'",
    );
  });

  it('fails on malformed templates', () => {
    expect(() => compileTemplate('{{#if a}}x')).toThrow('is not closed');
    expect(() => compileTemplate('x{{/if}}')).toThrow('without a matching');
    expect(() => compileTemplate('{{#if a}}x{{/each}}')).toThrow(
      'without a matching',
    );
    expect(() => compileTemplate('{{#loop a}}x{{/loop}}')).toThrow(
      'unknown block tag',
    );
    expect(() => compileTemplate('{{ a b }}')).toThrow("invalid name 'a b'");
  });

  it('lists the variables a template uses, without list item fields', () => {
    expect(
      templateVariables(
        '{{ a }}{{#if b}}{{ c or d ?? x }}{{/if}}{{#each rows}}{{ name }}{{/each}}',
      ),
    ).toEqual(['a', 'b', 'c', 'd', 'rows']);
  });
});
