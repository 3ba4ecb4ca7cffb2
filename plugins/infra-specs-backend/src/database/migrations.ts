import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

/** Runs the migrations shipped in the package's `migrations/` folder. */
export async function applyDatabaseMigrations(knex: Knex): Promise<void> {
  const directory = resolvePackagePath(
    '@infra-specs/backstage-plugin-infra-specs-backend',
    'migrations',
  );
  await knex.migrate.latest({
    directory,
    // Own table name: the plugin may share a database with others (tests, schema mode).
    tableName: 'infra_specs__knex_migrations',
  });
}
