/**
 * Infra specs for Backstage: the Specs tab and card of components, the Spec entity page and
 * the portfolio page. This entry point is for apps on the legacy frontend system; apps on the
 * new frontend system use the default export of `./alpha`.
 *
 * @packageDocumentation
 */
export {
  infraSpecsPlugin,
  InfraSpecsPage,
  EntitySpecsContent,
  EntitySpecsCard,
  EntitySpecAboutCard,
  EntitySpecDocumentContent,
} from './plugin';
export { infraSpecsApiRef, type InfraSpecsApi } from './api/InfraSpecsApi';
export { isInfraSpecsAvailable, isSpecEntity } from './lib/availability';
export { SpecIdPickerFieldExtension } from './scaffolder/legacy';
// Spec filters and columns for the catalog list, and specs in search (legacy components).
export * from './catalog';
export * from './search';
