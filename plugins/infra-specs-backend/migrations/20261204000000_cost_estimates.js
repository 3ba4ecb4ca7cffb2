/*
 * The Infracost estimate of a spec as columns, so GET /specs filters by cost drift and
 * GET /summary sums estimates in SQL. Rows written before this migration carry the estimate in
 * their document only; they are filled here from it.
 */

// @ts-check

const TABLES = ['infra_specs_specs', 'infra_specs_proposed_specs'];
const BATCH = 500;

/**
 * The columns of a stored document (mirrors documentColumns in src/database/rows.ts).
 * @param {string} json
 */
function estimateColumns(json) {
  let cost;
  try {
    cost = JSON.parse(json).cost;
  } catch {
    return null;
  }
  const estimate = cost && cost.estimate;
  if (!estimate || typeof estimate.monthlyDelta !== 'number') return null;
  return {
    monthly_cost_estimate: estimate.monthlyDelta,
    estimate_currency:
      typeof estimate.currency === 'string'
        ? estimate.currency.slice(0, 8)
        : null,
    cost_drift: typeof cost.drift === 'string' ? cost.drift : null,
  };
}

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  for (const name of TABLES) {
    await knex.schema.alterTable(name, table => {
      table
        .double('monthly_cost_estimate')
        .nullable()
        .comment("the Infracost estimate's monthly delta, null without one");
      table.string('estimate_currency', 8).nullable();
      table
        .string('cost_drift', 8)
        .nullable()
        .comment(
          'over, under or ok; null when claim and estimate cannot be compared',
        );
    });
    await knex.schema.alterTable(name, table => {
      table.index(['cost_drift'], `${name}_cost_drift_idx`);
    });
    // Only documents that mention an estimate need a look; keyset by name, in batches.
    let after = '';
    for (;;) {
      const rows = await knex(name)
        .where('name', '>', after)
        .andWhere('document', 'like', '%"estimate":{%')
        .orderBy('name')
        .limit(BATCH)
        .select('name', 'document');
      if (rows.length === 0) break;
      for (const row of rows) {
        const columns = estimateColumns(row.document);
        if (columns) await knex(name).where('name', row.name).update(columns);
      }
      after = rows[rows.length - 1].name;
    }
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  for (const name of TABLES) {
    await knex.schema.alterTable(name, table => {
      table.dropIndex(['cost_drift'], `${name}_cost_drift_idx`);
      table.dropColumn('monthly_cost_estimate');
      table.dropColumn('estimate_currency');
      table.dropColumn('cost_drift');
    });
  }
};
