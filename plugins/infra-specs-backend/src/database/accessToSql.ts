import type { Knex } from 'knex';
import type { SpecAccessFilter } from './SpecStore';
import { SPECS } from './tables';

/**
 * Adds what a caller may read (permission conditions, already transformed) to a query on
 * the specs table, so that pages and counts only ever hold readable specs.
 */
export function applyAccess(
  query: Knex.QueryBuilder,
  access?: SpecAccessFilter,
): void {
  if (!access) {
    return;
  }
  const apply = (q: Knex.QueryBuilder, criteria: SpecAccessFilter) => {
    if ('allOf' in criteria) {
      q.where(inner => {
        for (const c of criteria.allOf) inner.andWhere(x => apply(x, c));
      });
    } else if ('anyOf' in criteria) {
      q.where(inner => {
        for (const c of criteria.anyOf) inner.orWhere(x => apply(x, c));
      });
    } else if ('not' in criteria) {
      q.whereNot(inner => apply(inner, criteria.not));
    } else {
      const column =
        criteria.field === 'ownerRef' ? 'owner_ref' : 'component_ref';
      if (criteria.values.length === 0) {
        q.whereRaw('1 = 0');
      } else {
        q.whereIn(`${SPECS}.${column}`, criteria.values);
      }
    }
  };
  apply(query, access);
}
