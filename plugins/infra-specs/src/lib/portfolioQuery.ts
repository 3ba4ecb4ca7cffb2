import {
  BLAST_RADIUS_LEVELS,
  SPEC_SORT_FIELDS,
  SPEC_STATUSES,
  type BlastRadiusLevel,
  type SpecQuery,
  type SpecStatus,
} from '@infra-specs/backstage-plugin-infra-specs-common';

/** The filters of the portfolio page: what the URL query string holds. */
export interface PortfolioFilters {
  status: SpecStatus[];
  format: string[];
  owner: string[];
  blastRadius: BlastRadiusLevel[];
  q: string;
  sort: SpecQuery['sort'];
}

export const DEFAULT_SORT = '-updated' as const;

const known = <T extends string>(
  values: string[],
  vocabulary: ReadonlyArray<{ value: T }>,
): T[] =>
  unique(values).filter((v): v is T => vocabulary.some(e => e.value === v));

function unique(values: string[]): string[] {
  return [
    ...new Set(
      values
        .flatMap(v => v.split(','))
        .map(v => v.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * Filters from a URL query string. Values outside the vocabularies are dropped (a hand-edited or
 * old link still opens), comma lists and repeated parameters both work.
 */
export function filtersFromSearchParams(
  params: URLSearchParams,
): PortfolioFilters {
  const sort = params.get('sort') ?? '';
  const sortField = sort.replace(/^-/, '');
  return {
    status: known(params.getAll('status'), SPEC_STATUSES),
    format: unique(params.getAll('format')),
    owner: unique(params.getAll('owner')),
    blastRadius: known(params.getAll('blastRadius'), BLAST_RADIUS_LEVELS),
    q: (params.get('q') ?? '').trim(),
    sort: (SPEC_SORT_FIELDS as readonly string[]).includes(sortField)
      ? (sort as SpecQuery['sort'])
      : DEFAULT_SORT,
  };
}

/** The URL query string of a set of filters; defaults are left out so links stay short. */
export function filtersToSearchParams(
  filters: PortfolioFilters,
): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['status', 'format', 'owner', 'blastRadius'] as const) {
    for (const value of filters[key]) params.append(key, value);
  }
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.sort && filters.sort !== DEFAULT_SORT) {
    params.set('sort', filters.sort);
  }
  return params;
}

/** The API query of a set of filters. */
export function filtersToQuery(filters: PortfolioFilters): SpecQuery {
  const query: SpecQuery = { sort: filters.sort ?? DEFAULT_SORT };
  if (filters.status.length) query.status = filters.status;
  if (filters.format.length) query.format = filters.format;
  if (filters.owner.length) query.owner = filters.owner;
  if (filters.blastRadius.length) query.blastRadius = filters.blastRadius;
  if (filters.q) query.q = filters.q;
  return query;
}
