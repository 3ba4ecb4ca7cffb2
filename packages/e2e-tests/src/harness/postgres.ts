/*
 * Where the PostgreSQL tests find their server. scripts/dev test exports
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING after checking the server answers;
 * under CI a missing server is an error, never a silent skip.
 */
export function postgresConnectionString(): string | undefined {
  const value =
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (value) return value;
  if (process.env.CI) {
    throw new Error(
      'PostgreSQL tests need BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (scripts/dev test sets it); none is configured',
    );
  }
  // eslint-disable-next-line no-console
  console.warn(
    'Skipping PostgreSQL tests: BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not set',
  );
  return undefined;
}
