/***/
/**
 * The infra-specs-collator module for @backstage/plugin-search-backend
 *
 * @packageDocumentation
 */

export { searchModuleInfraSpecs as default } from './module';
