import type {
  BlastRadiusLevel,
  DowntimeRequirement,
  RollbackComplexity,
  SpecStatus,
} from '../model/types';
import {
  BLAST_RADIUS_LEVELS,
  DOWNTIME_REQUIREMENTS,
  ROLLBACK_COMPLEXITIES,
} from '../vocabulary/levels';
import { SPEC_STATUSES } from '../vocabulary/statuses';

/** The spec formats that have a template in templates/specs/. @public */
export const SPEC_TEMPLATE_FORMATS = [
  'infrastructure-feature',
  'infrastructure-change',
  'smaqit-infrastructure',
] as const;

/** @public */
export type SpecTemplateFormat = (typeof SPEC_TEMPLATE_FORMATS)[number];

/** One row of the Cost Impact table. @public */
export interface SpecTemplateCostItem {
  resource: string;
  /** Monthly amount in the spec's currency; null or absent keeps the `$X` placeholder. */
  monthly?: number | null;
  notes?: string | null;
}

/**
 * What a new spec is filled with. Every field is optional: a field that is absent (or null, or '')
 * keeps the template's placeholder, so the parser still reports it as unfilled. Text fields are
 * written as one line each. See templates/specs/README.md.
 * @public
 */
export interface SpecTemplateValues {
  /** `SPEC-0042`, `FEAT-012`, `INF-GPU-NODEPOOL`: letters, digits, `.` and `-`. */
  id?: string | null;
  title?: string | null;
  status?: SpecStatus | null;
  author?: string | null;
  /** ISO date, YYYY-MM-DD. */
  created?: string | null;
  /** ISO date, YYYY-MM-DD. */
  updated?: string | null;
  /** Link (http/https) of the tracking issue, or a plain reference such as `#12` or `OPS-7`. */
  issue?: string | null;
  /** The component the spec changes, e.g. `payments-api` or `component:default/payments-api`. */
  component?: string | null;
  /** The owning team when it is not the component's owner, e.g. `group:default/platform`. */
  owner?: string | null;
  complexity?: 1 | 2 | 3 | null;
  blastRadius?: BlastRadiusLevel | null;
  /** What could break, written after the level (`High — every pod is rescheduled`). */
  blastRadiusText?: string | null;
  rollback?: RollbackComplexity | null;
  downtime?: DowntimeRequirement | null;
  /** Monthly cost delta (negative = savings); defaults to the sum of the cost items when all have amounts. */
  monthlyCost?: number | null;
  /** ISO 4217 code; USD when amounts are given without one. */
  currency?: string | null;
  costItems?: SpecTemplateCostItem[] | null;
  /** One or two sentences: the change format's Summary, the smaqit format's Scope, Included. */
  summary?: string | null;
  /** The Problem Statement (change and feature formats). */
  problem?: string | null;
  /** smaqit front matter `prompt_version`. */
  promptVersion?: string | null;
}

/** The keys of {@link SpecTemplateValues}, e.g. for validating command line input. @public */
export const SPEC_TEMPLATE_VALUE_KEYS: ReadonlyArray<keyof SpecTemplateValues> =
  [
    'id',
    'title',
    'status',
    'author',
    'created',
    'updated',
    'issue',
    'component',
    'owner',
    'complexity',
    'blastRadius',
    'blastRadiusText',
    'rollback',
    'downtime',
    'monthlyCost',
    'currency',
    'costItems',
    'summary',
    'problem',
    'promptVersion',
  ];

/** A value that cannot be written into a spec. @public */
export interface SpecTemplateValueProblem {
  key: string;
  message: string;
}

const ID = /^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,62}[A-Za-z0-9])?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CURRENCY = /^[A-Z]{3}$/;
const MAX_AMOUNT = 1e12;
const MAX_TEXT = 2000;

function isValidDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === value;
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function isAmount(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    Math.abs(value) < MAX_AMOUNT
  );
}

const TEXT_KEYS = [
  'title',
  'author',
  'issue',
  'component',
  'owner',
  'blastRadiusText',
  'summary',
  'problem',
  'promptVersion',
] as const;

/**
 * Every problem with a set of values, each naming its key; empty when the values can be rendered.
 * `format` adds the checks a format needs (smaqit ids start with `INF-`, or the file is not recognised).
 * @public
 */
export function validateSpecTemplateValues(
  values: SpecTemplateValues,
  format?: SpecTemplateFormat,
): SpecTemplateValueProblem[] {
  const problems: SpecTemplateValueProblem[] = [];
  const add = (key: string, message: string) => problems.push({ key, message });
  const record = values as Record<string, unknown>;
  const known = new Set<string>(SPEC_TEMPLATE_VALUE_KEYS);
  for (const key of Object.keys(record)) {
    if (!known.has(key) && record[key] !== undefined) {
      add(
        key,
        `unknown key; valid keys are ${SPEC_TEMPLATE_VALUE_KEYS.join(', ')}`,
      );
    }
  }
  for (const key of TEXT_KEYS) {
    const value = record[key];
    if (isAbsent(value)) continue;
    if (typeof value !== 'string') add(key, 'must be a string');
    else if (value.length > MAX_TEXT)
      add(key, `is longer than ${MAX_TEXT} characters`);
  }
  if (!isAbsent(values.id)) {
    if (typeof values.id !== 'string' || !ID.test(values.id)) {
      add(
        'id',
        `'${String(
          values.id,
        )}' is not an id: use letters, digits, '.' and '-' (e.g. SPEC-0042, FEAT-012, INF-GPU-NODEPOOL)`,
      );
    } else if (
      format === 'smaqit-infrastructure' &&
      !/^INF-/i.test(values.id)
    ) {
      add(
        'id',
        `'${values.id}' must start with 'INF-' in the smaqit-infrastructure format`,
      );
    }
  }
  for (const key of ['created', 'updated'] as const) {
    const value = values[key];
    if (
      !isAbsent(value) &&
      (typeof value !== 'string' || !isValidDate(value))
    ) {
      add(key, `'${String(value)}' is not an ISO date (YYYY-MM-DD)`);
    }
  }
  if (
    !isAbsent(values.issue) &&
    typeof values.issue === 'string' &&
    /^[a-z][a-z0-9+.-]*:/i.test(values.issue) &&
    !/^https?:\/\/[^\s/]+/i.test(values.issue)
  ) {
    add(
      'issue',
      `'${values.issue}' must be an http(s) link or a plain reference such as #12`,
    );
  }
  const vocabularies: Array<
    [keyof SpecTemplateValues, ReadonlyArray<{ value: string }>]
  > = [
    ['status', SPEC_STATUSES],
    ['blastRadius', BLAST_RADIUS_LEVELS],
    ['rollback', ROLLBACK_COMPLEXITIES],
    ['downtime', DOWNTIME_REQUIREMENTS],
  ];
  for (const [key, vocabulary] of vocabularies) {
    const value = record[key];
    if (!isAbsent(value) && !vocabulary.some(entry => entry.value === value)) {
      add(
        key,
        `'${String(value)}' is not one of ${vocabulary
          .map(e => e.value)
          .join(', ')}`,
      );
    }
  }
  if (
    !isAbsent(values.complexity) &&
    ![1, 2, 3].includes(values.complexity as number)
  ) {
    add('complexity', `'${String(values.complexity)}' is not 1, 2 or 3`);
  }
  if (!isAbsent(values.monthlyCost) && !isAmount(values.monthlyCost)) {
    add('monthlyCost', `'${String(values.monthlyCost)}' is not an amount`);
  }
  if (
    !isAbsent(values.currency) &&
    (typeof values.currency !== 'string' || !CURRENCY.test(values.currency))
  ) {
    add(
      'currency',
      `'${String(values.currency)}' is not an ISO 4217 code such as USD or EUR`,
    );
  }
  if (!isAbsent(values.costItems)) {
    if (!Array.isArray(values.costItems)) {
      add('costItems', 'must be a list of { resource, monthly, notes }');
    } else {
      values.costItems.forEach((item, i) => {
        const key = `costItems[${i}]`;
        if (typeof item !== 'object' || item === null) {
          add(key, 'must be an object { resource, monthly, notes }');
          return;
        }
        if (typeof item.resource !== 'string' || item.resource.trim() === '') {
          add(`${key}.resource`, 'must be a non-empty string');
        }
        if (!isAbsent(item.monthly) && !isAmount(item.monthly)) {
          add(`${key}.monthly`, `'${String(item.monthly)}' is not an amount`);
        }
        if (!isAbsent(item.notes) && typeof item.notes !== 'string') {
          add(`${key}.notes`, 'must be a string');
        }
      });
    }
  }
  return problems;
}
