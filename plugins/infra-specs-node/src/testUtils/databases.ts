import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

const POSTGRES = 'POSTGRES_15';
const POSTGRES_ENV = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

/**
 * SQLite and PostgreSQL 15 for `describe.each`. `TestDatabases.eachSupportedId()` silently
 * drops PostgreSQL when it is not configured; here that fails the test file in CI and is a
 * printed skip elsewhere. (With CI set and no connection string, TestDatabases would try
 * Docker; that failing fails the tests too.)
 */
/** @public */
export function createTestDatabases() {
  const databases = TestDatabases.create({ ids: [POSTGRES, 'SQLITE_3'] });
  const ids: TestDatabaseId[] = databases.eachSupportedId().map(([id]) => id);
  if (!ids.includes(POSTGRES)) {
    const reason = `PostgreSQL tests need ${POSTGRES_ENV} (e.g. postgresql://postgres@127.0.0.1:5432)`;
    if (process.env.CI) {
      // Fails the whole test file: CI must not skip the PostgreSQL runs.
      throw new Error(`${reason}; CI must not skip them`);
    } else {
      // eslint-disable-next-line no-console
      console.warn(`Skipping PostgreSQL: ${reason}`);
    }
  }
  return { databases, ids: ids.map(id => [id] as [TestDatabaseId]) };
}
