import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import type { Entity } from '@backstage/catalog-model';
import { ReactRouterV6PageRouter } from '@backstage/frontend-adapter-react-router-v6';
import { Content } from '@backstage/core-components';
import DescriptionIcon from '@material-ui/icons/Description';
import { InfraSpecsApiClient } from '@infra-specs/backstage-plugin-infra-specs-common';
import { infraSpecsApiRef } from './api/InfraSpecsApi';
import { isInfraSpecsAvailable } from './lib/availability';
import { rootRouteRef } from './routes';
import { specIdPickerFormFieldExtension } from './scaffolder/alpha';

/** Components with a spec location or specs that name them. */
const hasSpecs = (entity: Entity) =>
  entity.kind.toLocaleLowerCase('en-US') === 'component' &&
  isInfraSpecsAvailable(entity);

/** `api:infra-specs` */
const infraSpecsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: infraSpecsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new InfraSpecsApiClient({ discoveryApi, fetchApi }),
    }),
});

// The routed views (the portfolio's filters in its URL, the Specs tab's spec sub-routes) use
// React Router v6; its adapter scopes them to their page's mount instead of the implicit match
// the new frontend system keeps only for compatibility.

/** `page:infra-specs`: the portfolio, in the nav through its title and icon. */
const infraSpecsPage = PageBlueprint.make({
  params: {
    path: '/infra-specs',
    title: 'Infra specs',
    icon: <DescriptionIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/InfraSpecsPage').then(m => (
        <ReactRouterV6PageRouter>
          <Content>
            <m.InfraSpecsPortfolio />
          </Content>
        </ReactRouterV6PageRouter>
      )),
  },
});

/** `entity-content:infra-specs/specs`: the Specs tab at `/catalog/<ns>/component/<name>/specs`. */
const entitySpecsContent = EntityContentBlueprint.make({
  name: 'specs',
  params: {
    path: '/specs',
    title: 'Specs',
    filter: hasSpecs,
    loader: () =>
      import('./components/EntitySpecsContent').then(m => (
        <ReactRouterV6PageRouter>
          <m.EntitySpecsContent />
        </ReactRouterV6PageRouter>
      )),
  },
});

/** `entity-card:infra-specs/specs`: the summary card on a component's overview. */
const entitySpecsCard = EntityCardBlueprint.make({
  name: 'specs',
  params: {
    type: 'content',
    filter: hasSpecs,
    loader: () =>
      import('./components/EntitySpecsCard').then(m => <m.EntitySpecsCard />),
  },
});

/** `entity-card:infra-specs/spec-about`: the contract's fields on a Spec entity's overview. */
const entitySpecAboutCard = EntityCardBlueprint.make({
  name: 'spec-about',
  params: {
    type: 'info',
    filter: { kind: 'spec' },
    loader: () =>
      import('./components/EntitySpecPage').then(m => (
        <m.EntitySpecAboutCard />
      )),
  },
});

/** `entity-card:infra-specs/spec-document`: the rendered document on a Spec entity's overview. */
const entitySpecDocumentCard = EntityCardBlueprint.make({
  name: 'spec-document',
  params: {
    type: 'content',
    filter: { kind: 'spec' },
    loader: () =>
      import('./components/EntitySpecPage').then(m => (
        <m.EntitySpecDocumentContent />
      )),
  },
});

/**
 * The infra-specs plugin for the new frontend system (discovered by `app.packages: all`).
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'infra-specs',
  title: 'Infra specs',
  icon: <DescriptionIcon />,
  routes: { root: rootRouteRef },
  extensions: [
    infraSpecsApi,
    infraSpecsPage,
    entitySpecsContent,
    entitySpecsCard,
    entitySpecAboutCard,
    entitySpecDocumentCard,
    specIdPickerFormFieldExtension,
  ],
});

// Spec filters and columns of the catalog page, and specs on the search page: frontend
// modules of the catalog and search plugins, installed by the app.
export {
  infraSpecsCatalogModule,
  specCatalogFilters,
  specAwareTypeCatalogFilter,
  specCatalogPage,
} from './catalog/alpha';
export {
  infraSpecsSearchModule,
  infraSpecsSearchExtensions,
  infraSpecSearchResultListItem,
  infraSpecSearchResultType,
  infraSpecStatusSearchFilter,
} from './search/alpha';
