import Ajv from 'ajv';
import { fixture } from '../__testUtils__/fixtures';
import { parseSpec } from '../parser/parseSpec';
import { specDocumentSchema } from './specDocumentSchema';
import { readInfracostEstimate } from '../evidence/infracost';
import { readTerraformPlan } from '../evidence/terraformPlan';

const validate = new Ajv({ allErrors: true }).compile(specDocumentSchema);

describe('specDocumentSchema', () => {
  it.each([
    'infrastructure-change.md',
    'infrastructure-feature.md',
    'smaqit-infrastructure.md',
    'seeds/infrastructure-change.md',
    'seeds/infrastructure-feature.md',
    'seeds/smaqit-infrastructure.md',
  ])('accepts the parsed %s', name => {
    const doc = parseSpec(fixture(name));
    expect(validate(doc)).toBe(true);
    expect(validate.errors ?? null).toBeNull();
  });

  it('accepts the documents of bad input', () => {
    for (const text of ['', '\u0000\u0001', '---\nid: [x\n---\n'])
      expect(validate(parseSpec(text))).toBe(true);
  });

  it('accepts documents with evidence and rejects malformed evidence', () => {
    const doc = parseSpec(fixture('evidence/spec.md'), {
      evidence: {
        estimate: readInfracostEstimate(
          fixture('evidence/infracost-multi-project.json'),
          'infracost.json',
        ),
        plan: readTerraformPlan(
          fixture('evidence/plan-replace-db.json'),
          'plan.json',
        ),
      },
    });
    expect(validate(doc)).toBe(true);
    expect(validate.errors ?? null).toBeNull();
    expect(validate(parseSpec('# Spec: X\n', { evidence: {} }))).toBe(true);
    const estimate = doc.cost.estimate!;
    const plan = doc.plan!;
    for (const broken of [
      { ...doc, cost: { ...doc.cost, drift: 'way-over' } },
      {
        ...doc,
        cost: { ...doc.cost, estimate: { ...estimate, currency: 'usd' } },
      },
      {
        ...doc,
        cost: { ...doc.cost, estimate: { ...estimate, monthlyDelta: null } },
      },
      { ...doc, plan: { ...plan, replace: -1 } },
      {
        ...doc,
        plan: {
          ...plan,
          resources: [{ ...plan.resources[0], action: 'taint' }],
        },
      },
      { ...doc, plan: { ...plan, omittedResources: 0 } },
      { ...doc, evidence: [{ kind: 'state', target: 'x.json', line: 1 }] },
      { ...doc, evidence: [{ kind: 'plan', target: '', line: 1 }] },
    ])
      expect(validate(broken)).toBe(false);
  });

  it('rejects documents that break the contract', () => {
    const doc = parseSpec(fixture('infrastructure-change.md'));
    expect(validate({ ...doc, status: 'finished' })).toBe(false);
    expect(validate({ ...doc, created: '05/01/2026' })).toBe(false);
    expect(
      validate({ ...doc, cost: { ...doc.cost, currency: 'dollars' } }),
    ).toBe(false);
    expect(validate({ ...doc, requirements: ['REQ-1'] })).toBe(false);
    expect(
      validate({
        ...doc,
        diagnostics: [
          { severity: 'fatal', line: 0, code: 'Bad Code', message: '' },
        ],
      }),
    ).toBe(false);
    expect(validate({ ...doc, extra: true })).toBe(false);
    const { title, ...untitled } = doc;
    expect(validate(untitled)).toBe(false);
  });
});
