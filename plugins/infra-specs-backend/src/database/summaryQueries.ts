import type { Knex } from 'knex';
import {
  BLAST_RADIUS_LEVELS,
  SPEC_COST_DRIFTS,
  SPEC_STATUSES,
  type SpecStatus,
  type SpecSummary,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { applyAccess } from './accessToSql';
import type { SpecAccessFilter } from './SpecStore';
import { SPECS } from './tables';

type Row = Record<string, unknown>;

/** Counts of `column` per value, zero-filled for every value of a vocabulary, in its order. */
async function countsBy<T extends string>(
  query: Knex.QueryBuilder,
  column: string,
  vocabulary: ReadonlyArray<{ value: T }>,
): Promise<Record<T, number>> {
  const counts = Object.fromEntries(
    vocabulary.map(entry => [entry.value, 0]),
  ) as Record<T, number>;
  for (const row of (await query
    .select(column)
    .count({ count: '*' })
    .groupBy(column)) as Row[]) {
    const value = row[column] as T;
    if (value in counts) counts[value] = Number(row.count);
  }
  return counts;
}

/**
 * Counts by status and sums of one money column (the claim, or the Infracost estimate) of the
 * specs of `scoped`: by status, component and owner, and the currency when all agree on one.
 */
async function costSums(
  knex: Knex,
  scoped: () => Knex.QueryBuilder,
  column: string,
  currencyColumn: string,
) {
  const sum = knex.raw('sum(??) as ??', [column, 'monthly']);
  const priced = () => scoped().whereNotNull(column);
  const sumsBy = async (group: string) =>
    (await priced()
      .select(group)
      .select(sum)
      .groupBy(group)
      .orderBy(group)) as Row[];

  const byStatus = Object.fromEntries(
    SPEC_STATUSES.map(s => [s.value, 0]),
  ) as Record<SpecStatus, number>;
  const monthlyByStatus = { ...byStatus };
  let count = 0;
  for (const row of (await scoped()
    .select('status')
    .count({ count: '*' })
    .select(sum)
    .groupBy('status')) as Row[]) {
    const status = row.status as SpecStatus;
    byStatus[status] = Number(row.count);
    monthlyByStatus[status] = Number(row.monthly ?? 0);
    count += Number(row.count);
  }
  const currencies = await priced()
    .whereNotNull(currencyColumn)
    .distinct(currencyColumn)
    .limit(2);
  return {
    count,
    byStatus,
    monthlyByStatus,
    byComponent: (await sumsBy('component_ref')).map(r => ({
      componentRef: String(r.component_ref),
      monthlyCostDelta: Number(r.monthly ?? 0),
    })),
    byOwner: (await sumsBy('owner_ref')).map(r => ({
      ownerRef: String(r.owner_ref),
      monthlyCostDelta: Number(r.monthly ?? 0),
    })),
    currency:
      currencies.length === 1 ? String(currencies[0][currencyColumn]) : null,
  };
}

/** Counts and cost sums of current specs, zero-filled for every status and level. */
export async function getSummary(
  knex: Knex,
  options: { componentRef?: string; access?: SpecAccessFilter },
): Promise<SpecSummary> {
  const base = () => {
    const query = knex(SPECS).whereNull(`${SPECS}.removed_at`);
    if (options.componentRef) {
      query.where(`${SPECS}.component_ref`, options.componentRef);
    }
    applyAccess(query, options.access);
    return query;
  };
  const claimed = await costSums(knex, base, 'monthly_cost_delta', 'currency');
  // The estimated side counts the specs that have an estimate only.
  const estimated = await costSums(
    knex,
    () => base().whereNotNull('monthly_cost_estimate'),
    'monthly_cost_estimate',
    'estimate_currency',
  );
  return {
    total: claimed.count,
    byStatus: claimed.byStatus,
    byBlastRadius: await countsBy(base(), 'blast_radius', BLAST_RADIUS_LEVELS),
    monthlyCostDeltaByStatus: claimed.monthlyByStatus,
    monthlyCostDeltaByComponent: claimed.byComponent,
    monthlyCostDeltaByOwner: claimed.byOwner,
    currency: claimed.currency,
    estimated: {
      count: estimated.count,
      byStatus: estimated.byStatus,
      monthlyCostDeltaByStatus: estimated.monthlyByStatus,
      monthlyCostDeltaByComponent: estimated.byComponent,
      monthlyCostDeltaByOwner: estimated.byOwner,
      currency: estimated.currency,
    },
    byCostDrift: await countsBy(
      base().whereNotNull('cost_drift'),
      'cost_drift',
      SPEC_COST_DRIFTS,
    ),
  };
}
