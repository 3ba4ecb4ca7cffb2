/**
 * Tech Insights module of infra-specs: per-component facts about infrastructure specs.
 *
 * @packageDocumentation
 */
export { techInsightsModuleInfraSpecs as default } from './module';
