/**
 * Catalog backend module of infra-specs: the `Spec` entity kind and a provider that
 * publishes one Spec entity per indexed spec.
 *
 * @packageDocumentation
 */
export { catalogModuleInfraSpecs as default } from './module';
export { SpecEntityProcessor } from './processor/SpecEntityProcessor';
export {
  InfraSpecsEntityProvider,
  type SpecIndexReader,
  type SyncResult,
} from './provider/InfraSpecsEntityProvider';
export type { InfraSpecsProviderConfig } from './provider/readProviderConfig';
