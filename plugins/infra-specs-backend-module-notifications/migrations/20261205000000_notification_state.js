/*
 * What the notifications module last told owners about each spec, so that a refresh that changed
 * nothing notifies nobody and each change is notified once, also with several backend instances
 * (a notification is sent by the instance whose conditional update wins).
 */

// @ts-check

const TIMESTAMP = 30;

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('infra_specs_notification_state', table => {
    table.comment('The status and errors of each spec as last notified');
    table.string('spec_name', 255).primary().notNullable();
    table.string('component_ref', 255).notNullable();
    table.string('status', 32).notNullable();
    table
      .text('error_codes')
      .notNullable()
      .comment('JSON array of the error diagnostic codes already notified');
    table
      .string('stale_notified_at', TIMESTAMP)
      .nullable()
      .comment('the last stale review reminder of the current review');
    table.index(
      ['component_ref'],
      'infra_specs_notification_state_component_idx',
    );
  });
  await knex.schema.createTable(
    'infra_specs_notification_components',
    table => {
      table.comment(
        'Components whose specs were seen once: their first sighting notifies nobody',
      );
      table.string('component_ref', 255).primary().notNullable();
    },
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('infra_specs_notification_components');
  await knex.schema.dropTable('infra_specs_notification_state');
};
