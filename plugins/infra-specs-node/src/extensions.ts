import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { SpecFormatDefinition } from '@infra-specs/backstage-plugin-infra-specs-common';

/**
 * Adds spec formats to the parser the infra-specs backend indexes with, next to the
 * built-in ones.
 *
 * @public
 */
export interface InfraSpecsFormatsExtensionPoint {
  /**
   * Adds formats as objects. Their functions cannot be sent to worker threads, so with any
   * format added this way the backend parses on its main thread; prefer `addFormatModule`.
   */
  addFormat(...formats: SpecFormatDefinition[]): void;
  /**
   * Adds formats by module path (`require.resolve('./myFormat')`): a module whose default,
   * `format` or `formats` export holds the definitions. The backend's parser worker threads
   * load it themselves, so parsing stays off the main thread.
   */
  addFormatModule(...modulePaths: string[]): void;
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
 *         formats.addFormatModule(require.resolve('./adrFormat'));
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
