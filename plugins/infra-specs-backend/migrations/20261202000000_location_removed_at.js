/*
 * Soft removal of spec locations: a component that left the catalog (or lost its annotation)
 * keeps its specs, marked removed, until `removed.retention` has passed; if it comes back within
 * that time they are restored with their history.
 */

// @ts-check

const TIMESTAMP = 30;

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('infra_specs_locations', table => {
    table
      .string('removed_at', TIMESTAMP)
      .nullable()
      .comment('when the component left the catalog or lost its annotation');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('infra_specs_locations', table => {
    table.dropColumn('removed_at');
  });
};
