import type { Knex } from 'knex';
import {
  BLAST_RADIUS_LEVELS,
  SPEC_COST_DRIFTS,
  SPEC_STATUSES,
  type BlastRadiusLevel,
  type SpecCostDrift,
  type SpecEstimateSummary,
  type SpecStatus,
  type SpecSummary,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { applyAccess } from './accessToSql';
import type { SpecAccessFilter } from './SpecStore';
import { SPECS } from './tables';

/** Every status and blast radius level, in the vocabularies' order (for summaries). */
const STATUS_ORDER: SpecStatus[] = SPEC_STATUSES.map(s => s.value);
const BLAST_RADIUS_ORDER: BlastRadiusLevel[] = BLAST_RADIUS_LEVELS.map(
  b => b.value,
);

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
  const sum = knex.raw('sum(??) as ??', ['monthly_cost_delta', 'monthly']);

  const byStatusRows = await base()
    .select('status')
    .count({ count: '*' })
    .select(sum)
    .groupBy('status');
  const byBlastRows = await base()
    .select('blast_radius')
    .count({ count: '*' })
    .groupBy('blast_radius');
  const byComponentRows = await base()
    .whereNotNull('monthly_cost_delta')
    .select('component_ref')
    .select(sum)
    .groupBy('component_ref')
    .orderBy('component_ref');
  const byOwnerRows = await base()
    .whereNotNull('monthly_cost_delta')
    .select('owner_ref')
    .select(sum)
    .groupBy('owner_ref')
    .orderBy('owner_ref');
  const currencyRows = await base()
    .whereNotNull('currency')
    .whereNotNull('monthly_cost_delta')
    .distinct('currency')
    .limit(2);
  const byCostDriftRows = await base()
    .whereNotNull('cost_drift')
    .select('cost_drift')
    .count({ count: '*' })
    .groupBy('cost_drift');

  const byStatus = Object.fromEntries(STATUS_ORDER.map(s => [s, 0])) as Record<
    SpecStatus,
    number
  >;
  const monthlyCostDeltaByStatus = { ...byStatus };
  let total = 0;
  for (const row of byStatusRows as Array<Record<string, unknown>>) {
    const status = row.status as SpecStatus;
    byStatus[status] = Number(row.count);
    monthlyCostDeltaByStatus[status] = Number(row.monthly ?? 0);
    total += Number(row.count);
  }
  const byBlastRadius = Object.fromEntries(
    BLAST_RADIUS_ORDER.map(b => [b, 0]),
  ) as Record<BlastRadiusLevel, number>;
  for (const row of byBlastRows as Array<Record<string, unknown>>) {
    byBlastRadius[row.blast_radius as BlastRadiusLevel] = Number(row.count);
  }
  const byCostDrift = Object.fromEntries(
    SPEC_COST_DRIFTS.map(d => [d.value, 0]),
  ) as Record<SpecCostDrift, number>;
  for (const row of byCostDriftRows as Array<Record<string, unknown>>) {
    const drift = row.cost_drift as SpecCostDrift;
    if (drift in byCostDrift) byCostDrift[drift] = Number(row.count);
  }
  return {
    total,
    byStatus,
    byBlastRadius,
    monthlyCostDeltaByStatus,
    monthlyCostDeltaByComponent: (
      byComponentRows as Array<Record<string, unknown>>
    ).map(r => ({
      componentRef: String(r.component_ref),
      monthlyCostDelta: Number(r.monthly ?? 0),
    })),
    monthlyCostDeltaByOwner: (
      byOwnerRows as Array<Record<string, unknown>>
    ).map(r => ({
      ownerRef: String(r.owner_ref),
      monthlyCostDelta: Number(r.monthly ?? 0),
    })),
    currency:
      currencyRows.length === 1 ? String(currencyRows[0].currency) : null,
    estimated: await getEstimateSummary(knex, base),
    byCostDrift,
  };
}

/** Sums of the Infracost estimates, grouped like the claims (specs with an estimate only). */
async function getEstimateSummary(
  knex: Knex,
  base: () => Knex.QueryBuilder,
): Promise<SpecEstimateSummary> {
  const estimated = () => base().whereNotNull('monthly_cost_estimate');
  const sum = knex.raw('sum(??) as ??', ['monthly_cost_estimate', 'monthly']);
  const byStatusRows = await estimated()
    .select('status')
    .count({ count: '*' })
    .select(sum)
    .groupBy('status');
  const byOwnerRows = await estimated()
    .select('owner_ref')
    .select(sum)
    .groupBy('owner_ref')
    .orderBy('owner_ref');
  const currencyRows = await estimated()
    .whereNotNull('estimate_currency')
    .distinct('estimate_currency')
    .limit(2);
  const byStatus = Object.fromEntries(STATUS_ORDER.map(s => [s, 0])) as Record<
    SpecStatus,
    number
  >;
  const monthlyCostDeltaByStatus = { ...byStatus };
  let count = 0;
  for (const row of byStatusRows as Array<Record<string, unknown>>) {
    const status = row.status as SpecStatus;
    byStatus[status] = Number(row.count);
    monthlyCostDeltaByStatus[status] = Number(row.monthly ?? 0);
    count += Number(row.count);
  }
  return {
    count,
    byStatus,
    monthlyCostDeltaByStatus,
    monthlyCostDeltaByOwner: (
      byOwnerRows as Array<Record<string, unknown>>
    ).map(r => ({
      ownerRef: String(r.owner_ref),
      monthlyCostDelta: Number(r.monthly ?? 0),
    })),
    currency:
      currencyRows.length === 1
        ? String(currencyRows[0].estimate_currency)
        : null,
  };
}
