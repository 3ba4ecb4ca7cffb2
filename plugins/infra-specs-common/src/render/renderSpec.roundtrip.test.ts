/*
 * What renderSpec writes, parseSpec reads back to the same values. A failure here is either a
 * template that drifted from what the parser reads, or a parser gap (then fix the parser, not
 * the template).
 */
import fc from 'fast-check';
import { propertyParameters } from '../__testUtils__/propertySeed';
import { parseSpec } from '../index';
import type { SpecCostItem, SpecDocument } from '../model/types';
import { BLAST_RADIUS_LEVELS } from '../vocabulary/levels';
import { normalizeBlastRadius } from '../vocabulary/normalize';
import { singleLine } from './escape';
import { renderSpec } from './renderSpec';
import {
  SPEC_TEMPLATE_FORMATS,
  type SpecTemplateFormat,
  type SpecTemplateValues,
} from './values';

const CHANGE_SEED_ITEMS: SpecCostItem[] = [
  { resource: 'EC2 instances', monthly: null, notes: 'SPOT pricing assumed' },
  { resource: 'NAT Gateway', monthly: null, notes: 'Per-AZ' },
];

/** A description that opens with a level word (`Med a`) or is the choices (`Low / High`). */
function readsAsLevelAlone(description: string): boolean {
  const read = normalizeBlastRadius(description);
  return read.value !== 'unknown' || read.diagnostic !== undefined;
}

/** The fields of a parsed document that a rendered spec determines, for the values given. */
function expected(format: SpecTemplateFormat, values: SpecTemplateValues) {
  const text = (v: string | null | undefined) =>
    v ? singleLine(v) || null : null;
  const items = (values.costItems ?? []).map(item => ({
    resource: singleLine(item.resource),
    monthly: item.monthly ?? null,
    notes: text(item.notes),
  }));
  let monthlyDelta = values.monthlyCost ?? null;
  if (
    monthlyDelta === null &&
    items.length > 0 &&
    items.every(i => i.monthly !== null)
  ) {
    monthlyDelta =
      Math.round(items.reduce((s, i) => s + i.monthly! * 100, 0)) / 100;
  }
  const anyAmount =
    monthlyDelta !== null || items.some(i => i.monthly !== null);
  const level =
    values.blastRadius && values.blastRadius !== 'unknown'
      ? values.blastRadius
      : null;
  const label = BLAST_RADIUS_LEVELS.find(l => l.value === level)?.label;
  const blastText = text(values.blastRadiusText);
  let blastRadius: { level: string; text: string | null } = {
    level: 'unknown',
    text: blastText,
  };
  if (label) {
    blastRadius = {
      level: level!,
      text: blastText ? `${label} — ${blastText}` : label,
    };
  } else if (blastText && readsAsLevelAlone(blastText)) {
    // Written after an explicit `Unknown`, so that it stays a description.
    blastRadius = { level: 'unknown', text: `Unknown — ${blastText}` };
  }
  return {
    id: values.id ?? null,
    title: text(values.title),
    status:
      values.status ??
      (format === 'infrastructure-change' ? 'unknown' : 'draft'),
    author: text(values.author),
    created: values.created ?? null,
    updated: values.updated ?? null,
    issue: values.issue ?? null,
    complexity: values.complexity ?? null,
    component: text(values.component),
    impact: {
      blastRadius,
      rollback: values.rollback ?? null,
      downtime: values.downtime ?? null,
    },
    cost: {
      monthlyDelta,
      currency: anyAmount ? values.currency ?? 'USD' : null,
      items:
        items.length === 0 && format === 'infrastructure-change'
          ? CHANGE_SEED_ITEMS
          : items,
    },
  };
}

function actual(document: SpecDocument) {
  return {
    id: document.id,
    title: document.title || null,
    status: document.status,
    author: document.author,
    created: document.created,
    updated: document.updated,
    issue: document.issue,
    complexity: document.complexity,
    component: document.component ?? null,
    impact: document.impact,
    cost: document.cost,
  };
}

const examples: Array<[SpecTemplateFormat, SpecTemplateValues]> = [
  [
    'infrastructure-change',
    {
      id: 'SPEC-0042',
      title: 'Upgrade EKS to 1.31',
      status: 'in-review',
      author: 'Jane Doe',
      created: '2026-01-05',
      updated: '2026-02-01',
      issue: 'https://github.com/example-org/eks/issues/412',
      component: 'eks-cluster',
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
    },
  ],
  [
    'infrastructure-change',
    {
      id: 'SPEC-0007',
      title: 'Retire the *legacy* NAT | gateway',
      status: 'implemented',
      blastRadius: 'low',
      rollback: 'irreversible',
      downtime: 'none',
      costItems: [
        { resource: 'NAT Gateway', monthly: -65.7, notes: 'one | less' },
        { resource: 'Elastic IP', monthly: -7.3 },
      ],
      currency: 'EUR',
    },
  ],
  [
    'infrastructure-feature',
    {
      id: 'FEAT-021',
      title: 'Karpenter migration',
      status: 'approved',
      author: 'Jane Doe',
      created: '2026-09-14',
      updated: '2026-11-10',
      complexity: 3,
      blastRadius: 'critical',
      blastRadiusText: 'Every pod is rescheduled',
      rollback: 'complex',
      downtime: 'full-outage',
      monthlyCost: -2150,
      currency: 'USD',
      costItems: [
        {
          resource: 'EC2 On-Demand',
          monthly: -3400,
          notes: 'Node groups scaled to zero',
        },
        { resource: 'Karpenter nodes', monthly: 1250 },
      ],
      component: 'eks-cluster',
      issue: 'https://github.com/example-org/eks/pull/9',
    },
  ],
  ['infrastructure-feature', { id: 'FEAT-1', title: 'Only a title' }],
  [
    'smaqit-infrastructure',
    {
      id: 'INF-GPU-NODEPOOL',
      title: 'GPU node pool for fraud scoring',
      status: 'rejected',
      author: 'Sam Lee',
      created: '2026-08-03',
      updated: '2026-09-01',
      complexity: 1,
      blastRadius: 'low',
      blastRadiusText: 'A new, isolated node pool',
      rollback: 'easy',
      downtime: 'none',
      monthlyCost: 1175,
      currency: 'CHF',
      costItems: [
        {
          resource: 'g6.xlarge On-Demand (2)',
          monthly: 1175,
          notes: '$0.8048/hour each',
        },
      ],
      component: 'eks-cluster',
      issue: 'https://gitlab.example.com/g/p/-/issues/3',
    },
  ],
  ['smaqit-infrastructure', { id: 'INF-BARE', title: 'Bare' }],
  // Parser gap: a real name whose first word is 'Na' is read as 'N/A'.
  [
    'infrastructure-change',
    { id: 'SPEC-0100', title: 'Names', author: 'Na Li' },
  ],
  // Parser gap: the currency of the cost items is dropped when the total is still a placeholder.
  [
    'infrastructure-change',
    {
      id: 'SPEC-0101',
      title: 'Partly costed',
      costItems: [
        { resource: 'NAT Gateway', monthly: 96 },
        { resource: 'EC2 instances' },
      ],
    },
  ],
];

/** Renders and parses back, checks every field the values determine, returns the document. */
function roundTrip(format: SpecTemplateFormat, values: SpecTemplateValues) {
  const document = parseSpec(renderSpec(format, values), {
    path: `specs/${values.id}.md`,
  });
  expect(document.format).toBe(format);
  expect(actual(document)).toEqual(expected(format, values));
  return document;
}

describe('renderSpec -> parseSpec round trip', () => {
  it.each(examples)(
    'reads back what was written (%s, %j)',
    (format, values) => {
      const document = parseSpec(renderSpec(format, values), {
        path: `specs/${values.id}.md`,
      });
      expect(document.format).toBe(format);
      expect(actual(document)).toEqual(expected(format, values));
    },
  );

  // Counterexamples the property below found, kept as fixed cases.
  describe('regressions found by the property', () => {
    it('reads the component `na` as its name, not as N/A (seed 191228613)', () => {
      for (const [format, id] of [
        ['infrastructure-feature', 'FEAT-001'],
        ['infrastructure-change', 'SPEC-0001'],
        ['smaqit-infrastructure', 'INF-AA'],
      ] as const) {
        expect(
          roundTrip(format, { id, title: 'a', component: 'na' }).component,
        ).toBe('na');
      }
    });

    it('reads the component `na--0` as its name: any entity name is a name', () => {
      const document = roundTrip('infrastructure-change', {
        id: 'SPEC-0001',
        title: 'a',
        component: 'na--0',
      });
      expect(document.component).toBe('na--0');
    });

    it('keeps the underscore of the front matter component `a_.a`', () => {
      const document = roundTrip('smaqit-infrastructure', {
        id: 'INF-AA',
        title: 'a',
        component: 'a_.a',
      });
      expect(document.component).toBe('a_.a');
    });

    it('writes the description `mEd a` without a level so that it is not read as Medium', () => {
      const document = roundTrip('infrastructure-change', {
        id: 'SPEC-0001',
        title: 'a',
        blastRadiusText: 'mEd a',
      });
      expect(document.impact.blastRadius).toEqual({
        level: 'unknown',
        text: 'Unknown — mEd a',
      });
    });

    it('keeps `F-2` at the start of a title when the spec has another id', () => {
      expect(
        roundTrip('infrastructure-change', { id: 'SPEC-0001', title: 'F-2 a' })
          .title,
      ).toBe('F-2 a');
      expect(
        roundTrip('infrastructure-change', { id: 'SPEC-0001', title: 'H-9:a' })
          .title,
      ).toBe('H-9:a');
      expect(
        roundTrip('smaqit-infrastructure', { id: 'INF-AA', title: 'K-9 a' })
          .title,
      ).toBe('K-9 a');
    });

    it('keeps a feature title that opens with punctuation (`-a`, `:a`, `—a`, `-`)', () => {
      for (const title of ['-a', ':a', '—a', '-']) {
        expect(
          roundTrip('infrastructure-feature', { id: 'FEAT-001', title }).title,
        ).toBe(title);
      }
    });

    it("keeps the cost row `net'` as a row, not as the total", () => {
      const document = roundTrip('smaqit-infrastructure', {
        id: 'INF-A0',
        title: 'a',
        costItems: [{ resource: "net'" }],
      });
      expect(document.cost.items).toEqual([
        { resource: "net'", monthly: null, notes: null },
      ]);
    });
  });

  describe('property: random values', () => {
    // A template placeholder (see placeholders.ts) is read as unfilled by design.
    const holdsPlaceholder = (s: string) =>
      /\[[^\]]*\]|XXX|\$X|YYYY|MM-DD|DD-MM/.test(singleLine(s));
    const chars = fc.constantFrom(
      ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split(
        '',
      ),
      ...' .,:;!?\'"()/+=%@*_|#<>~`&\\-'.split(''),
      'é',
      '—',
      '\n',
    );
    const text = (min = 1) =>
      fc
        .string({ unit: chars, minLength: min, maxLength: 40 })
        .filter(s => singleLine(s).length >= min && !holdsPlaceholder(s));
    const word = fc.stringMatching(/^[A-Za-z][a-z]{1,10}$/);
    // Of the explicit "not applicable" answers a metadata value may give, only this one is two words.
    const name = fc
      .tuple(word, word)
      .map(([a, b]) => `${a} ${b}`)
      .filter(s => !/^not applicable$/i.test(s));
    const date = fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2099-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map(d => d.toISOString().slice(0, 10));
    const cents = fc
      .integer({ min: -100_000_000, max: 100_000_000 })
      .map(c => c / 100);
    const optional = <T>(arb: fc.Arbitrary<T>) =>
      fc.option(arb, { nil: undefined });
    // Backstage entity names (`payments-api`, `na`, `TBD`), alone or as a full entity ref.
    const entityName = fc.stringMatching(
      /^[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,20}[A-Za-z0-9])?$/,
    );
    const component = fc.oneof(
      entityName,
      entityName.map(entity => `component:default/${entity}`),
    );
    const values = (format: SpecTemplateFormat) =>
      fc.record({
        id: {
          'infrastructure-change': fc
            .integer({ min: 1, max: 9999 })
            .map(n => `SPEC-${String(n).padStart(4, '0')}`),
          'infrastructure-feature': fc
            .integer({ min: 1, max: 999 })
            .map(n => `FEAT-${String(n).padStart(3, '0')}`),
          'smaqit-infrastructure': fc
            .stringMatching(/^[A-Z][A-Z0-9]{1,7}(-[A-Z0-9]{1,6}){0,2}$/)
            .map(c => `INF-${c}`),
        }[format],
        // In the feature heading a dash or colon and a space after the id are the separator
        // (`FEAT-1 — Name`), to a reader as well: a title cannot start with them there.
        title:
          format === 'infrastructure-feature'
            ? text(1).filter(s => !/^[:–—-]+\s/.test(singleLine(s)))
            : text(1),
        status: optional(
          fc.constantFrom(
            'draft',
            'in-review',
            'approved',
            'implemented',
            'superseded',
            'rejected',
          ) as fc.Arbitrary<SpecTemplateValues['status']>,
        ),
        author: optional(name),
        created: optional(date),
        updated: optional(date),
        issue: optional(
          fc
            .integer({ min: 1, max: 99999 })
            .map(n => `https://github.com/example-org/repo/issues/${n}`),
        ),
        component: optional(component),
        complexity: optional(
          fc.constantFrom(1, 2, 3) as fc.Arbitrary<1 | 2 | 3>,
        ),
        blastRadius: optional(
          fc.constantFrom('low', 'medium', 'high', 'critical') as fc.Arbitrary<
            SpecTemplateValues['blastRadius']
          >,
        ),
        blastRadiusText: optional(text(1)),
        rollback: optional(
          fc.constantFrom(
            'easy',
            'moderate',
            'complex',
            'irreversible',
          ) as fc.Arbitrary<SpecTemplateValues['rollback']>,
        ),
        downtime: optional(
          fc.constantFrom(
            'none',
            'maintenance-window',
            'full-outage',
          ) as fc.Arbitrary<SpecTemplateValues['downtime']>,
        ),
        monthlyCost: optional(cents),
        currency: optional(
          fc.constantFrom('USD', 'EUR', 'GBP', 'CHF', 'CAD', 'JPY', 'SEK'),
        ),
        costItems: optional(
          fc.array(
            fc.record({
              resource: text(1),
              monthly: optional(cents),
              notes: optional(text(1)),
            }),
            { maxLength: 4 },
          ),
        ),
      });

    it.each(SPEC_TEMPLATE_FORMATS)('%s', format => {
      fc.assert(
        fc.property(values(format), v => {
          const document = parseSpec(renderSpec(format, v), {
            path: `specs/${v.id}.md`,
          });
          expect(document.format).toBe(format);
          expect(actual(document)).toEqual(expected(format, v));
        }),
        propertyParameters({ numRuns: 200 }),
      );
    });
  });
});
