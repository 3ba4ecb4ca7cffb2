import {
  BLAST_RADIUS_LEVELS,
  DOWNTIME_REQUIREMENTS,
  ROLLBACK_COMPLEXITIES,
} from './levels';
import { SPEC_FORMATS } from './formats';
import { SPEC_COST_DRIFTS } from './costDrift';
import {
  blastRadiusColor,
  costDriftLabel,
  downtimeLabel,
  formatLabel,
  rollbackLabel,
  statusColor,
  statusLabel,
  vocabularyEntry,
} from './labels';
import Ajv from 'ajv';
import { entityKindSchemaValidator } from '@backstage/catalog-model';
import { fixture } from '../__testUtils__/fixtures';
import { parseSpec } from '../parser/parseSpec';
import { specDocumentSchema } from '../schema/specDocumentSchema';
import { specEntitySchema } from '../schema/specEntitySchema';
import { isOpenStatus, SPEC_STATUSES, statusPhase } from './statuses';
import { vocabularyValues } from './values';

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map(i => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

describe('vocabularies', () => {
  it('cover every value of the model, once', () => {
    expect(SPEC_STATUSES.map(s => s.value)).toEqual([
      'draft',
      'in-review',
      'approved',
      'implemented',
      'superseded',
      'rejected',
      'unknown',
    ]);
    expect(BLAST_RADIUS_LEVELS.map(s => s.value)).toEqual([
      'low',
      'medium',
      'high',
      'critical',
      'unknown',
    ]);
    expect(ROLLBACK_COMPLEXITIES.map(s => s.value)).toEqual([
      'easy',
      'moderate',
      'complex',
      'irreversible',
    ]);
    expect(DOWNTIME_REQUIREMENTS.map(s => s.value)).toEqual([
      'none',
      'maintenance-window',
      'full-outage',
    ]);
    expect(SPEC_FORMATS.map(s => s.value)).toEqual([
      'infrastructure-change',
      'infrastructure-feature',
      'smaqit-infrastructure',
      'unknown',
    ]);
  });

  it('orders statuses by progress and levels by severity, unknown first', () => {
    const sorted = [...SPEC_STATUSES]
      .sort((a, b) => a.order - b.order)
      .map(s => s.value);
    expect(sorted.slice(0, 5)).toEqual([
      'unknown',
      'draft',
      'in-review',
      'approved',
      'implemented',
    ]);
    const levels = [...BLAST_RADIUS_LEVELS]
      .sort((a, b) => a.order - b.order)
      .map(s => s.value);
    expect(levels).toEqual(['unknown', 'low', 'medium', 'high', 'critical']);
  });

  it('has colours readable on light and dark themes (contrast >= 3:1 on white and #121212)', () => {
    for (const entry of [
      ...SPEC_STATUSES,
      ...BLAST_RADIUS_LEVELS,
      ...SPEC_COST_DRIFTS,
    ]) {
      expect(entry.color).toMatch(/^#[0-9a-f]{6}$/);
      expect({
        value: entry.value,
        light: contrast(entry.color, '#ffffff') >= 3,
      }).toEqual({ value: entry.value, light: true });
      expect({
        value: entry.value,
        dark: contrast(entry.color, '#121212') >= 3,
      }).toEqual({ value: entry.value, dark: true });
    }
    expect(new Set(SPEC_STATUSES.map(s => s.color)).size).toBe(
      SPEC_STATUSES.length,
    );
  });

  it('gives labels and colours, with fallbacks', () => {
    expect(statusLabel('in-review')).toBe('In review');
    expect(statusLabel(null)).toBe('Unknown');
    expect(statusLabel('custom')).toBe('custom');
    expect(rollbackLabel('irreversible')).toBe('Irreversible');
    expect(rollbackLabel(null)).toBe('Not stated');
    expect(downtimeLabel('maintenance-window')).toBe('Maintenance window');
    expect(formatLabel('smaqit-infrastructure')).toBe('smaqit infrastructure');
    expect(formatLabel('adr')).toBe('adr');
    expect(statusColor('nonsense')).toBe(
      vocabularyEntry(SPEC_STATUSES, 'unknown')!.color,
    );
    expect(blastRadiusColor('critical')).toBe('#d32f2f');
    expect(costDriftLabel('over')).toBe('Over claim');
    expect(costDriftLabel(undefined)).toBe('Not checked');
    expect(SPEC_COST_DRIFTS.map(d => d.value).sort()).toEqual([
      'ok',
      'over',
      'under',
    ]);
  });

  it('gives every status its phase; unknown is open, so an unreadable status still needs someone', () => {
    expect(
      Object.fromEntries(SPEC_STATUSES.map(s => [s.value, s.phase])),
    ).toEqual({
      draft: 'open',
      'in-review': 'open',
      approved: 'open',
      implemented: 'done',
      superseded: 'closed',
      rejected: 'closed',
      unknown: 'open',
    });
    expect(statusPhase('finished')).toBe('open');
    expect(statusPhase(null)).toBe('open');
    expect(isOpenStatus('approved')).toBe(true);
    expect(isOpenStatus('implemented')).toBe(false);
    expect(isOpenStatus('rejected')).toBe(false);
  });

  it('lists values for enums, in vocabulary order', () => {
    expect(vocabularyValues(DOWNTIME_REQUIREMENTS)).toEqual([
      'none',
      'maintenance-window',
      'full-outage',
    ]);
    expect(() => vocabularyValues([])).toThrow();
  });
});

describe('the JSON Schemas', () => {
  const validateDocument = new Ajv({ allErrors: true }).compile(
    specDocumentSchema,
  );
  const validateEntity = entityKindSchemaValidator(specEntitySchema);
  const document = parseSpec(fixture('infrastructure-change.md'));
  const entity = (spec: Record<string, unknown>) => ({
    apiVersion: 'infra-specs.dev/v1alpha1',
    kind: 'Spec',
    metadata: { name: 'spec-0042' },
    spec: {
      type: 'infrastructure-change',
      status: 'draft',
      owner: 'group:default/platform',
      component: 'component:default/eks',
      blastRadius: 'low',
      acceptance: { total: 0, done: 0 },
      ...spec,
    },
  });
  const accepts = (spec: Record<string, unknown>) => {
    try {
      return validateEntity(entity(spec)) !== false;
    } catch {
      return false;
    }
  };

  it('take exactly the values of the vocabularies', () => {
    for (const { value } of SPEC_STATUSES) {
      expect(validateDocument({ ...document, status: value })).toBe(true);
      expect(accepts({ status: value })).toBe(true);
    }
    expect(validateDocument({ ...document, status: 'finished' })).toBe(false);
    expect(accepts({ status: 'finished' })).toBe(false);

    const impact = (change: Record<string, unknown>) => ({
      ...document,
      impact: { ...document.impact, ...change },
    });
    for (const { value } of BLAST_RADIUS_LEVELS) {
      expect(
        validateDocument(impact({ blastRadius: { level: value, text: null } })),
      ).toBe(true);
      expect(accepts({ blastRadius: value })).toBe(true);
    }
    for (const { value } of [...ROLLBACK_COMPLEXITIES, { value: null }]) {
      expect(validateDocument(impact({ rollback: value }))).toBe(true);
    }
    for (const { value } of [...DOWNTIME_REQUIREMENTS, { value: null }]) {
      expect(validateDocument(impact({ downtime: value }))).toBe(true);
    }
    for (const { value } of ROLLBACK_COMPLEXITIES)
      expect(accepts({ rollback: value })).toBe(true);
    for (const { value } of DOWNTIME_REQUIREMENTS)
      expect(accepts({ downtime: value })).toBe(true);
    expect(validateDocument(impact({ rollback: 'hard' }))).toBe(false);
    expect(validateDocument(impact({ downtime: 'some' }))).toBe(false);
    expect(accepts({ blastRadius: 'huge' })).toBe(false);
    expect(accepts({ rollback: 'hard' })).toBe(false);
  });
});
