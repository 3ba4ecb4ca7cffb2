/*
 * The demo specs of examples/components/<name>/docs/specs are what people see first; this
 * parses every file with the real parser and pins what the demo promises: which files are
 * specs, their ids, formats and statuses, that every status and format is covered, and that
 * exactly one spec (SPEC-0120) carries an error diagnostic for the UI's error badge.
 */
import { promises as fs } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import {
  isSpecFile,
  lintSpecSet,
  parseSpec,
  SpecDocument,
  SpecStatus,
} from '@infra-specs/backstage-plugin-infra-specs-common';

const EXAMPLES = resolve(__dirname, '../../../examples/components');

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      out.push(...(await walk(path)));
    } else if (entry.name.endsWith('.md')) {
      out.push(path);
    }
  }
  return out;
}

interface Parsed {
  /** `<component>/<path inside docs/specs>` */
  file: string;
  /** Path inside docs/specs. */
  path: string;
  markdown: string;
  document: SpecDocument;
}

async function parseDemo(): Promise<Parsed[]> {
  const parsed: Parsed[] = [];
  for (const component of await fs.readdir(EXAMPLES)) {
    const specs = join(EXAMPLES, component, 'docs/specs');
    const files = await walk(specs).catch(() => []);
    for (const path of files.sort()) {
      const markdown = await fs.readFile(path, 'utf8');
      const rel = relative(specs, path).split('\\').join('/');
      parsed.push({
        file: `${component}/${rel}`,
        path: rel,
        markdown,
        document: parseSpec(markdown, { path: rel }),
      });
    }
  }
  return parsed;
}

const EXPECTED_SPECS: Record<string, { id: string; format: string; status: SpecStatus }> = {
  'eks-cluster/FEAT-021-karpenter-migration.md': { id: 'FEAT-021', format: 'infrastructure-feature', status: 'approved' },
  'eks-cluster/INF-GPU-NODEPOOL.md': { id: 'INF-GPU-NODEPOOL', format: 'smaqit-infrastructure', status: 'rejected' },
  'eks-cluster/SPEC-0110-eks-1-31-upgrade/spec.md': { id: 'SPEC-0110', format: 'infrastructure-change', status: 'approved' },
  'eks-cluster/done/2025-Q1/SPEC-0085-eks-1-30-upgrade.md': { id: 'SPEC-0085', format: 'infrastructure-change', status: 'implemented' },
  'network-vpc/SPEC-0101-nat-gateway-per-az.md': { id: 'SPEC-0101', format: 'infrastructure-change', status: 'in-review' },
  'network-vpc/SPEC-0102-vpc-flow-logs/spec.md': { id: 'SPEC-0102', format: 'infrastructure-change', status: 'approved' },
  'network-vpc/done/2025-Q4/SPEC-0098-single-nat-gateway.md': { id: 'SPEC-0098', format: 'infrastructure-change', status: 'superseded' },
  'observability-stack/FEAT-030-metrics-long-term-storage/spec.md': { id: 'FEAT-030', format: 'infrastructure-feature', status: 'draft' },
  'observability-stack/done/2026-Q3/loki-retention/spec.md': { id: 'INF-LOKI-RETENTION', format: 'smaqit-infrastructure', status: 'implemented' },
  'payments-api/FEAT-014-idempotency-key-store.md': { id: 'FEAT-014', format: 'infrastructure-feature', status: 'draft' },
  'payments-api/INF-DB-CREDENTIAL-ROTATION.md': { id: 'INF-DB-CREDENTIAL-ROTATION', format: 'smaqit-infrastructure', status: 'in-review' },
  'payments-api/SPEC-0120-aurora-postgresql-16-upgrade/spec.md': { id: 'SPEC-0120', format: 'infrastructure-change', status: 'approved' },
};

describe('demo spec data', () => {
  let all: Parsed[];
  let specs: Parsed[];

  beforeAll(async () => {
    all = await parseDemo();
    // The same decision the backend's indexer makes.
    specs = all.filter(p => isSpecFile(p.path, p.document));
  });

  it('has exactly the intended spec files, with their ids, formats and statuses', () => {
    expect(
      Object.fromEntries(
        specs.map(p => [
          p.file,
          { id: p.document.id, format: p.document.format, status: p.document.status },
        ]),
      ),
    ).toEqual(EXPECTED_SPECS);
  });

  it('keeps plans, clarification logs and summaries out of the specs', () => {
    const others = all.filter(p => !specs.includes(p)).map(p => p.file);
    expect(others.sort()).toEqual([
      'eks-cluster/SPEC-0110-eks-1-31-upgrade/clarifications.md',
      'eks-cluster/SPEC-0110-eks-1-31-upgrade/plan.md',
      'network-vpc/SPEC-0102-vpc-flow-logs/clarifications.md',
      'network-vpc/SPEC-0102-vpc-flow-logs/plan.md',
      'observability-stack/FEAT-030-metrics-long-term-storage/clarifications.md',
      'observability-stack/done/2026-Q3/loki-retention/SUMMARY.md',
      'payments-api/SPEC-0120-aurora-postgresql-16-upgrade/clarifications.md',
      'payments-api/SPEC-0120-aurora-postgresql-16-upgrade/plan.md',
    ]);
  });

  it('covers every status and every format', () => {
    const count = (key: (d: SpecDocument) => string) =>
      specs.reduce<Record<string, number>>((acc, p) => {
        acc[key(p.document)] = (acc[key(p.document)] ?? 0) + 1;
        return acc;
      }, {});
    expect(count(d => d.status)).toEqual({
      draft: 2,
      'in-review': 2,
      approved: 4,
      implemented: 2,
      superseded: 1,
      rejected: 1,
    });
    expect(count(d => d.format)).toEqual({
      'infrastructure-change': 6,
      'infrastructure-feature': 3,
      'smaqit-infrastructure': 3,
    });
  });

  it('has exactly one in-review spec that mentions a NAT gateway', () => {
    const mentions = specs.filter(p => /nat gateway/i.test(p.markdown));
    expect(
      mentions.filter(p => p.document.status === 'in-review').map(p => p.document.id),
    ).toEqual(['SPEC-0101']);
    expect(mentions.map(p => p.document.id).sort()).toEqual(['SPEC-0098', 'SPEC-0101']);
  });

  it('gives only SPEC-0120 an error diagnostic: approved with an open clarification', () => {
    const withErrors = specs.filter(p =>
      p.document.diagnostics.some(d => d.severity === 'error'),
    );
    expect(withErrors.map(p => p.document.id)).toEqual(['SPEC-0120']);
    const errors = withErrors[0].document.diagnostics.filter(d => d.severity === 'error');
    expect(errors).toEqual([
      expect.objectContaining({
        code: 'incomplete-approved-spec',
        severity: 'error',
        message: expect.stringMatching(/open clarification/),
      }),
    ]);
    expect(withErrors[0].document.openClarifications).toEqual([
      expect.stringMatching(/Visa and Mastercard change freeze/),
    ]);
  });

  it('has no location-wide findings (duplicate ids, status outside its folder)', () => {
    for (const component of new Set(specs.map(p => p.file.split('/')[0]))) {
      const inFolder = specs.filter(p => p.file.startsWith(`${component}/`));
      const findings = [...lintSpecSet(inFolder).values()].flat();
      expect({ component, findings }).toEqual({ component, findings: [] });
    }
  });

  it('has no warnings', () => {
    const warnings = specs.flatMap(p =>
      p.document.diagnostics
        .filter(d => d.severity === 'warning')
        .map(d => `${p.file}:${d.line} ${d.code} ${d.message}`),
    );
    expect(warnings).toEqual([]);
  });

  it('reads impact, cost, acceptance and clarifications from every kind of spec', () => {
    const byId = new Map(specs.map(p => [p.document.id, p.document]));
    const levels = new Set(specs.map(p => p.document.impact.blastRadius.level));
    expect([...levels].sort()).toEqual(['critical', 'high', 'low', 'medium']);
    expect(specs.every(p => p.document.impact.rollback !== null)).toBe(true);
    expect(specs.every(p => p.document.impact.downtime !== null)).toBe(true);
    expect(specs.every(p => p.document.cost.monthlyDelta !== null)).toBe(true);
    expect(specs.every(p => p.document.cost.currency === 'USD')).toBe(true);

    expect(byId.get('SPEC-0101')).toMatchObject({
      impact: { blastRadius: { level: 'high' }, rollback: 'easy', downtime: 'none' },
      cost: { monthlyDelta: 98.55 },
      openClarifications: [expect.stringMatching(/staging and dev VPCs/)],
    });
    expect(byId.get('SPEC-0110')).toMatchObject({
      impact: { blastRadius: { level: 'critical' }, rollback: 'complex' },
      cost: { monthlyDelta: -730 },
    });
    expect(byId.get('SPEC-0120')).toMatchObject({
      impact: { rollback: 'irreversible', downtime: 'maintenance-window' },
    });
    expect(byId.get('INF-LOKI-RETENTION')).toMatchObject({
      cost: { monthlyDelta: -1215 },
      acceptance: { total: 4, done: 4 },
    });
    expect(byId.get('FEAT-021')).toMatchObject({
      statusText: 'In Progress',
      cost: { monthlyDelta: -2150 },
      acceptance: { total: 7, done: 4 },
    });
    expect(byId.get('FEAT-030')?.openClarifications).toHaveLength(2);
    expect(byId.get('SPEC-0085')?.cost.monthlyDelta).toBe(0);

    const partlyDone = specs.filter(
      p => p.document.acceptance.done > 0 && p.document.acceptance.done < p.document.acceptance.total,
    );
    expect(partlyDone.length).toBeGreaterThanOrEqual(3);
  });

  it('annotates every demo component that has specs with its spec location', async () => {
    const components = [...new Set(specs.map(p => p.file.split('/')[0]))].sort();
    expect(components).toEqual(['eks-cluster', 'network-vpc', 'observability-stack', 'payments-api']);
    for (const component of components) {
      const yaml = await fs.readFile(join(EXAMPLES, component, 'catalog-info.yaml'), 'utf8');
      expect(yaml).toMatch(/^ {4}infra-specs\.dev\/spec-location: \.\/docs\/specs$/m);
    }
  });
});
