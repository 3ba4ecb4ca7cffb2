/**
 * Scaffolder actions for infra-specs: write a new spec in one of the three formats
 * (`infra-specs:create`), lint specs (`infra-specs:validate`) and publish a spec into a
 * component's local spec folder (`infra-specs:publish-local`).
 *
 * @packageDocumentation
 */
export { scaffolderModuleInfraSpecs as default } from './module';
export { createInfraSpecsCreateAction } from './actions/create';
export { createInfraSpecsValidateAction } from './actions/validate';
export { createInfraSpecsPublishLocalAction } from './actions/publishLocal';
export type { SpecsApi } from './lib/specsBackend';
