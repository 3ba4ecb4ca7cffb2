/**
 * Test utilities for infra-specs backend plugins and modules: real databases (SQLite and
 * PostgreSQL, never silently skipped in CI), an auth service acting on behalf of callers, polling.
 *
 * @packageDocumentation
 */
export { createTestDatabases } from './databases';
export { onBehalfOfAuthFactory } from './onBehalfOfAuth';
export { waitFor } from './waitFor';
