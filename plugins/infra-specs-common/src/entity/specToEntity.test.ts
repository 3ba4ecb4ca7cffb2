import { entityKindSchemaValidator } from '@backstage/catalog-model';
import { fixture } from '../__testUtils__/fixtures';
import { parseSpec } from '../parser/parseSpec';
import { specEntitySchema } from '../schema/specEntitySchema';
import { sourceLocation, specToEntity } from './specToEntity';
import type { SpecEntity } from './SpecEntity';
import type { SpecDocument } from '../model/types';

const validate = entityKindSchemaValidator<SpecEntity>(specEntitySchema);

describe('specToEntity', () => {
  const document = parseSpec(fixture('infrastructure-change.md'));
  const entity = specToEntity({
    document,
    name: 'spec-0042-upgrade-eks-to-1-31',
    componentRef: 'component:default/eks-cluster',
    ownerRef: 'group:default/platform',
    locationTarget: 'https://github.com/org/eks/tree/main/docs/specs',
    viewUrl: 'https://github.com/org/eks/blob/main/docs/specs/SPEC-0042.md',
  });

  it('maps the document to the Spec kind of the contract', () => {
    expect(entity).toEqual({
      apiVersion: 'infra-specs.dev/v1alpha1',
      kind: 'Spec',
      metadata: {
        name: 'spec-0042-upgrade-eks-to-1-31',
        namespace: 'default',
        title: 'SPEC-0042 Upgrade EKS to 1.31',
        description: document.summary,
        annotations: {
          'backstage.io/source-location':
            'url:https://github.com/org/eks/tree/main/docs/specs/',
          'backstage.io/view-url':
            'https://github.com/org/eks/blob/main/docs/specs/SPEC-0042.md',
          'infra-specs.dev/spec-id': 'SPEC-0042',
        },
        tags: ['infrastructure-change'],
        links: [
          {
            url: 'https://github.com/example-org/eks-cluster/issues/1635',
            title: 'Tracking issue',
            type: 'issue',
          },
        ],
      },
      spec: {
        type: 'infrastructure-change',
        status: 'in-review',
        owner: 'group:default/platform',
        component: 'component:default/eks-cluster',
        blastRadius: 'high',
        rollback: 'moderate',
        downtime: 'none',
        monthlyCostDelta: 350,
        currency: 'USD',
        acceptance: { total: 6, done: 2 },
      },
    });
    expect(validate(entity)).toBe(entity);
  });

  it('leaves out what the document does not state, and still validates', () => {
    const blank = specToEntity({
      document: parseSpec('# Notes\n'),
      name: 'notes',
      namespace: 'team-a',
      componentRef: 'component:team-a/x',
      ownerRef: 'group:team-a/y',
      locationTarget: 'file:/srv/specs',
    });
    expect(blank.metadata).toEqual({
      name: 'notes',
      namespace: 'team-a',
      title: 'Notes',
      annotations: { 'backstage.io/source-location': 'file:/srv/specs' },
    });
    expect(blank.spec).toEqual({
      type: 'unknown',
      status: 'unknown',
      owner: 'group:team-a/y',
      component: 'component:team-a/x',
      blastRadius: 'unknown',
      acceptance: { total: 0, done: 0 },
    });
    expect(validate(blank)).toBe(blank);
  });

  it('carries the estimate and its drift, filterable like the status', () => {
    const toEntity = (doc: SpecDocument) =>
      specToEntity({
        document: doc,
        name: 'spec-0107',
        componentRef: 'component:default/payments-api',
        ownerRef: 'group:default/payments',
        locationTarget: 'https://github.com/org/payments/tree/main/docs/specs',
      }).spec;
    const spec = fixture('evidence/spec.md');
    const estimate = (monthlyDelta: number, currency = 'USD') => ({
      value: { monthlyDelta, currency, source: 'x.json', generatedAt: null },
    });
    const over = toEntity(
      parseSpec(spec, { evidence: { estimate: estimate(542.43) } }),
    );
    expect(over).toMatchObject({
      monthlyCostDelta: 350,
      currency: 'USD',
      costEstimate: 542.43,
      costEstimateCurrency: 'USD',
      costDrift: 'over',
    });
    expect(
      toEntity(parseSpec(spec, { evidence: { estimate: estimate(340) } }))
        .costDrift,
    ).toBe('ok');
    const otherCurrency = toEntity(
      parseSpec(spec, { evidence: { estimate: estimate(900, 'EUR') } }),
    );
    expect(otherCurrency).toMatchObject({
      costEstimate: 900,
      costEstimateCurrency: 'EUR',
    });
    expect(otherCurrency).not.toHaveProperty('costDrift');
    const unchecked = toEntity(parseSpec(spec));
    expect(unchecked).not.toHaveProperty('costEstimate');
    expect(unchecked).not.toHaveProperty('costDrift');
    expect(toEntity(parseSpec(spec, { evidence: {} }))).not.toHaveProperty(
      'costEstimate',
    );
    // A document checked before `drift` existed: the default thresholds.
    const old = parseSpec(spec, { evidence: { estimate: estimate(100) } });
    delete old.cost.drift;
    expect(toEntity(old).costDrift).toBe('under');
    for (const entitySpec of [over, otherCurrency, unchecked]) {
      const candidate = {
        apiVersion: 'infra-specs.dev/v1alpha1',
        kind: 'Spec',
        metadata: { name: 'spec-0107' },
        spec: entitySpec,
      };
      expect(validate(candidate)).toBe(candidate);
    }
    expect(() =>
      validate({
        apiVersion: 'infra-specs.dev/v1alpha1',
        kind: 'Spec',
        metadata: { name: 'spec-0107' },
        spec: { ...over, costDrift: 'way-over' },
      }),
    ).toThrow(/costDrift/);
  });

  it('is rejected by the kind validator when the spec breaks the schema; other kinds are not ours', () => {
    expect(() =>
      validate({ ...entity, spec: { ...entity.spec, status: 'finished' } }),
    ).toThrow(/status/);
    expect(() =>
      validate({ ...entity, spec: { ...entity.spec, owner: undefined } }),
    ).toThrow(/owner/);
    expect(validate({ ...entity, kind: 'Component' })).toBe(false);
  });

  it('builds source locations from URLs, typed locations and paths', () => {
    expect(sourceLocation('https://x.dev/tree/main/specs/')).toBe(
      'url:https://x.dev/tree/main/specs/',
    );
    expect(sourceLocation('url:https://x.dev/a')).toBe('url:https://x.dev/a');
    expect(sourceLocation('/srv/specs')).toBe('file:/srv/specs');
  });
});
