/**
 * Extension points and a service-to-service client of the infra-specs backend, for
 * backend modules (spec formats, catalog provider, search collator, scaffolder actions).
 *
 * @packageDocumentation
 */
export {
  infraSpecsFormatsExtensionPoint,
  type InfraSpecsFormatsExtensionPoint,
} from './extensions';
export {
  InfraSpecsClient,
  type InfraSpecsRequestOptions,
} from './InfraSpecsClient';
export {
  INFRA_SPECS_CHANGED_TOPIC,
  type InfraSpecsChangedEvent,
} from './events';
export { readStaleReviewMs } from './reviewConfig';
