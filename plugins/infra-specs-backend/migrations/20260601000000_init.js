/*
 * The infra-specs index. Timestamps are ISO-8601 UTC strings of fixed width
 * (`2026-06-01T12:00:00.000Z`): they sort and compare the same way on SQLite and
 * PostgreSQL, and come back from both drivers as the same string.
 */

// @ts-check

const TIMESTAMP = 30;

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  // One row per spec document, current or removed (removed_at set).
  await knex.schema.createTable('infra_specs_specs', table => {
    table.comment('The current index: one row per spec document');
    table.string('name', 255).primary().notNullable();
    table.string('component_ref', 255).notNullable();
    table.string('path', 1024).notNullable();
    table.string('spec_id', 255).nullable();
    table.text('title').notNullable();
    table.text('search_text').notNullable().comment('lower-cased id and title');
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
    table.string('updated', 10).nullable().comment('the document date, YYYY-MM-DD');
    table.integer('error_count').notNullable();
    table.integer('warning_count').notNullable();
    table.text('document').notNullable().comment('SpecDocument JSON, parser output');
    table
      .text('set_diagnostics')
      .notNullable()
      .comment('JSON diagnostics from linting the whole location');
    table.text('markdown').notNullable();
    table.text('location_target').notNullable();
    table.text('view_url').nullable();
    table.string('content_hash', 64).notNullable();
    table.string('indexed_at', TIMESTAMP).notNullable();
    table.string('content_changed_at', TIMESTAMP).notNullable();
    table.string('status_changed_at', TIMESTAMP).notNullable();
    table.string('removed_at', TIMESTAMP).nullable();

    table.unique(['component_ref', 'path'], {
      indexName: 'infra_specs_specs_component_path_uniq',
    });
    table.index(['status'], 'infra_specs_specs_status_idx');
    table.index(['format'], 'infra_specs_specs_format_idx');
    table.index(['owner_ref'], 'infra_specs_specs_owner_idx');
    table.index(['blast_radius'], 'infra_specs_specs_blast_radius_idx');
    table.index(['updated'], 'infra_specs_specs_updated_idx');
    table.index(['removed_at'], 'infra_specs_specs_removed_idx');
    table.index(['spec_id'], 'infra_specs_specs_spec_id_idx');
  });

  await knex.schema.createTable('infra_specs_status_history', table => {
    table.comment('Status transitions of each spec; the first has from_status null');
    table.bigIncrements('id').primary();
    table
      .string('spec_name', 255)
      .notNullable()
      .references('name')
      .inTable('infra_specs_specs')
      .onDelete('CASCADE');
    table.string('from_status', 32).nullable();
    table.string('to_status', 32).notNullable();
    table.string('observed_at', TIMESTAMP).notNullable();
    table.index(['spec_name', 'id'], 'infra_specs_history_spec_idx');
    table.index(['observed_at'], 'infra_specs_history_observed_idx');
  });

  // One row per annotated component: its folder and how reading it went.
  await knex.schema.createTable('infra_specs_locations', table => {
    table.comment('Refresh state of each spec location (annotated component)');
    table.string('component_ref', 255).primary().notNullable();
    table.text('target').notNullable();
    table.string('owner_ref', 255).notNullable();
    table.text('etag').nullable();
    table
      .string('parser_fingerprint', 64)
      .nullable()
      .comment('parser version that produced the stored documents');
    table.string('indexed_at', TIMESTAMP).nullable();
    table.text('last_error').nullable();
    table.string('last_error_at', TIMESTAMP).nullable();
    table.integer('consecutive_failures').notNullable().defaultTo(0);
    table.string('next_attempt_at', TIMESTAMP).nullable();
    table
      .text('other_files')
      .notNullable()
      .comment('JSON {path: content hash} of markdown files that are not specs');
    table.text('warnings').notNullable().comment('JSON string[]');
  });

  // Append-only log for GET /changes; its id is the change token.
  await knex.schema.createTable('infra_specs_changes', table => {
    table.comment('Change log of the index, read by GET /changes');
    table.bigIncrements('id').primary();
    table.string('spec_name', 255).notNullable();
    table.string('changed_at', TIMESTAMP).notNullable();
    table.index(['changed_at'], 'infra_specs_changes_changed_idx');
  });

  // Highest number seen and allocated per id prefix (SPEC-0042 -> SPEC, 42).
  await knex.schema.createTable('infra_specs_id_counters', table => {
    table.comment('Id allocation for GET /next-id: never goes down');
    table.string('prefix', 32).primary().notNullable();
    table.bigInteger('highest').notNullable();
  });

  await knex.schema.createTable('infra_specs_meta', table => {
    table.comment('Small key/value facts about this index (epoch, pruning marks)');
    table.string('key', 64).primary().notNullable();
    table.text('value').notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('infra_specs_meta');
  await knex.schema.dropTable('infra_specs_id_counters');
  await knex.schema.dropTable('infra_specs_changes');
  await knex.schema.dropTable('infra_specs_locations');
  await knex.schema.dropTable('infra_specs_status_history');
  await knex.schema.dropTable('infra_specs_specs');
};
