import { InputError } from '@backstage/errors';
import type { Knex } from 'knex';
import type { SpecSortField } from '@infra-specs/backstage-plugin-infra-specs-common';
import { INDEXED_AT_REFS, INDEXED_AT_SQL } from './rows';
import { SPECS } from './tables';
import { decodeToken, encodeToken } from './tokens';

/** The row key and SQL of each sort field (`??` are identifiers, filled from `refs`). */
const SORTS: Record<
  SpecSortField,
  { column: string; sql: string; refs: string[]; nullable: boolean }
> = {
  id: {
    column: 'spec_id',
    sql: '??',
    refs: [`${SPECS}.spec_id`],
    nullable: true,
  },
  title: {
    column: 'title',
    sql: '??',
    refs: [`${SPECS}.title`],
    nullable: false,
  },
  status: {
    column: 'status_rank',
    sql: '??',
    refs: [`${SPECS}.status_rank`],
    nullable: false,
  },
  updated: {
    column: 'updated',
    sql: '??',
    refs: [`${SPECS}.updated`],
    nullable: true,
  },
  monthlyCostDelta: {
    column: 'monthly_cost_delta',
    sql: '??',
    refs: [`${SPECS}.monthly_cost_delta`],
    nullable: true,
  },
  blastRadius: {
    column: 'blast_radius_rank',
    sql: '??',
    refs: [`${SPECS}.blast_radius_rank`],
    nullable: false,
  },
  indexedAt: {
    column: 'indexed_at',
    sql: INDEXED_AT_SQL,
    refs: INDEXED_AT_REFS,
    nullable: false,
  },
};

export type SpecSort = { field: SpecSortField; order: 'asc' | 'desc' };

/** A position in a sorted listing: sort key, the last row's sort value and name. */
type Cursor = { s: string; v: string | number | null; n: string };

const NAME_COLUMN = `${SPECS}.name`;

function sortKeyOf(sort: SpecSort) {
  return `${sort.order === 'desc' ? '-' : ''}${sort.field}`;
}

/**
 * Orders the query by the sort field (nulls last both ways, then name) and, with a cursor,
 * keeps only the rows after it. Fetches one row more than `limit` to know whether there is
 * a next page. A cursor of another sort, or no cursor of ours, is an InputError.
 */
export function applyKeyset(
  query: Knex.QueryBuilder,
  sort: SpecSort,
  limit: number,
  cursorToken?: string,
): void {
  const sortKey = sortKeyOf(sort);
  const { sql, refs, nullable } = SORTS[sort.field];

  if (cursorToken) {
    const cursor = decodeToken(cursorToken) as Cursor | undefined;
    if (
      !cursor ||
      typeof cursor !== 'object' ||
      typeof cursor.n !== 'string' ||
      cursor.s !== sortKey
    ) {
      throw new InputError(
        `Invalid cursor: it does not belong to a listing sorted by '${sortKey}'`,
      );
    }
    const cmp = sort.order === 'desc' ? '<' : '>';
    const { v, n } = cursor;
    // Rows after the cursor in (value is null, value, name) order; nulls sort last.
    query.where(q => {
      if (v === null || v === undefined) {
        q.whereRaw(`${sql} is null`, refs).andWhere(NAME_COLUMN, '>', n);
      } else {
        q.whereRaw(`${sql} ${cmp} ?`, [...refs, v])
          .orWhere(inner =>
            inner
              .whereRaw(`${sql} = ?`, [...refs, v])
              .andWhere(NAME_COLUMN, '>', n),
          )
          .orWhereRaw(`${sql} is null`, refs);
      }
    });
  }

  if (nullable) {
    query.orderByRaw(`(${sql} is null) asc`, refs);
  }
  query
    .orderByRaw(`${sql} ${sort.order === 'desc' ? 'desc' : 'asc'}`, refs)
    .orderBy(NAME_COLUMN, 'asc')
    .limit(limit + 1);
}

/**
 * The page of `rows` (fetched by {@link applyKeyset}) and the cursor of the next page,
 * undefined on the last one.
 */
export function keysetPage<T extends { name: string }>(
  rows: T[],
  sort: SpecSort,
  limit: number,
): { page: T[]; nextCursor?: string } {
  const page = rows.slice(0, limit);
  if (rows.length <= limit) {
    return { page };
  }
  const last = page[page.length - 1] as unknown as Record<string, unknown>;
  const value = last[SORTS[sort.field].column] as string | number | null;
  return {
    page,
    nextCursor: encodeToken({
      s: sortKeyOf(sort),
      v: value === null || value === undefined ? null : value,
      n: String(last.name),
    } satisfies Cursor),
  };
}
