/**
 * Test utilities for infra-specs backend plugins and modules: real databases (SQLite and
 * PostgreSQL, never silently skipped in CI), a fake SCM behind the UrlReader, polling.
 *
 * @packageDocumentation
 */
export { createTestDatabases } from './databases';
export { FakeScm, type FakeScmFolder } from './FakeScm';
export { onBehalfOfAuthFactory } from './onBehalfOfAuth';
export { waitFor } from './waitFor';
