import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { SpecFormatDefinition } from '@infra-specs/backstage-plugin-infra-specs-common';

/**
 * Adds spec formats to the parser the infra-specs backend indexes with, next to the
 * built-in ones.
 *
 * @public
 */
export interface InfraSpecsFormatsExtensionPoint {
  addFormat(...formats: SpecFormatDefinition[]): void;
}

/**
 * Extension point of the `infra-specs` backend plugin for spec formats.
 *
 * @example
 * ```ts
 * createBackendModule({
 *   pluginId: 'infra-specs',
 *   moduleId: 'adr-format',
 *   register(reg) {
 *     reg.registerInit({
 *       deps: { formats: infraSpecsFormatsExtensionPoint },
 *       async init({ formats }) {
 *         formats.addFormat(adrFormat);
 *       },
 *     });
 *   },
 * });
 * ```
 *
 * @public
 */
export const infraSpecsFormatsExtensionPoint =
  createExtensionPoint<InfraSpecsFormatsExtensionPoint>({
    id: 'infra-specs.formats',
  });
