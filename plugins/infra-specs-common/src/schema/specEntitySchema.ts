/*
 * JSON Schema of the Spec kind, in the style of Backstage's kind schemas (allOf Entity + own
 * fields); use it with `entityKindSchemaValidator` from @backstage/catalog-model. Enums come from
 * the vocabularies.
 */
import {
  BLAST_RADIUS_LEVELS,
  DOWNTIME_REQUIREMENTS,
  ROLLBACK_COMPLEXITIES,
} from '../vocabulary/levels';
import { SPEC_STATUSES } from '../vocabulary/statuses';
import { vocabularyValues } from '../vocabulary/values';
import { COST_DRIFT_VALUES } from '../evidence/drift';

/** @public */
export const specEntitySchema = {
  $schema: 'http://json-schema.org/draft-07/schema',
  $id: 'SpecV1alpha1',
  description:
    "A Spec is a specification document of an infrastructure change or feature, indexed from a component's spec folder.",
  examples: [
    {
      apiVersion: 'infra-specs.dev/v1alpha1',
      kind: 'Spec',
      metadata: {
        name: 'spec-0042-upgrade-eks-to-1-31',
        title: 'SPEC-0042 Upgrade EKS to 1.31',
        annotations: {
          'backstage.io/source-location':
            'url:https://github.com/org/repo/tree/main/docs/specs/',
          'backstage.io/view-url':
            'https://github.com/org/repo/blob/main/docs/specs/SPEC-0042.md',
          'infra-specs.dev/spec-id': 'SPEC-0042',
        },
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
    },
  ],
  allOf: [
    { $ref: 'Entity' },
    {
      type: 'object',
      required: ['spec'],
      properties: {
        apiVersion: { enum: ['infra-specs.dev/v1alpha1'] },
        kind: { enum: ['Spec'] },
        spec: {
          type: 'object',
          required: [
            'type',
            'status',
            'owner',
            'component',
            'blastRadius',
            'acceptance',
          ],
          properties: {
            type: {
              type: 'string',
              minLength: 1,
              description: 'The spec format.',
            },
            status: { enum: vocabularyValues(SPEC_STATUSES) },
            owner: {
              type: 'string',
              minLength: 1,
              description: 'Entity ref of the owner.',
            },
            component: {
              type: 'string',
              minLength: 1,
              description: 'Entity ref of the component.',
            },
            blastRadius: { enum: vocabularyValues(BLAST_RADIUS_LEVELS) },
            rollback: { enum: vocabularyValues(ROLLBACK_COMPLEXITIES) },
            downtime: { enum: vocabularyValues(DOWNTIME_REQUIREMENTS) },
            monthlyCostDelta: {
              type: 'number',
              description: 'Negative means savings.',
            },
            currency: { type: 'string', pattern: '^[A-Z]{3}$' },
            costEstimate: {
              type: 'number',
              description:
                'Monthly cost change of the linked Infracost estimate; negative means savings.',
            },
            costEstimateCurrency: { type: 'string', pattern: '^[A-Z]{3}$' },
            costDrift: {
              enum: [...COST_DRIFT_VALUES],
              description:
                'How the estimate compares with monthlyCostDelta: over (costs more than claimed), under, ok.',
            },
            acceptance: {
              type: 'object',
              required: ['total', 'done'],
              properties: {
                total: { type: 'integer', minimum: 0 },
                done: { type: 'integer', minimum: 0 },
              },
            },
          },
        },
      },
    },
  ],
} as const;
