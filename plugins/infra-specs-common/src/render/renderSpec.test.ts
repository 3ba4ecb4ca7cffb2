import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Lexer, type Token, type Tokens } from 'marked';
import { parse as parseYaml } from 'yaml';
import { propertyParameters } from '../__testUtils__/propertySeed';
import { templateVariables } from './engine';
import { singleLine } from './escape';
import { renderSpec, templateScope } from './renderSpec';
import { SPEC_TEMPLATE_SOURCES } from './templates.generated';
import {
  SPEC_TEMPLATE_FORMATS,
  validateSpecTemplateValues,
  type SpecTemplateFormat,
  type SpecTemplateValues,
} from './values';

/** The change seed's issue placeholder links the repository the seed was written for. */
const SEED_ISSUE_LINK =
  '[#XXX](https://github.com/Smana/cloud-native-ref/issues/XXX)';

/**
 * A seed as the templates write it: the seed itself, except that the change seed's issue
 * placeholder links no one's repository (templates/specs/README.md).
 */
const seed = (format: SpecTemplateFormat) =>
  readFileSync(
    join(__dirname, '__fixtures__/seeds', `${format}.md`),
    'utf8',
  ).replace(SEED_ISSUE_LINK, '[#XXX]');

/** Inline tokens as the text a reader sees (escapes resolved, markup dropped). */
function plain(tokens: Token[] | undefined): string {
  return (tokens ?? [])
    .map(token => {
      if ('tokens' in token && token.tokens && token.type !== 'escape') {
        return plain(token.tokens);
      }
      return 'text' in token ? token.text : token.raw;
    })
    .join('');
}

/** Inline token types that would mean a value turned into markup. */
function markupTypes(tokens: Token[] | undefined): string[] {
  return (tokens ?? []).flatMap(token => [
    ...([
      'em',
      'strong',
      'del',
      'codespan',
      'html',
      'link',
      'image',
      'br',
    ].includes(token.type)
      ? [token.type]
      : []),
    ...('tokens' in token && token.tokens ? markupTypes(token.tokens) : []),
  ]);
}

function blocks(markdown: string): Token[] {
  return new Lexer({ gfm: true }).lex(markdown).filter(t => t.type !== 'space');
}

function tableAfter(tokens: Token[], heading: string): Tokens.Table {
  const start = tokens.findIndex(
    t =>
      t.type === 'heading' && plain((t as Tokens.Heading).tokens) === heading,
  );
  const table = tokens.slice(start).find(t => t.type === 'table');
  if (start < 0 || !table)
    throw new Error(`no table after heading '${heading}'`);
  return table as Tokens.Table;
}

function frontMatter(markdown: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(markdown);
  if (!match) throw new Error('no front matter');
  return parseYaml(match[1]);
}

const full: SpecTemplateValues = {
  id: 'SPEC-0042',
  title: 'Upgrade EKS to 1.31',
  status: 'in-review',
  author: 'Jane Doe',
  created: '2026-01-05',
  updated: '2026-02-01',
  issue: 'https://github.com/example-org/eks/issues/412',
  component: 'eks-cluster',
  owner: 'group:default/platform',
  complexity: 2,
  blastRadius: 'high',
  blastRadiusText: 'All workloads in eu-west-1',
  rollback: 'moderate',
  downtime: 'maintenance-window',
  monthlyCost: 350,
  currency: 'USD',
  costItems: [
    { resource: 'NAT Gateway', monthly: 96, notes: 'Per-AZ' },
    { resource: 'EC2 instances', monthly: 254 },
  ],
  summary: 'Move the production cluster to EKS 1.31.',
  problem: 'EKS 1.30 leaves standard support in March.',
  promptVersion: '4f2c91a',
};

describe('renderSpec', () => {
  it.each(SPEC_TEMPLATE_FORMATS)(
    'renders the seed itself when no value is given (%s)',
    format => {
      expect(renderSpec(format, {})).toBe(seed(format));
    },
  );

  it.each(SPEC_TEMPLATE_FORMATS)(
    'links no repository unless given an issue (%s)',
    format => {
      expect(renderSpec(format, {})).not.toMatch(/https?:\/\//);
      expect(
        renderSpec(format, { issue: 'https://github.com/acme/infra/issues/7' }),
      ).toContain('https://github.com/acme/infra/issues/7');
    },
  );

  it('fills the change format', () => {
    const md = renderSpec('infrastructure-change', full);
    expect(md).toContain(
      [
        '# Spec: Upgrade EKS to 1.31',
        '',
        '**Spec ID**: SPEC-0042',
        '**GitHub Issue**: [#412](https://github.com/example-org/eks/issues/412)',
        '**Status**: In review',
        '**Author**: Jane Doe',
        '**Created**: 2026-01-05',
        '**Last Updated**: 2026-02-01',
        '**Complexity Level**: 2',
        '**Component**: eks-cluster',
        '**Owner**: group:default/platform',
        '**Constitution**: [Platform Constitution](../constitution.md) - All specs MUST comply',
      ].join('\n'),
    );
    expect(md).toContain(
      '## Summary\n\nMove the production cluster to EKS 1.31.\n',
    );
    expect(md).toContain(
      '### Problem Statement\n\nEKS 1.30 leaves standard support in March.\n',
    );
    expect(md).toContain(
      [
        '| **Blast Radius** | High — All workloads in eu-west-1 |',
        '| **Rollback Complexity** | Moderate |',
        '| **Downtime Required** | Maintenance window |',
        '| **Cost Impact** | +$350.00 USD |',
      ].join('\n'),
    );
    expect(md).toContain(
      [
        '|----------|--------------|-------|',
        '| NAT Gateway | $96.00 | Per-AZ |',
        '| EC2 instances | $254.00 |  |',
        '| **Total Delta** | **+$350.00 USD** | |',
      ].join('\n'),
    );
    expect(md).not.toMatch(/\{\{|\}\}/);
  });

  it('fills the feature format, adding Impact Assessment and Cost Impact only when given', () => {
    const md = renderSpec('infrastructure-feature', {
      ...full,
      id: 'FEAT-021',
    });
    expect(md).toContain(
      [
        '# Specification: FEAT-021 Upgrade EKS to 1.31',
        '',
        '**Template Type**: Infrastructure Feature',
        '**Complexity Level**: 2',
        '**Status**: In review',
        '**Author**: Jane Doe',
        '**Created**: 2026-01-05',
        '**Last Updated**: 2026-02-01',
        '**Issue**: [#412](https://github.com/example-org/eks/issues/412)',
      ].join('\n'),
    );
    expect(md).toContain(
      '**Problem Statement**: EKS 1.30 leaves standard support in March.',
    );
    const tokens = blocks(md);
    expect(
      tableAfter(tokens, 'Impact Assessment').rows.map(r => plain(r[1].tokens)),
    ).toEqual([
      'High — All workloads in eu-west-1',
      'Moderate',
      'Maintenance window',
      '+$350.00 USD',
    ]);
    expect(
      tableAfter(tokens, '9. Cost Impact').rows.map(r =>
        r.map(c => plain(c.tokens)),
      ),
    ).toEqual([
      ['NAT Gateway', '$96.00', 'Per-AZ'],
      ['EC2 instances', '$254.00', ''],
      ['Total Delta', '+$350.00 USD', ''],
    ]);

    const bare = renderSpec('infrastructure-feature', {
      id: 'FEAT-1',
      title: 'x',
    });
    expect(bare).not.toContain('Impact Assessment');
    expect(bare).not.toContain('Cost Impact\n');
    expect(bare).toContain(
      '**Problem Statement**: [What infrastructure need does this address?]',
    );
  });

  it('fills the smaqit format, metadata in the front matter', () => {
    const md = renderSpec('smaqit-infrastructure', {
      ...full,
      id: 'INF-EKS-UPGRADE',
    });
    expect(frontMatter(md)).toEqual({
      id: 'INF-EKS-UPGRADE',
      status: 'in-review',
      created: '2026-01-05',
      updated: '2026-02-01',
      author: 'Jane Doe',
      issue: 'https://github.com/example-org/eks/issues/412',
      component: 'eks-cluster',
      owner: 'group:default/platform',
      complexity: 2,
      prompt_version: '4f2c91a',
    });
    expect(md).toContain('\n# Upgrade EKS to 1.31\n');
    expect(md).toContain(
      '### Included\n\nMove the production cluster to EKS 1.31.\n',
    );
    expect(md).toContain('Requirements use format: `INF-EKS-UPGRADE-[NNN]`');
    expect(md).toContain('- [ ] INF-EKS-UPGRADE-001: [Criterion');
    const tokens = blocks(md);
    expect(tableAfter(tokens, 'Impact Assessment').rows).toHaveLength(4);
    expect(tableAfter(tokens, 'Cost Impact').rows).toHaveLength(3);
  });

  it('keeps placeholders for values not given, so a half-filled spec is recognisably unfilled', () => {
    const md = renderSpec('infrastructure-change', {
      title: 'Half filled',
      rollback: 'easy',
    });
    expect(md).toContain('**Spec ID**: SPEC-XXXX');
    expect(md).toContain(
      '**Status**: Draft | In Review | Approved | Implemented',
    );
    expect(md).toContain('**Author**: [Name]');
    expect(md).toContain(
      '| **Blast Radius** | [What could break if this goes wrong?] |',
    );
    expect(md).toContain('| **Rollback Complexity** | Easy |');
    expect(md).toContain(
      '| **Downtime Required** | None / Maintenance Window / Full Outage |',
    );
    expect(md).toContain('| EC2 instances | $X | SPOT pricing assumed |');
    expect(md).toContain('| **Total Delta** | **$X** | |');
    expect(md).not.toContain('Complexity Level');
  });

  it('writes money with sign, symbol and code, rounded to cents', () => {
    const cost = (monthlyCost: number, currency?: string) =>
      templateScope({ monthlyCost, currency }).monthlyCost;
    expect(cost(350)).toBe('+$350.00 USD');
    expect(cost(-120)).toBe('-$120.00 USD');
    expect(cost(0)).toBe('$0.00 USD');
    expect(cost(1234.567, 'EUR')).toBe('+€1234.57 EUR');
    expect(cost(-9.5, 'GBP')).toBe('-£9.50 GBP');
    expect(cost(300, 'CHF')).toBe('+300.00 CHF');
    expect(cost(300, 'CAD')).toBe('+300.00 CAD');
  });

  it('totals the cost items when no monthly cost is given and every item has an amount', () => {
    const scope = (costItems: SpecTemplateValues['costItems']) =>
      templateScope({ costItems });
    expect(
      scope([
        { resource: 'a', monthly: 10.1 },
        { resource: 'b', monthly: -0.2 },
      ]).monthlyCost,
    ).toBe('+$9.90 USD');
    expect(
      scope([{ resource: 'a', monthly: 10 }, { resource: 'b' }]).monthlyCost,
    ).toBeUndefined();
    const md = renderSpec('infrastructure-change', {
      costItems: [{ resource: 'a' }],
    });
    expect(md).toContain('| a | $X |  |\n| **Total Delta** | **$X** | |');
  });

  it('writes a Blast Radius cell from the level, the text, or both', () => {
    const cell = (values: SpecTemplateValues) => {
      const md = renderSpec('infrastructure-change', values);
      return /\| \*\*Blast Radius\*\* \| (.*) \|\n/.exec(md)![1];
    };
    expect(cell({ blastRadius: 'critical' })).toBe('Critical');
    expect(cell({ blastRadiusText: 'One NAT gateway' })).toBe(
      'One NAT gateway',
    );
    expect(
      cell({ blastRadius: 'unknown', blastRadiusText: 'Hard to say' }),
    ).toBe('Hard to say');
    // Text alone that the parser would read as a level, or as the template's choices.
    expect(cell({ blastRadiusText: 'Limited to staging' })).toBe(
      'Unknown — Limited to staging',
    );
    expect(cell({ blastRadiusText: 'Low / High' })).toBe(
      'Unknown — Low / High',
    );
    expect(cell({ blastRadius: 'low', blastRadiusText: 'a | b' })).toBe(
      'Low — a \\| b',
    );
  });

  it('links issues by number or key, and writes other references as text', () => {
    const issue = (value: string) =>
      /\*\*GitHub Issue\*\*: (.*)\n/.exec(
        renderSpec('infrastructure-change', { issue: value }),
      )![1];
    expect(issue('https://gitlab.example.com/g/p/-/merge_requests/7')).toBe(
      '[#7](https://gitlab.example.com/g/p/-/merge_requests/7)',
    );
    expect(issue('https://jira.example.com/browse/OPS-12')).toBe(
      '[OPS-12](https://jira.example.com/browse/OPS-12)',
    );
    expect(issue('https://example.com/a (b)')).toBe(
      '<https://example.com/a%20%28b%29>',
    );
    expect(issue('OPS-12')).toBe('OPS-12');
  });

  it('keeps the document structure whatever a value contains', () => {
    const md = renderSpec('infrastructure-change', {
      title: '# C# *bold* [link](x) <b>html</b> |pipe| #',
      author: 'Jane\n\n## Injected heading',
      blastRadius: 'high',
      blastRadiusText: 'a | b\n| c | d |',
      summary: '---\n# not a heading\n- not a list',
      costItems: [
        { resource: 'x | y', monthly: 1, notes: 'line\nbreak | pipe' },
      ],
    });
    const tokens = blocks(md);
    const headings = tokens.filter(
      t => t.type === 'heading',
    ) as Tokens.Heading[];
    expect(headings[0].depth).toBe(1);
    expect(plain(headings[0].tokens)).toBe(
      'Spec: # C# *bold* [link](x) <b>html</b> |pipe| #',
    );
    expect(markupTypes(headings[0].tokens)).toEqual([]);
    expect(headings.map(h => plain(h.tokens))).not.toContain(
      'Injected heading',
    );
    expect(md).toContain('**Author**: Jane ## Injected heading\n');
    expect(
      tableAfter(tokens, 'Impact Assessment').rows[0].map(c => plain(c.tokens)),
    ).toEqual(['Blast Radius', 'High — a | b | c | d |']);
    expect(
      tableAfter(tokens, 'Cost Impact').rows[0].map(c => plain(c.tokens)),
    ).toEqual(['x | y', '$1.00', 'line break | pipe']);
    const summary = tokens[
      tokens.findIndex(t => t.type === 'heading' && t.text === 'Summary') + 1
    ] as Tokens.Paragraph;
    expect(summary.type).toBe('paragraph');
    expect(plain(summary.tokens)).toBe('--- # not a heading - not a list');
    expect(tokens.filter(t => t.type === 'hr')).toHaveLength(
      blocks(seed('infrastructure-change')).filter(t => t.type === 'hr').length,
    );
  });

  it('keeps front matter valid whatever a value contains', () => {
    const md = renderSpec('smaqit-infrastructure', {
      author: 'O\'Brien: "the" #1\n---\nid: INF-HACK',
      owner: 'yes',
      component: '- list',
    });
    expect(frontMatter(md)).toMatchObject({
      id: 'INF-[CONCEPT]',
      author: 'O\'Brien: "the" #1 --- id: INF-HACK',
      owner: 'yes',
      component: '- list',
    });
  });

  it('treats blank text as not given', () => {
    expect(
      renderSpec('infrastructure-change', { title: ' \n ', author: '' }),
    ).toBe(seed('infrastructure-change'));
  });

  it('rejects invalid values with a message naming each key', () => {
    expect(() =>
      renderSpec('infrastructure-change', {
        id: 'SPEC 1',
        created: '2026-02-30',
        status: 'done' as any,
        complexity: 4 as any,
        currency: 'usd',
        costItems: [{ resource: '', monthly: Number.NaN }],
      }),
    ).toThrow(
      /id 'SPEC 1' is not an id.*created '2026-02-30' is not an ISO date.*status 'done' is not one of.*complexity '4' is not 1, 2 or 3.*currency 'usd' is not an ISO 4217 code.*costItems\[0\]\.resource must be a non-empty string.*costItems\[0\]\.monthly 'NaN' is not an amount/,
    );
    expect(() => renderSpec('smaqit-infrastructure', { id: 'SPEC-1' })).toThrow(
      "must start with 'INF-'",
    );
    expect(() => renderSpec('adr' as any, {})).toThrow(
      "Unknown spec template format 'adr'",
    );
    expect(validateSpecTemplateValues({ colour: 'red' } as any)).toEqual([
      {
        key: 'colour',
        message: expect.stringContaining(
          'unknown key; valid keys are id, title',
        ),
      },
    ]);
    expect(validateSpecTemplateValues({ issue: 'ftp://x' })).toHaveLength(1);
    expect(validateSpecTemplateValues(full)).toEqual([]);
  });

  it('names every variable its templates use', () => {
    const scope = templateScope({});
    for (const format of SPEC_TEMPLATE_FORMATS) {
      for (const name of templateVariables(SPEC_TEMPLATE_SOURCES[format])) {
        expect({ format, name, known: name in scope }).toEqual({
          format,
          name,
          known: true,
        });
      }
    }
  });

  describe('property: values never break the structure', () => {
    const special = fc.constantFrom(
      ...'#*_|[]<>`~\\&-+=.!:()$\n\t \u00a0'.split(''),
      'a',
      'Z',
      '1',
      '&amp;',
      '***',
      '---',
    );
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.string({ unit: special, maxLength: 30 }),
    );

    it('in headings, paragraphs and table cells', () => {
      fc.assert(
        fc.property(
          text,
          text,
          text,
          text,
          (title, cellText, resource, summary) => {
            const md = renderSpec('infrastructure-change', {
              title,
              blastRadius: 'medium',
              blastRadiusText: cellText,
              costItems: [
                {
                  resource: singleLine(resource) === '' ? 'r' : resource,
                  monthly: 5,
                },
              ],
              summary,
            });
            const tokens = blocks(md);
            const heading = tokens[0] as Tokens.Heading;
            expect(heading.type).toBe('heading');
            expect(heading.depth).toBe(1);
            const expectedTitle =
              singleLine(title) || '[Infrastructure Change Name]';
            expect(plain(heading.tokens)).toBe(`Spec: ${expectedTitle}`.trim());
            const impact = tableAfter(tokens, 'Impact Assessment');
            expect(impact.rows).toHaveLength(4);
            expect(plain(impact.rows[0][1].tokens)).toBe(
              singleLine(cellText)
                ? `Medium — ${singleLine(cellText)}`
                : 'Medium',
            );
            const cost = tableAfter(tokens, 'Cost Impact');
            expect(cost.rows).toHaveLength(2);
            expect(plain(cost.rows[0][0].tokens)).toBe(
              singleLine(resource) || 'r',
            );
            const summaryIndex = tokens.findIndex(
              t => t.type === 'heading' && t.text === 'Summary',
            );
            const paragraph = tokens[summaryIndex + 1] as Tokens.Paragraph;
            expect(paragraph.type).toBe('paragraph');
            expect(plain(paragraph.tokens)).toBe(
              singleLine(summary) ||
                '[1-2 sentence description of the infrastructure change]',
            );
            expect(tokens[summaryIndex + 2].type).toBe('hr');
          },
        ),
        propertyParameters({ numRuns: 300 }),
      );
    });

    it('in front matter', () => {
      fc.assert(
        fc.property(text, text, (author, component) => {
          const md = renderSpec('smaqit-infrastructure', {
            author,
            component,
            id: 'INF-X',
          });
          const data = frontMatter(md);
          expect(data.id).toBe('INF-X');
          expect(data.author).toBe(singleLine(author) || undefined);
          expect(data.component).toBe(singleLine(component) || undefined);
        }),
        propertyParameters({ numRuns: 300 }),
      );
    });
  });
});
