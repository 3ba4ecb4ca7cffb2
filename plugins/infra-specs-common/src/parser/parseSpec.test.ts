import { codes, fixture } from '../__testUtils__/fixtures';
import type { SpecDocument } from '../model/types';
import { lintSpec, parseSpec } from './parseSpec';
import { MAX_PARSE_CHARS } from './limits';

const CHANGE = fixture('infrastructure-change.md');

function changeWith(replace: Record<string, string>): string {
  let text = CHANGE;
  for (const [from, to] of Object.entries(replace)) {
    expect(text).toContain(from);
    text = text.replace(from, to);
  }
  return text;
}

/** Everything but the diagnostics, to compare two readings of the same content. */
function fields(doc: SpecDocument) {
  const { diagnostics, ...rest } = doc;
  return rest;
}

function expectNoInternalError(doc: SpecDocument) {
  expect(doc.diagnostics.filter(d => d.code === 'internal-error')).toEqual([]);
}

describe('parseSpec', () => {
  describe('status as written in the wild', () => {
    it.each([
      ['Approved ✅', 'approved'],
      ['✅ **Approved**', 'approved'],
      ['IN-REVIEW', 'in-review'],
      ['Under review', 'in-review'],
      ['In progress', 'approved'],
      ['done', 'implemented'],
      ['Shipped 🚀', 'implemented'],
      ['Deprecated (see SPEC-0099)', 'superseded'],
      ['Abandoned.', 'rejected'],
      ['WIP', 'draft'],
    ])('%s -> %s', (written, status) => {
      const doc = parseSpec(
        changeWith({ '**Status**: In Review': `**Status**: ${written}` }),
      );
      expect(doc.status).toBe(status);
      expect(doc.statusText).toBe(written.replace(/\*\*/g, ''));
    });

    it('gives unknown with a diagnostic for the unfilled option list and for unknown words', () => {
      const options = parseSpec(
        changeWith({
          '**Status**: In Review':
            '**Status**: Draft | In Review | Approved | Implemented',
        }),
      );
      expect(options.status).toBe('unknown');
      expect(codes(options.diagnostics)).toContain('5 placeholder');
      const odd = parseSpec(
        changeWith({ '**Status**: In Review': '**Status**: Parked' }),
      );
      expect(odd.status).toBe('unknown');
      expect(codes(odd.diagnostics)).toContain('5 unknown-status');
    });
  });

  it('reads CRLF files exactly like LF files', () => {
    const lf = parseSpec(CHANGE);
    const crlf = parseSpec(CHANGE.replace(/\n/g, '\r\n'));
    expect(fields(crlf)).toEqual(fields(lf));
    expect(crlf.diagnostics).toEqual(lf.diagnostics);
  });

  it('reads money in the forms of the contract from the Impact Assessment cell', () => {
    const cost = (cell: string) =>
      parseSpec(
        `# Spec: X\n\n**Spec ID**: SPEC-1\n\n## Impact Assessment\n\n| Aspect | Assessment |\n|---|---|\n| **Cost Impact** | ${cell} |\n`,
      ).cost;
    expect(cost('-$200/month')).toMatchObject({
      monthlyDelta: -200,
      currency: 'USD',
    });
    expect(cost('1200 USD per year')).toMatchObject({
      monthlyDelta: 100,
      currency: 'USD',
    });
    expect(cost('~€40')).toMatchObject({ monthlyDelta: 40, currency: 'EUR' });
    expect(cost('$1.2k')).toMatchObject({ monthlyDelta: 1200 });
    expect(cost('[Monthly cost change estimate]')).toMatchObject({
      monthlyDelta: null,
      currency: null,
    });
  });

  it('prefers the cost total, reports a total that does not add up, falls back to the impact cell', () => {
    const mismatch = parseSpec(
      changeWith({
        '| **Total Delta** | **$350** | | |':
          '| **Total Delta** | **$400** | | |',
      }),
    );
    expect(mismatch.cost.monthlyDelta).toBe(400);
    expect(codes(mismatch.diagnostics)).toContain('83 cost-total-mismatch');

    const placeholders = parseSpec(
      changeWith({
        '| NAT Gateway | $96 |': '| NAT Gateway | $X |',
        '| **Total Delta** | **$350** |': '| **Total Delta** | **$X** |',
      }),
    );
    // Rows are no longer all numbers, the total is a placeholder: the Impact Assessment cell decides.
    expect(placeholders.cost.monthlyDelta).toBe(350);
    expect(
      codes(placeholders.diagnostics).filter(c => c.endsWith(' placeholder')),
    ).toEqual(['81 placeholder', '83 placeholder']);
  });

  it('keeps the currency of stated amounts when no delta can be computed', () => {
    const doc = parseSpec(
      '# Spec: X\n\n**Spec ID**: SPEC-1\n\n## Cost Impact\n\n| Resource | Monthly Cost |\n|---|---|\n| NAT | $96 |\n| EC2 | |\n| **Total Delta** | **$X** |\n',
    );
    expect(doc.cost).toEqual({
      monthlyDelta: null,
      currency: 'USD',
      items: [
        { resource: 'NAT', monthly: 96, notes: null },
        { resource: 'EC2', monthly: null, notes: null },
      ],
    });
  });

  it('takes the last total-like row as the total; a resource named like one above it is a row', () => {
    const doc = parseSpec(
      '# Spec: X\n\n**Spec ID**: SPEC-1\n\n## Cost Impact\n\n| Resource | Monthly Cost |\n|---|---|\n| .NET build agents | $40 |\n| Net egress | $X |\n| **Total Delta** | **$55** |\n',
    );
    expect(doc.cost).toEqual({
      monthlyDelta: 55,
      currency: 'USD',
      items: [
        { resource: '.NET build agents', monthly: 40, notes: null },
        { resource: 'Net egress', monthly: null, notes: null },
      ],
    });
  });

  it('reads a component that is an entity name as that name, and N/A as none', () => {
    const component = (value: string) =>
      parseSpec(`# Spec: X\n\n**Spec ID**: SPEC-1\n**Component**: ${value}\n`)
        .component;
    expect(component('na')).toBe('na');
    expect(component('pending-jobs')).toBe('pending-jobs');
    expect(component('TBD')).toBe('TBD');
    expect(component('component:default/na')).toBe('component:default/na');
    expect(component('N/A')).toBeNull();
    expect(component('n/a')).toBeNull();
    expect(component('-')).toBeNull();
    expect(component('TBD — after the migration')).toBeNull();
    // Other fields keep the N/A answers of the contract.
    expect(
      parseSpec('# Spec: X\n\n**Spec ID**: SPEC-1\n**Author**: na\n').author,
    ).toBeNull();
  });

  it('reads front matter values as YAML strings, not markdown', () => {
    const doc = parseSpec(
      '---\nid: INF-X\nauthor: "_ops_ team"\ncomponent: a_.b\n---\n\n# X\n',
    );
    expect(doc.author).toBe('_ops_ team');
    expect(doc.component).toBe('a_.b');
  });

  it('keeps an id-like word at the start of a title when the metadata states another id', () => {
    const title = (heading: string, id = 'SPEC-0042') =>
      parseSpec(`# ${heading}\n\n**Spec ID**: ${id}\n`);
    expect(title('Spec: K-9 unit rollout').title).toBe('K-9 unit rollout');
    expect(title('Spec: SPEC-0042 Upgrade EKS').title).toBe('Upgrade EKS');
    expect(title('Spec: SPEC-0042 — Upgrade EKS').title).toBe('Upgrade EKS');
    // Without a stated id, the title's leading id is the id.
    const fromTitle = parseSpec('# Spec: SPEC-0042 Upgrade EKS\n');
    expect([fromTitle.id, fromTitle.title]).toEqual([
      'SPEC-0042',
      'Upgrade EKS',
    ]);
  });

  it('tells the separator after a feature id from punctuation that opens the name', () => {
    const read = (heading: string) => {
      const doc = parseSpec(
        `# Specification: ${heading}\n\n**Template Type**: Infrastructure Feature\n`,
      );
      return [doc.id, doc.title];
    };
    expect(read('FEAT-012 — Karpenter')).toEqual(['FEAT-012', 'Karpenter']);
    expect(read('FEAT-012: Karpenter')).toEqual(['FEAT-012', 'Karpenter']);
    expect(read('FEAT-012:Karpenter')).toEqual(['FEAT-012', 'Karpenter']);
    expect(read('FEAT-012 Karpenter')).toEqual(['FEAT-012', 'Karpenter']);
    expect(read('FEAT-012 --dry-run for tofu')).toEqual([
      'FEAT-012',
      '--dry-run for tofu',
    ]);
    expect(read('FEAT-012 :a')).toEqual(['FEAT-012', ':a']);
  });

  it('flags an approved spec that still has placeholders or open clarifications', () => {
    const doc = parseSpec(
      changeWith({
        '**Status**: In Review': '**Status**: Approved',
        '**Author**: Jane Doe': '**Author**: [Name]',
      }),
    );
    expect(doc.author).toBeNull();
    expect(doc.diagnostics).toContainEqual({
      severity: 'error',
      line: 5,
      code: 'incomplete-approved-spec',
      message:
        "Status is 'approved' but the spec still has 1 placeholder and 1 open clarification",
    });
    const clean = parseSpec(
      changeWith({
        '**Status**: In Review': '**Status**: Implemented',
        '- [NEEDS CLARIFICATION: Which region hosts the replica?]\n': '',
      }),
    );
    expect(clean.openClarifications).toEqual([]);
    expect(clean.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
  });

  it('reads the status from front matter with a bold-line spec', () => {
    const doc = parseSpec(
      `---\nstatus: implemented\ncomponent: eks-cluster\n---\n${CHANGE.replace(
        '**Status**: In Review\n',
        '',
      )}`,
    );
    expect(doc.status).toBe('implemented');
    expect(doc.component).toBe('eks-cluster');
    expect(doc.id).toBe('SPEC-0042');
    expect(doc.lines?.id).toBe(7);
  });

  describe('bad input: diagnostics, never an exception', () => {
    it('empty and blank files', () => {
      for (const text of ['', '   \n\n\t\n']) {
        const doc = parseSpec(text, { path: 'docs/specs/012-kv/spec.md' });
        expect(doc).toMatchObject({
          format: 'unknown',
          title: '012 kv',
          status: 'unknown',
        });
        expect(codes(doc.diagnostics)).toEqual(['1 empty-document']);
      }
    });

    it('binary files', () => {
      const png = '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\u0000\u0000';
      const doc = parseSpec(png);
      expect(codes(doc.diagnostics)).toEqual(['1 binary-content']);
      expect(doc.diagnostics[0].severity).toBe('error');
    });

    it('a 50 MB file: the first part is read, with a too-large warning', () => {
      const big = `${CHANGE}\n${'Filler line of prose about the cluster and its nodes.\n'.repeat(
        1_000_000,
      )}`;
      expect(big.length).toBeGreaterThan(50_000_000);
      const started = Date.now();
      const doc = parseSpec(big);
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(doc.id).toBe('SPEC-0042');
      expect(doc.cost.monthlyDelta).toBe(350);
      expect(doc.diagnostics[0]).toMatchObject({ code: 'too-large', line: 1 });
      expect(doc.diagnostics[0].message).toContain(
        `${MAX_PARSE_CHARS / 1048576} M`,
      );
    });

    it('unterminated front matter', () => {
      const doc = parseSpec(
        '---\nid: INF-X\nstatus: draft\n\n# Title\n\n## Scope\n',
      );
      expect(codes(doc.diagnostics)).toContain('1 unterminated-front-matter');
      expect(doc.title).toBe('Title');
    });

    it('invalid YAML front matter still reads the body', () => {
      const doc = parseSpec(
        '---\nid: [INF-X\n---\n# Spec: Body\n\n**Spec ID**: SPEC-9\n',
      );
      expect(doc.diagnostics.map(d => d.code)).toContain(
        'invalid-front-matter',
      );
      expect(doc).toMatchObject({
        format: 'infrastructure-change',
        id: 'SPEC-9',
        title: 'Body',
      });
      expect(doc.lines?.id).toBe(6);
    });

    it('tables with missing cells and pipes inside code spans', () => {
      const doc = parseSpec(
        [
          '# Spec: Tables',
          '**Spec ID**: SPEC-5',
          '## Cost Impact',
          '| Resource | Monthly Cost | Notes |',
          '|---|---|---|',
          '| `a|b` | $10 | x |',
          '| short |',
          '| ok | $5 | |',
        ].join('\n'),
      );
      expect(codes(doc.diagnostics)).toContain('6 malformed-table');
      expect(doc.cost.items.map(i => i.resource)).toEqual([
        '`a',
        'short',
        'ok',
      ]);
      expect(doc.cost.monthlyDelta).toBeNull(); // "b`" and "" are not amounts: no sum
    });

    it('duplicated sections: the first is read, the duplicate reported', () => {
      const doc = parseSpec(
        `${CHANGE}\n## Cost Impact\n\n| Resource | Monthly Cost |\n|---|---|\n| **Total** | $999 |\n`,
      );
      expect(doc.cost.monthlyDelta).toBe(350);
      expect(doc.diagnostics.map(d => d.code)).toContain('duplicate-section');
    });

    it('ten thousand checkboxes', () => {
      const boxes = Array.from(
        { length: 10000 },
        (_, i) => `- [${i % 4 === 0 ? 'x' : ' '}] task ${i}`,
      ).join('\n');
      const doc = parseSpec(
        `# Spec: Many\n\n**Spec ID**: SPEC-2\n\n## Validation Checklist\n\n${boxes}\n`,
      );
      expect(doc.acceptance).toEqual({ total: 10000, done: 2500 });
      expect(doc.checklists).toEqual({ total: 10000, done: 2500 });
    });

    it('headings without text', () => {
      const doc = parseSpec(
        '#\n\n##   \n\n# Spec: Real\n\n**Spec ID**: SPEC-4\n',
      );
      expect(doc.title).toBe('Real');
      expect(codes(doc.diagnostics)).toEqual([
        '1 missing-section',
        '1 missing-section',
        '1 missing-section',
        '1 missing-section',
        '1 empty-heading',
        '3 empty-heading',
        '5 missing-status',
      ]);
    });

    it('deep nesting is flattened instead of exhausting the stack', () => {
      const doc = parseSpec(
        `# Spec: Deep\n**Spec ID**: SPEC-8\n${'>'.repeat(
          20000,
        )} x\n${'- '.repeat(20000)}[ ] y\n`,
      );
      expect(doc.id).toBe('SPEC-8');
      expect(codes(doc.diagnostics)).toContain('3 too-deeply-nested');
      expectNoInternalError(doc);
    });

    it('a non-string argument', () => {
      const doc = parseSpec(42 as unknown as string);
      expect(codes(doc.diagnostics)).toEqual(['1 invalid-input']);
    });

    it.each([
      ['pipes', `| ${'|'.repeat(200000)}`],
      ['stars', '*'.repeat(500000)],
      ['brackets', `**Status**: ${'['.repeat(200000)}`],
      ['bold keys', `**${'a'.repeat(100000)}`],
      ['marker', `[NEEDS CLARIFICATION: ${'[['.repeat(100000)}`],
      ['html comments', '<!--'.repeat(100000)],
      ['ids', `- FR-${'1-'.repeat(100000)}`],
      [
        'money',
        `## Cost Impact\n| Resource | Monthly Cost |\n|---|---|\n| x | $${'1,'.repeat(
          100000,
        )} |`,
      ],
      ['dates', `**Created**: ${'2026-'.repeat(100000)}`],
      ['long title', `# Spec: ${'A-1'.repeat(100000)}`],
      ['key lines', `${'**k**: v\n'.repeat(50000)}`],
      ['setext', 'a\n=\n'.repeat(50000)],
      ['emphasis', `**Summary**: ${'*a_'.repeat(100000)}`],
    ])('adversarial input completes: %s', (_name, text) => {
      const doc = parseSpec(text);
      expect(typeof doc.title).toBe('string');
      expectNoInternalError(doc);
    });
  });

  it('turns an unexpected exception into an internal-error diagnostic', () => {
    const doc = parseSpec('# Spec: X', {
      formats: {
        get formats(): never {
          throw new Error('registry exploded');
        },
        get: () => undefined,
      },
    });
    expect(doc.diagnostics).toEqual([
      {
        severity: 'error',
        line: 1,
        code: 'internal-error',
        message: 'The parser failed unexpectedly: registry exploded',
      },
    ]);
  });

  it('lintSpec returns the diagnostics sorted by line', () => {
    const diagnostics = lintSpec(
      fixture('infrastructure-change.md').replace(
        '**Author**: Jane Doe',
        '**Author**: [Name]',
      ),
    );
    expect(codes(diagnostics)).toEqual([
      '6 placeholder',
      '50 open-clarification',
    ]);
    const lines = lintSpec('## \n# Spec: [Name]\n**Created**: soon\n').map(
      d => d.line,
    );
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });
});
