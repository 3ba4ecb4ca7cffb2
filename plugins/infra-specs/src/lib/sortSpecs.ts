import {
  BLAST_RADIUS_LEVELS,
  DOWNTIME_REQUIREMENTS,
  ROLLBACK_COMPLEXITIES,
  SPEC_STATUSES,
  formatLabel,
  type SpecRecord,
} from '@infra-specs/backstage-plugin-infra-specs-common';

export type SpecColumn =
  | 'id'
  | 'title'
  | 'status'
  | 'format'
  | 'blastRadius'
  | 'rollback'
  | 'downtime'
  | 'monthlyCostDelta'
  | 'acceptance'
  | 'updated';

export interface SpecSort {
  column: SpecColumn;
  direction: 'asc' | 'desc';
}

const rank = (
  vocabulary: ReadonlyArray<{ value: string; order: number }>,
  value: string | null,
) => vocabulary.find(e => e.value === value)?.order ?? -1;

/** Natural order for ids (`SPEC-9` before `SPEC-10`). */
const collator = new Intl.Collator('en', {
  numeric: true,
  sensitivity: 'base',
});

/** Sort key of a column; null sorts last in both directions. */
function key(spec: SpecRecord, column: SpecColumn): string | number | null {
  const d = spec.document;
  switch (column) {
    case 'id':
      return d.id;
    case 'title':
      return d.title;
    case 'status':
      return rank(SPEC_STATUSES, d.status);
    case 'format':
      return formatLabel(d.format);
    case 'blastRadius':
      return rank(BLAST_RADIUS_LEVELS, d.impact.blastRadius.level);
    case 'rollback':
      return d.impact.rollback
        ? rank(ROLLBACK_COMPLEXITIES, d.impact.rollback)
        : null;
    case 'downtime':
      return d.impact.downtime
        ? rank(DOWNTIME_REQUIREMENTS, d.impact.downtime)
        : null;
    case 'monthlyCostDelta':
      return d.cost.monthlyDelta;
    case 'acceptance':
      return d.acceptance.total > 0
        ? d.acceptance.done / d.acceptance.total
        : null;
    case 'updated':
      return d.updated ?? spec.contentChangedAt.slice(0, 10);
    default:
      return null;
  }
}

/** A sorted copy; ties keep a stable order by id. */
export function sortSpecs(
  specs: readonly SpecRecord[],
  sort: SpecSort,
): SpecRecord[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...specs].sort((a, b) => {
    const ka = key(a, sort.column);
    const kb = key(b, sort.column);
    if (ka === null || kb === null) {
      if (ka !== kb) return ka === null ? 1 : -1;
    } else {
      const c =
        typeof ka === 'number' && typeof kb === 'number'
          ? ka - kb
          : collator.compare(String(ka), String(kb));
      if (c !== 0) return sign * c;
    }
    return collator.compare(a.document.id ?? a.name, b.document.id ?? b.name);
  });
}

/** Specs whose id, title or blast radius text contain every word of `text`. */
export function searchSpecs(
  specs: readonly SpecRecord[],
  text: string,
): SpecRecord[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...specs];
  return specs.filter(spec => {
    const haystack = [
      spec.document.id,
      spec.document.title,
      spec.document.author,
      spec.document.impact.blastRadius.text,
      spec.path,
    ]
      .filter(Boolean)
      .join(' ')
      .toLowerCase();
    return words.every(w => haystack.includes(w));
  });
}
