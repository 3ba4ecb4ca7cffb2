import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { InfraSpecsApiClient } from '@infra-specs/backstage-plugin-infra-specs-common';
import { infraSpecsApiRef } from './api/InfraSpecsApi';
import { entitySpecsRouteRef, rootRouteRef } from './routes';

/**
 * The infra-specs plugin for apps on the legacy frontend system.
 *
 * @public
 */
export const infraSpecsPlugin = createPlugin({
  id: 'infra-specs',
  apis: [
    createApiFactory({
      api: infraSpecsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new InfraSpecsApiClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef },
});

/**
 * The portfolio page: `<Route path="/infra-specs" element={<InfraSpecsPage />} />`.
 *
 * @public
 */
export const InfraSpecsPage: () => JSX.Element = infraSpecsPlugin.provide(
  createRoutableExtension({
    name: 'InfraSpecsPage',
    component: () =>
      import('./components/InfraSpecsPage').then(m => m.InfraSpecsPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The Specs tab of a component:
 * `<EntityLayout.Route path="/specs" title="Specs" if={isInfraSpecsAvailable}>`.
 *
 * @public
 */
export const EntitySpecsContent: () => JSX.Element = infraSpecsPlugin.provide(
  createRoutableExtension({
    name: 'EntitySpecsContent',
    component: () =>
      import('./components/EntitySpecsContent').then(m => m.EntitySpecsContent),
    mountPoint: entitySpecsRouteRef,
  }),
);

/**
 * The specs summary card of a component's overview.
 *
 * @public
 */
export const EntitySpecsCard: () => JSX.Element = infraSpecsPlugin.provide(
  createComponentExtension({
    name: 'EntitySpecsCard',
    component: {
      lazy: () =>
        import('./components/EntitySpecsCard').then(m => m.EntitySpecsCard),
    },
  }),
);

/**
 * The about card of a Spec entity.
 *
 * @public
 */
export const EntitySpecAboutCard: () => JSX.Element = infraSpecsPlugin.provide(
  createComponentExtension({
    name: 'EntitySpecAboutCard',
    component: {
      lazy: () =>
        import('./components/EntitySpecPage').then(m => m.EntitySpecAboutCard),
    },
  }),
);

/**
 * The rendered document of a Spec entity, with its findings and status history.
 *
 * @public
 */
export const EntitySpecDocumentContent: () => JSX.Element = infraSpecsPlugin.provide(
  createComponentExtension({
    name: 'EntitySpecDocumentContent',
    component: {
      lazy: () =>
        import('./components/EntitySpecPage').then(
          m => m.EntitySpecDocumentContent,
        ),
    },
  }),
);
