import { TestDatabases } from '@backstage/backend-test-utils';

const POSTGRES = 'POSTGRES_15';
const POSTGRES_ENV = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

/**
 * PostgreSQL 15 for the tests that need it. `eachSupportedId()` silently drops PostgreSQL when
 * it is not configured: here that fails in CI and prints the reason of the skip elsewhere.
 */
export function createPostgresDatabases(): {
  databases: TestDatabases;
  available: boolean;
} {
  const databases = TestDatabases.create({ ids: [POSTGRES] });
  const available = databases.eachSupportedId().some(([id]) => id === POSTGRES);
  if (!available) {
    const reason = `PostgreSQL tests need ${POSTGRES_ENV} (e.g. postgresql://postgres@127.0.0.1:5432)`;
    if (process.env.CI) {
      throw new Error(`${reason}; CI must not skip them`);
    }
    // eslint-disable-next-line no-console
    console.warn(`Skipping PostgreSQL: ${reason}`);
  }
  return { databases, available };
}
