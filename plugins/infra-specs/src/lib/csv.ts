import {
  blastRadiusLabel,
  costDriftLabel,
  downtimeLabel,
  formatLabel,
  rollbackLabel,
  statusLabel,
  type SpecRecord,
} from '@infra-specs/backstage-plugin-infra-specs-common';

type Cell = string | number | null | undefined;

/**
 * One CSV field (RFC 4180): quoted when it holds a quote, comma, line break or edge spaces, with
 * quotes doubled. Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at
 * the start) gets a leading `'`; numbers are written as numbers.
 */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    return Number.isFinite(value) ? String(value) : '';
  }
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) {
    text = `'${text}`;
  }
  if (/[",\r\n]/.test(text) || text !== text.trim()) {
    return `"${text.replace(/"/g, '""')}"`;
  }
  return text;
}

/** Rows to CSV text, CRLF line ends as RFC 4180 asks. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<Cell>>): string {
  return `${rows.map(row => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

export const SPEC_CSV_HEADER = [
  'ID',
  'Title',
  'Status',
  'Format',
  'Component',
  'Owner',
  'Blast radius',
  'Rollback',
  'Downtime',
  'Monthly cost delta',
  'Currency',
  'Estimated monthly cost delta',
  'Estimate currency',
  'Cost drift',
  'Acceptance done',
  'Acceptance total',
  'Open clarifications',
  'Errors',
  'Updated',
  'Source',
] as const;

/** The specs of a portfolio view as CSV, one row per spec, labels as the UI shows them. */
export function specsToCsv(specs: readonly SpecRecord[]): string {
  const rows = specs.map(spec => {
    const d = spec.document;
    return [
      d.id,
      d.title,
      statusLabel(d.status),
      formatLabel(d.format),
      spec.componentRef,
      spec.ownerRef,
      blastRadiusLabel(d.impact.blastRadius.level),
      d.impact.rollback ? rollbackLabel(d.impact.rollback) : null,
      d.impact.downtime ? downtimeLabel(d.impact.downtime) : null,
      d.cost.monthlyDelta,
      d.cost.currency,
      // empty for a spec without an estimate, like an unclaimed cost
      d.cost.estimate?.monthlyDelta,
      d.cost.estimate?.currency,
      d.cost.drift ? costDriftLabel(d.cost.drift) : null,
      d.acceptance.done,
      d.acceptance.total,
      d.openClarifications.length,
      d.diagnostics.filter(x => x.severity === 'error').length,
      d.updated,
      spec.viewUrl,
    ];
  });
  return toCsv([SPEC_CSV_HEADER, ...rows]);
}
