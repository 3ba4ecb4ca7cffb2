import { InputError } from '@backstage/errors';
import type { Knex } from 'knex';
import type { SpecSortField } from '@infra-specs/backstage-plugin-infra-specs-common';
import { z } from 'zod';
import { INDEXED_AT_REFS, INDEXED_AT_SQL } from './rows';
import { SPECS } from './tables';
import { decodeToken, encodeToken } from './tokens';

/** The row key and SQL of each sort field (`??` are identifiers, filled from `refs`). */
const SORTS: Record<
  SpecSortField,
  {
    column: string;
    sql: string;
    refs: string[];
    nullable: boolean;
    /** What the column holds: a cursor value of another type would reach the SQL. */
    value: 'string' | 'number';
  }
> = {
  id: {
    column: 'spec_id',
    sql: '??',
    refs: [`${SPECS}.spec_id`],
    nullable: true,
    value: 'string',
  },
  title: {
    column: 'title',
    sql: '??',
    refs: [`${SPECS}.title`],
    nullable: false,
    value: 'string',
  },
  status: {
    column: 'status_rank',
    sql: '??',
    refs: [`${SPECS}.status_rank`],
    nullable: false,
    value: 'number',
  },
  updated: {
    column: 'updated',
    sql: '??',
    refs: [`${SPECS}.updated`],
    nullable: true,
    value: 'string',
  },
  monthlyCostDelta: {
    column: 'monthly_cost_delta',
    sql: '??',
    refs: [`${SPECS}.monthly_cost_delta`],
    nullable: true,
    value: 'number',
  },
  blastRadius: {
    column: 'blast_radius_rank',
    sql: '??',
    refs: [`${SPECS}.blast_radius_rank`],
    nullable: false,
    value: 'number',
  },
  indexedAt: {
    column: 'indexed_at',
    sql: INDEXED_AT_SQL,
    refs: INDEXED_AT_REFS,
    nullable: false,
    value: 'string',
  },
};

export type SpecSort = { field: SpecSortField; order: 'asc' | 'desc' };

/** A position in a sorted listing: sort key, the last row's sort value and name. */
type Cursor = { s: string; v: string | number | null; n: string };

/**
 * A client-supplied cursor is checked field by field before any of it reaches SQL: a value of
 * the wrong type (an array, an object, a number for a text column) is a 400, not a driver error.
 */
function cursorSchema(sortKey: string, value: 'string' | 'number') {
  return z
    .object({
      s: z.literal(sortKey, {
        message: `it does not belong to a listing sorted by '${sortKey}'`,
      }),
      v: (value === 'number'
        ? z.number().finite()
        : z.string().max(1024)
      ).nullable(),
      n: z.string().min(1).max(255),
    })
    .strict();
}

function decodeCursor(
  token: string,
  sortKey: string,
  value: 'string' | 'number',
): Cursor {
  const result = cursorSchema(sortKey, value).safeParse(decodeToken(token));
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.length
      ? `cursor.${issue.path.join('.')}`
      : 'cursor';
    throw new InputError(
      issue.path.length === 0 && issue.code === 'invalid_type'
        ? `Invalid cursor: it is not a cursor of this listing; start again without 'cursor'`
        : `Invalid cursor: ${field}: ${issue.message}`,
    );
  }
  return result.data;
}

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
  const { sql, refs, nullable, value } = SORTS[sort.field];

  if (cursorToken) {
    const cursor = decodeCursor(cursorToken, sortKey, value);
    const cmp = sort.order === 'desc' ? '<' : '>';
    const { v, n } = cursor;
    // Rows after the cursor in (value is null, value, name) order; nulls sort last.
    query.where(q => {
      if (v === null) {
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
