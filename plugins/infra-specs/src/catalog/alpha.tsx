/*
 * The Spec catalog view for the new frontend system: the Spec filters as catalog-filter
 * extensions and the catalog page with the Spec columns, in a frontend module of the catalog
 * plugin. Install the module (it is not discovered: it overrides the catalog page).
 */
import { Fragment } from 'react';
import {
  coreExtensionData,
  createExtensionDataRef,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import catalogPlugin, {
  CatalogIndexPage,
  type CatalogExportSettings,
} from '@backstage/plugin-catalog/alpha';
import { CatalogFilterBlueprint } from '@backstage/plugin-catalog-react/alpha';

/** `catalog-filter:catalog/spec-status` and the other Spec filters. @alpha */
export const specCatalogFilters = [
  CatalogFilterBlueprint.make({
    name: 'spec-status',
    params: {
      loader: async () => {
        const { SpecStatusPicker } = await import('./pickers');
        return <SpecStatusPicker />;
      },
    },
  }),
  CatalogFilterBlueprint.make({
    name: 'spec-format',
    params: {
      loader: async () => {
        const { SpecFormatPicker } = await import('./pickers');
        return <SpecFormatPicker />;
      },
    },
  }),
  CatalogFilterBlueprint.make({
    name: 'spec-blast-radius',
    params: {
      loader: async () => {
        const { SpecBlastRadiusPicker } = await import('./pickers');
        return <SpecBlastRadiusPicker />;
      },
    },
  }),
  CatalogFilterBlueprint.make({
    name: 'spec-rollback',
    params: {
      loader: async () => {
        const { SpecRollbackPicker } = await import('./pickers');
        return <SpecRollbackPicker />;
      },
    },
  }),
  CatalogFilterBlueprint.make({
    name: 'spec-cost-drift',
    params: {
      loader: async () => {
        const { SpecCostDriftPicker } = await import('./pickers');
        return <SpecCostDriftPicker />;
      },
    },
  }),
];

/**
 * Replaces the built-in `catalog-filter:catalog/type`: the same type picker, hidden while the
 * kind is Spec (the format filter covers `spec.type` there).
 *
 * @alpha
 */
export const specAwareTypeCatalogFilter = CatalogFilterBlueprint.make({
  name: 'type',
  params: {
    loader: async () => {
      const { SpecAwareEntityTypePicker } = await import(
        './SpecAwareEntityTypePicker'
      );
      return <SpecAwareEntityTypePicker />;
    },
  },
});

/** What a `CatalogExportConfigBlueprint` extension gives the page (data refs match by id). */
const catalogExportConfigDataRef = createExtensionDataRef<
  Pick<CatalogExportSettings, 'exporters' | 'columns' | 'onSuccess' | 'onError'>
>().with({ id: 'catalog.export-customization' });

/**
 * The page's export settings with other plugins' export customizations merged in, as the
 * built-in page merges them: exporters add up, the first columns and callbacks win.
 */
export function mergeCatalogExportSettings(
  settings: CatalogExportSettings | undefined,
  customizations: Array<
    | Pick<
        CatalogExportSettings,
        'exporters' | 'columns' | 'onSuccess' | 'onError'
      >
    | undefined
  >,
): CatalogExportSettings | undefined {
  const merged: CatalogExportSettings = { ...settings };
  for (const custom of customizations) {
    if (!custom) continue;
    if (custom.exporters) {
      merged.exporters = { ...merged.exporters, ...custom.exporters };
    }
    merged.columns ??= custom.columns;
    merged.onSuccess ??= custom.onSuccess;
    merged.onError ??= custom.onError;
  }
  return merged.enabled ? merged : undefined;
}

/**
 * `page:catalog` with the Spec columns (`specCatalogColumns`). The catalog has blueprints for
 * filters and export customizations but none for columns, so this overrides the page; it keeps
 * everything attached to the page's `filters` and `exportConfig` inputs and its `path`,
 * `pagination` and `exportSettings` config.
 *
 * @alpha
 */
export const specCatalogPage = catalogPlugin
  .getExtension('page:catalog')
  .override({
    factory(originalFactory, { inputs, config }) {
      return originalFactory({
        params: {
          loader: async () => {
            const { specCatalogColumns } = await import('./columns');
            const filters = inputs.filters.map(filter => (
              <Fragment key={filter.node.spec.id}>
                {filter.get(coreExtensionData.reactElement)}
              </Fragment>
            ));
            return (
              <CatalogIndexPage
                filters={<>{filters}</>}
                columns={specCatalogColumns}
                pagination={config.pagination}
                exportSettings={mergeCatalogExportSettings(
                  config.exportSettings,
                  inputs.exportConfig.map(input =>
                    input.get(catalogExportConfigDataRef),
                  ),
                )}
              />
            );
          },
        },
      });
    },
  });

/**
 * The Spec catalog view in the new frontend system: Status, Format, Blast radius, Rollback and
 * Cost drift filters shown while the kind is Spec, the type picker stepping aside for them, and the
 * catalog page with the Spec columns. `createApp({ features: [infraSpecsCatalogModule] })`.
 *
 * @alpha
 */
export const infraSpecsCatalogModule = createFrontendModule({
  pluginId: 'catalog',
  extensions: [
    ...specCatalogFilters,
    specAwareTypeCatalogFilter,
    specCatalogPage,
  ],
});
