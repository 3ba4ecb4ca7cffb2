import Ajv from 'ajv';
import { codes, fixture } from '../__testUtils__/fixtures';
import type { SpecCostEstimate, SpecPlan } from '../model/types';
import { parseSpec } from '../parser/parseSpec';
import { specDocumentSchema } from '../schema/specDocumentSchema';
import { checkEvidence } from './checkEvidence';
import { readInfracostEstimate } from './infracost';
import { evidenceReadFailure } from './readResult';
import { evidenceTargetsOf } from './targets';
import { readTerraformPlan } from './terraformPlan';

const validate = new Ajv({ allErrors: true }).compile(specDocumentSchema);
const SPEC_PATH = 'docs/specs/107-payments-db/spec.md';
const SPEC = fixture('evidence/spec.md');
const estimateFrom = (name: string) =>
  readInfracostEstimate(
    fixture(`evidence/${name}`),
    'docs/specs/107-payments-db/infracost.json',
  );
const planFrom = (name: string) =>
  readTerraformPlan(
    fixture(`evidence/${name}`),
    'docs/specs/107-payments-db/plan.json',
  );
const estimate = (
  monthlyDelta: number,
  currency = 'USD',
): { value: SpecCostEstimate } => ({
  value: {
    monthlyDelta,
    currency,
    source: './infracost.json',
    generatedAt: null,
  },
});
const evidenceCodes = (doc: {
  diagnostics: Array<{ line: number; code: string }>;
}) => codes(doc.diagnostics).filter(c => !c.endsWith(' missing-section'));

describe('checkEvidence through parseSpec', () => {
  it('leaves an estimate that agrees without a diagnostic', () => {
    const doc = parseSpec(SPEC, {
      path: SPEC_PATH,
      evidence: { estimate: estimateFrom('infracost-agreeing.json') },
    });
    expect(doc.cost).toMatchObject({
      monthlyDelta: 350,
      currency: 'USD',
      estimate: { monthlyDelta: 332.18, currency: 'USD' },
      drift: 'ok',
    });
    expect(doc.plan).toBeNull();
    expect(evidenceCodes(doc)).toEqual([]);
    expect(validate(doc)).toBe(true);
  });

  it('reports drift with both figures, their difference and the source, at the claimed cost', () => {
    const doc = parseSpec(SPEC, {
      path: SPEC_PATH,
      evidence: { estimate: estimateFrom('infracost-drifting.json') },
    });
    expect(doc.cost.drift).toBe('over');
    expect(doc.diagnostics).toContainEqual({
      severity: 'warning',
      line: 37,
      code: 'cost-drift',
      message:
        'The spec claims +350.00 USD a month, the Infracost estimate docs/specs/107-payments-db/infracost.json says +542.43 USD: 192.43 USD (55% of the claim) more than claimed',
    });
    expect(validate(doc)).toBe(true);
  });

  it('reports an estimate below the claim as under, and uses the thresholds given', () => {
    const under = parseSpec(SPEC, { evidence: { estimate: estimate(120) } });
    expect(under.cost.drift).toBe('under');
    expect(under.diagnostics.find(d => d.code === 'cost-drift')?.message).toBe(
      'The spec claims +350.00 USD a month, the Infracost estimate ./infracost.json says +120.00 USD: 230.00 USD (66% of the claim) less than claimed',
    );
    const strict = parseSpec(SPEC, {
      evidence: {
        estimate: estimateFrom('infracost-agreeing.json'),
        thresholds: { driftShare: 0.05, driftAmount: 10 },
      },
    });
    expect(strict.cost.drift).toBe('under');
  });

  it('names the amount without a share when the spec claims zero', () => {
    const doc = parseSpec(SPEC.replace('**+$350**', '**$0**'), {
      evidence: { estimate: estimate(75.5) },
    });
    expect(doc.cost.monthlyDelta).toBe(0);
    expect(doc.diagnostics.find(d => d.code === 'cost-drift')?.message).toBe(
      'The spec claims +0.00 USD a month, the Infracost estimate ./infracost.json says +75.50 USD: 75.50 USD more than claimed',
    );
  });

  it('reports a currency mismatch and never converts', () => {
    const doc = parseSpec(SPEC, {
      evidence: { estimate: estimate(900, 'EUR') },
    });
    expect(doc.cost).toMatchObject({
      estimate: { monthlyDelta: 900, currency: 'EUR' },
      drift: null,
    });
    expect(evidenceCodes(doc)).toEqual(['37 currency-mismatch']);
    expect(
      doc.diagnostics.find(d => d.code === 'currency-mismatch')?.message,
    ).toBe(
      'The spec states its cost in USD, the Infracost estimate ./infracost.json in EUR; amounts are not converted, so cost drift was not checked',
    );
  });

  it('compares a claim without a currency in the estimate’s currency', () => {
    const doc = parseSpec(
      '# Spec: X\n\n**Spec ID**: SPEC-1\n**Status**: Draft\n**Cost Impact**: 350 per month\n',
      { evidence: { estimate: estimate(900, 'EUR') } },
    );
    expect(doc.cost.currency).toBeNull();
    expect(doc.cost.drift).toBe('over');
    expect(doc.diagnostics.find(d => d.code === 'cost-drift')?.message).toBe(
      'The spec claims +350.00 EUR a month, the Infracost estimate ./infracost.json says +900.00 EUR: 550.00 EUR (157% of the claim) more than claimed',
    );
  });

  it('keeps an estimate of a spec that claims no cost, with no drift', () => {
    const doc = parseSpec(
      '# Spec: X\n\n**Spec ID**: SPEC-1\n**Status**: Draft\n',
      {
        evidence: { estimate: estimate(40) },
      },
    );
    expect(doc.cost).toMatchObject({ monthlyDelta: null, drift: null });
    expect(doc.cost.estimate?.monthlyDelta).toBe(40);
    expect(codes(doc.diagnostics).filter(c => /cost|estimate/.test(c))).toEqual(
      [],
    );
  });

  it('says cost-unverified only when evidence is checked and there is a claim but no estimate', () => {
    const checked = parseSpec(SPEC, { evidence: {} });
    expect(checked.cost).toMatchObject({ estimate: null, drift: null });
    expect(checked.diagnostics).toContainEqual({
      severity: 'info',
      line: 37,
      code: 'cost-unverified',
      message:
        'The spec claims +350.00 USD a month but no Infracost estimate was read for it (link one with costEstimate: in the front matter or a **Cost Estimate**: line, or put infracost.json beside spec.md)',
    });
    const unchecked = parseSpec(SPEC);
    expect(unchecked.cost).not.toHaveProperty('estimate');
    expect(unchecked.cost).not.toHaveProperty('drift');
    expect(unchecked.plan).toBeNull();
    expect(codes(unchecked.diagnostics)).not.toContain('37 cost-unverified');
    const noClaim = parseSpec('# Spec: X\n\n**Spec ID**: SPEC-1\n', {
      evidence: {},
    });
    expect(codes(noClaim.diagnostics)).not.toContain('1 cost-unverified');
  });

  it('reports an unreadable estimate or plan at its link, with the reason, and keeps the spec', () => {
    const doc = parseSpec(SPEC, {
      path: SPEC_PATH,
      evidence: {
        estimate: readInfracostEstimate(
          fixture('evidence/infracost-table.txt'),
          'docs/specs/107-payments-db/infracost.json',
        ),
        plan: evidenceReadFailure(
          'plan',
          'docs/specs/107-payments-db/plan.json',
          'no such file in the repository',
        ),
      },
    });
    expect(doc.id).toBe('SPEC-0107');
    expect(doc.cost).toMatchObject({
      monthlyDelta: 350,
      estimate: null,
      drift: null,
    });
    expect(doc.plan).toBeNull();
    expect(doc.diagnostics.filter(d => d.severity === 'error')).toEqual([
      {
        severity: 'error',
        line: 10,
        code: 'invalid-estimate',
        message:
          "Infracost estimate docs/specs/107-payments-db/infracost.json cannot be used: it is Infracost's table output; save the JSON with `--format json`",
      },
      {
        severity: 'error',
        line: 11,
        code: 'invalid-plan',
        message:
          'Plan docs/specs/107-payments-db/plan.json cannot be read: no such file in the repository',
      },
    ]);
    // The error says enough; the claim is not also "unverified".
    expect(codes(doc.diagnostics)).not.toContain('37 cost-unverified');
  });

  it('puts the notes of a usable file at its link', () => {
    const doc = parseSpec(SPEC, {
      evidence: { plan: planFrom('plan-no-changes.json') },
    });
    expect(doc.plan).toMatchObject({ create: 0, delete: 0, replace: 0 });
    expect(codes(doc.diagnostics)).toContain('11 plan-without-changes');
  });
});

describe('plan-contradicts-impact', () => {
  it('names the deleted and replaced resources and every claim they contradict, at the first claim', () => {
    const doc = parseSpec(SPEC, {
      path: SPEC_PATH,
      evidence: { plan: planFrom('plan-replace-db.json') },
    });
    expect(doc.plan).toMatchObject({
      create: 1,
      update: 1,
      delete: 1,
      replace: 2,
    });
    expect(
      doc.diagnostics.filter(d => d.code === 'plan-contradicts-impact'),
    ).toEqual([
      {
        severity: 'warning',
        line: 26,
        code: 'plan-contradicts-impact',
        message:
          'The plan docs/specs/107-payments-db/plan.json replaces 2 resources and deletes 1 resource (aws_db_instance.payments (replace), aws_db_parameter_group.payments (replace), aws_db_snapshot.before_encryption (delete)) but the spec says blast radius low, rollback easy, downtime none',
      },
    ]);
    expect(validate(doc)).toBe(true);
  });

  it('names only the claims the spec makes', () => {
    const doc = parseSpec(
      SPEC.replace(
        '| Low — the payments database only |',
        '| High — every payment     |',
      ).replace(
        '| Easy                             |',
        '| Moderate                 |',
      ),
      { evidence: { plan: planFrom('plan-replace-db.json') } },
    );
    expect(doc.impact).toMatchObject({
      blastRadius: { level: 'high' },
      rollback: 'moderate',
      downtime: 'none',
    });
    const found = doc.diagnostics.filter(
      d => d.code === 'plan-contradicts-impact',
    );
    expect(found).toHaveLength(1);
    expect(found[0].line).toBe(28);
    expect(found[0].message).toMatch(/but the spec says downtime none$/);
  });

  it('is silent for plans that only create and update, and for specs that claim no low risk', () => {
    const additive: { value: SpecPlan } = {
      value: {
        source: 'plan.json',
        create: 2,
        update: 1,
        delete: 0,
        replace: 0,
        resources: [],
      },
    };
    expect(
      codes(parseSpec(SPEC, { evidence: { plan: additive } }).diagnostics),
    ).not.toContain('26 plan-contradicts-impact');
    const risky = parseSpec(
      '# Spec: X\n\n**Spec ID**: SPEC-1\n**Blast Radius**: High\n**Rollback Complexity**: Complex\n',
      { evidence: { plan: planFrom('plan-replace-db.json') } },
    );
    expect(risky.diagnostics.map(d => d.code)).not.toContain(
      'plan-contradicts-impact',
    );
  });

  it('names five resources and counts the rest, those left out of a huge plan included', () => {
    const plan: SpecPlan = {
      source: 'plan.json',
      create: 0,
      update: 0,
      delete: 800,
      replace: 0,
      resources: Array.from({ length: 500 }, (_, i) => ({
        address: `aws_instance.node[${i}]`,
        type: 'aws_instance',
        actions: ['delete'],
        action: 'delete' as const,
      })),
      omittedResources: 300,
    };
    const doc = parseSpec(SPEC, { evidence: { plan: { value: plan } } });
    expect(
      doc.diagnostics.find(d => d.code === 'plan-contradicts-impact')?.message,
    ).toBe(
      'The plan plan.json deletes 800 resources (aws_instance.node[0] (delete), aws_instance.node[1] (delete), aws_instance.node[2] (delete), aws_instance.node[3] (delete), aws_instance.node[4] (delete), 795 more) but the spec says blast radius low, rollback easy, downtime none',
    );
  });
});

describe('checkEvidence', () => {
  it('gives the same document as parseSpec with the evidence option, and replaces its own diagnostics when run again', () => {
    const evidence = {
      estimate: estimateFrom('infracost-drifting.json'),
      plan: planFrom('plan-replace-db.json'),
    };
    const once = checkEvidence(parseSpec(SPEC, { path: SPEC_PATH }), evidence);
    expect(once).toEqual(parseSpec(SPEC, { path: SPEC_PATH, evidence }));
    expect(checkEvidence(once, evidence)).toEqual(once);
    const cleared = checkEvidence(once, {});
    expect(cleared.plan).toBeNull();
    expect(evidenceCodes(cleared)).toEqual(['37 cost-unverified']);
  });

  it('keeps the diagnostics in line order', () => {
    const doc = parseSpec(SPEC, {
      evidence: {
        estimate: estimateFrom('infracost-drifting.json'),
        plan: planFrom('plan-replace-db.json'),
      },
    });
    const lines = doc.diagnostics.map(d => d.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });
});

describe('the whole flow, as the backend and the CLI run it', () => {
  it('finds the targets, reads them and checks the spec in one parse', () => {
    const files: Record<string, string> = {
      'docs/specs/107-payments-db/infracost.json': fixture(
        'evidence/infracost-multi-project.json',
      ),
      'docs/specs/107-payments-db/plan.json': fixture(
        'evidence/plan-replace-db.json',
      ),
    };
    const first = parseSpec(SPEC, { path: SPEC_PATH });
    const targets = evidenceTargetsOf(first, SPEC_PATH, [
      'spec.md',
      'plan.md',
      'infracost.json',
      'plan.json',
    ]);
    expect(targets.map(t => t.source)).toEqual(Object.keys(files));
    const read = (kind: 'estimate' | 'plan') => {
      const target = targets.find(t => t.kind === kind)!;
      const text = files[target.source];
      return kind === 'estimate'
        ? readInfracostEstimate(text, target.source)
        : readTerraformPlan(text, target.source);
    };
    const doc = parseSpec(SPEC, {
      path: SPEC_PATH,
      evidence: {
        estimate: read('estimate') as ReturnType<typeof readInfracostEstimate>,
        plan: read('plan') as ReturnType<typeof readTerraformPlan>,
      },
    });
    expect(doc.cost.estimate?.projects).toHaveLength(3);
    expect(doc.cost.drift).toBe('over');
    expect(evidenceCodes(doc)).toEqual([
      '26 plan-contradicts-impact',
      '37 cost-drift',
    ]);
    expect(validate(doc)).toBe(true);
    // Plain data: what a worker thread or the REST API hands on is the same document.
    expect(structuredClone(doc)).toEqual(doc);
  });
});

describe('parseSpec with evidence that breaks the checks', () => {
  it('keeps the parsed document and adds an internal-error', () => {
    const hostile = {
      get estimate(): never {
        throw new Error('boom');
      },
    };
    const doc = parseSpec(SPEC, { evidence: hostile });
    expect(doc.id).toBe('SPEC-0107');
    expect(doc.diagnostics).toContainEqual({
      severity: 'error',
      line: 1,
      code: 'internal-error',
      message: 'Checking the evidence failed unexpectedly: boom',
    });
  });
});
