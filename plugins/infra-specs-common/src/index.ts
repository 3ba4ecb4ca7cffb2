/**
 * The infra-specs model, parser and vocabularies, shared by the browser, the backend and the CLI.
 *
 * @packageDocumentation
 */
export * from './model/types';
export * from './api/types';
export * from './entity/constants';
export * from './permissions';
