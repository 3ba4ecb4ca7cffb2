/***/
/**
 * The infra-specs-provider module for @backstage/plugin-catalog-backend
 *
 * @packageDocumentation
 */

export { catalogModuleInfraSpecs as default } from './module';
