import {
  BLAST_RADIUS_LEVELS,
  DOWNTIME_REQUIREMENTS,
  ROLLBACK_COMPLEXITIES,
} from './levels';
import { SPEC_FORMATS } from './formats';
import {
  blastRadiusColor,
  downtimeLabel,
  formatLabel,
  rollbackLabel,
  statusColor,
  statusLabel,
  vocabularyEntry,
} from './labels';
import { SPEC_STATUSES } from './statuses';

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
    for (const entry of [...SPEC_STATUSES, ...BLAST_RADIUS_LEVELS]) {
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
  });
});
