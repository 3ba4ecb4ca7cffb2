/**
 * Search collator module of infra-specs: indexes every spec as an `infra-spec` search document.
 *
 * @packageDocumentation
 */
export { searchModuleInfraSpecsCollator as default } from './module';
export {
  InfraSpecsCollatorFactory,
  type InfraSpecsCollatorFactoryOptions,
} from './collator/InfraSpecsCollatorFactory';
