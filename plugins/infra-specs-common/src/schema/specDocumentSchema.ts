/*
 * JSON Schema (draft-07, as Backstage's own schemas) of the normalized document: what the parser
 * promises, what the store may keep and what `infra-specs parse --json` prints. Enums come from
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
import { PLAN_ACTION_VALUES } from '../evidence/terraformPlan';

const nullableString = { type: ['string', 'null'] } as const;
const nullableDate = {
  anyOf: [
    { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    { type: 'null' },
  ],
} as const;
const progress = {
  type: 'object',
  additionalProperties: false,
  required: ['total', 'done'],
  properties: {
    total: { type: 'integer', minimum: 0 },
    done: { type: 'integer', minimum: 0 },
  },
} as const;
const line = { type: 'integer', minimum: 1 } as const;
const currencyCode = { type: 'string', pattern: '^[A-Z]{3}$' } as const;
const count = { type: 'integer', minimum: 0 } as const;
const costEstimate = {
  type: 'object',
  additionalProperties: false,
  required: ['monthlyDelta', 'currency', 'source', 'generatedAt'],
  properties: {
    monthlyDelta: { type: 'number' },
    currency: currencyCode,
    source: { type: 'string', minLength: 1 },
    generatedAt: nullableString,
    projects: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'monthlyDelta'],
        properties: {
          name: { type: 'string' },
          monthlyDelta: { type: ['number', 'null'] },
        },
      },
    },
  },
} as const;
const plan = {
  type: 'object',
  additionalProperties: false,
  required: ['source', 'create', 'update', 'delete', 'replace', 'resources'],
  properties: {
    source: { type: 'string', minLength: 1 },
    create: count,
    update: count,
    delete: count,
    replace: count,
    resources: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['address', 'type', 'actions', 'action'],
        properties: {
          address: { type: 'string' },
          type: { type: 'string' },
          actions: { type: 'array', items: { type: 'string' } },
          action: { enum: [...PLAN_ACTION_VALUES] },
        },
      },
    },
    omittedResources: { type: 'integer', minimum: 1 },
  },
} as const;

/** @public */
export const specDocumentSchema = {
  $schema: 'http://json-schema.org/draft-07/schema',
  $id: 'https://infra-specs.dev/schemas/spec-document.json',
  title: 'SpecDocument',
  description: 'A spec document normalized by parseSpec (docs/spec-model.md).',
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'title',
    'format',
    'status',
    'statusText',
    'complexity',
    'author',
    'created',
    'updated',
    'issue',
    'impact',
    'cost',
    'acceptance',
    'checklists',
    'openClarifications',
    'requirements',
    'successCriteria',
    'diagnostics',
  ],
  properties: {
    id: nullableString,
    title: { type: 'string' },
    format: { type: 'string', minLength: 1 },
    status: { enum: vocabularyValues(SPEC_STATUSES) },
    statusText: nullableString,
    complexity: { enum: [1, 2, 3, null] },
    author: nullableString,
    created: nullableDate,
    updated: nullableDate,
    issue: nullableString,
    impact: {
      type: 'object',
      additionalProperties: false,
      required: ['blastRadius', 'rollback', 'downtime'],
      properties: {
        blastRadius: {
          type: 'object',
          additionalProperties: false,
          required: ['level', 'text'],
          properties: {
            level: { enum: vocabularyValues(BLAST_RADIUS_LEVELS) },
            text: nullableString,
          },
        },
        rollback: { enum: [...vocabularyValues(ROLLBACK_COMPLEXITIES), null] },
        downtime: { enum: [...vocabularyValues(DOWNTIME_REQUIREMENTS), null] },
      },
    },
    cost: {
      type: 'object',
      additionalProperties: false,
      required: ['monthlyDelta', 'currency', 'items'],
      properties: {
        monthlyDelta: { type: ['number', 'null'] },
        currency: {
          anyOf: [currencyCode, { type: 'null' }],
        },
        estimate: { anyOf: [costEstimate, { type: 'null' }] },
        drift: { enum: [...COST_DRIFT_VALUES, null] },
        items: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['resource', 'monthly', 'notes'],
            properties: {
              resource: { type: 'string' },
              monthly: { type: ['number', 'null'] },
              notes: nullableString,
            },
          },
        },
      },
    },
    acceptance: progress,
    checklists: progress,
    openClarifications: { type: 'array', items: { type: 'string' } },
    requirements: {
      type: 'array',
      items: { type: 'string', pattern: '^(FR-\\d+|INF-[A-Z0-9-]+-\\d{3})$' },
    },
    successCriteria: {
      type: 'array',
      items: { type: 'string', pattern: '^SC-\\d+$' },
    },
    diagnostics: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['severity', 'line', 'code', 'message'],
        properties: {
          severity: { enum: ['error', 'warning', 'info'] },
          line,
          column: line,
          code: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
          message: { type: 'string', minLength: 1 },
        },
      },
    },
    component: nullableString,
    summary: nullableString,
    rollbackPlan: { type: 'boolean' },
    blank: { type: 'boolean' },
    plan: { anyOf: [plan, { type: 'null' }] },
    evidence: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['kind', 'target', 'line'],
        properties: {
          kind: { enum: ['estimate', 'plan'] },
          target: { type: 'string', minLength: 1 },
          line,
        },
      },
    },
    lines: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(
        [
          'id',
          'title',
          'status',
          'author',
          'created',
          'updated',
          'issue',
          'component',
          'blastRadius',
          'rollback',
          'downtime',
          'rollbackPlan',
          'cost',
          'summary',
        ].map(key => [key, line]),
      ),
    },
  },
} as const;
