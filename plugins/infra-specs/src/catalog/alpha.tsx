/*
 * The Spec catalog view for the new frontend system: the Spec filters as catalog-filter
 * extensions and the catalog page with the Spec columns, in a frontend module of the catalog
 * plugin. Install the module (it is not discovered: it overrides the catalog page).
 */
import { Fragment } from 'react';
import {
  coreExtensionData,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import catalogPlugin, {
  CatalogIndexPage,
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

/**
 * `page:catalog` with the Spec columns (`specCatalogColumns`). It keeps everything attached to
 * the page's `filters` input and its `path`, `pagination` and `exportSettings` config; custom
 * exporters from `CatalogExportConfigBlueprint` extensions are not passed on.
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
                exportSettings={
                  config.exportSettings?.enabled
                    ? config.exportSettings
                    : undefined
                }
              />
            );
          },
        },
      });
    },
  });

/**
 * The Spec catalog view in the new frontend system: Status, Format, Blast radius and Rollback
 * filters shown while the kind is Spec, the type picker stepping aside for them, and the
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
