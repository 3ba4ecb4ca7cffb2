/*
 * Specs in review: the open pull requests of the repositories that hold spec locations, the
 * merged specs each one changes, and the specs that exist only on its branch (proposed).
 * All of it is derived from the forge and replaced whole on every pull_request event.
 */

// @ts-check

const TIMESTAMP = 30;

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('infra_specs_pull_requests', table => {
    table.comment('Open pull requests that change or propose specs');
    table
      .string('repository', 255)
      .notNullable()
      .comment('host/owner/name, lower case');
    table.integer('pull_number').notNullable();
    table.text('url').notNullable();
    table.text('title').notNullable();
    table
      .string('head_sha', 64)
      .notNullable()
      .comment('the head commit the specs were read at');
    table.string('indexed_at', TIMESTAMP).notNullable();
    table.primary(['repository', 'pull_number']);
  });

  await knex.schema.createTable('infra_specs_pull_changes', table => {
    table.comment(
      'Merged specs that an open pull request changes (by path or by spec id)',
    );
    table.string('repository', 255).notNullable();
    table.integer('pull_number').notNullable();
    table.string('spec_name', 255).notNullable();
    table.primary(['repository', 'pull_number', 'spec_name']);
    table.index(['spec_name'], 'infra_specs_pull_changes_spec_idx');
  });

  // The columns of infra_specs_specs that the API lists, so both list through one query.
  await knex.schema.createTable('infra_specs_proposed_specs', table => {
    table.comment(
      'Specs that exist only on the branch of an open pull request',
    );
    table
      .string('name', 255)
      .primary()
      .notNullable()
      .comment('<spec name>--pr-<number>');
    table.string('repository', 255).notNullable();
    table.integer('pull_number').notNullable();
    table.string('component_ref', 255).notNullable();
    table.string('path', 1024).notNullable();
    table.string('spec_id', 255).nullable();
    table.text('title').notNullable();
    table.text('search_text').notNullable();
    table.string('format', 255).notNullable();
    table.string('status', 32).notNullable();
    table.integer('status_rank').notNullable();
    table.string('owner_ref', 255).notNullable();
    table.string('blast_radius', 32).notNullable();
    table.integer('blast_radius_rank').notNullable();
    table.string('rollback', 32).nullable();
    table.string('downtime', 32).nullable();
    table.double('monthly_cost_delta').nullable();
    table.string('currency', 8).nullable();
    table.integer('acceptance_total').notNullable();
    table.integer('acceptance_done').notNullable();
    table.string('updated', 10).nullable();
    table.integer('error_count').notNullable();
    table.integer('warning_count').notNullable();
    table.text('document').notNullable();
    table.text('set_diagnostics').notNullable();
    table.text('markdown').notNullable();
    table.text('location_target').notNullable();
    table.text('view_url').nullable();
    table.string('content_hash', 64).notNullable();
    table.string('indexed_at', TIMESTAMP).notNullable();
    table.string('content_changed_at', TIMESTAMP).notNullable();
    table.string('status_changed_at', TIMESTAMP).notNullable();
    table
      .string('removed_at', TIMESTAMP)
      .nullable()
      .comment('always null: a proposal goes with its pull request');
    table.index(['repository', 'pull_number'], 'infra_specs_proposed_pull_idx');
    table.index(['component_ref'], 'infra_specs_proposed_component_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('infra_specs_proposed_specs');
  await knex.schema.dropTable('infra_specs_pull_changes');
  await knex.schema.dropTable('infra_specs_pull_requests');
};
