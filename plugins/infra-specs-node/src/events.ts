/**
 * The events topic the infra-specs backend publishes on when a refresh (scheduled, manual or
 * after a push) has changed specs. The catalog module subscribes to it to publish Spec entities
 * at once instead of on its next scheduled run. Published through Backstage's events service,
 * so with the events backend it reaches the other instances too.
 *
 * @public
 */
export const INFRA_SPECS_CHANGED_TOPIC = 'infra-specs.specs-changed';

/**
 * The payload of {@link INFRA_SPECS_CHANGED_TOPIC}: which components' specs changed. A hint
 * only: subscribers read what changed from the API's change feed (`GET /changes`).
 *
 * @public
 */
export interface InfraSpecsChangedEvent {
  /** Entity refs of the components whose specs were added, changed or removed. */
  componentRefs: string[];
}
