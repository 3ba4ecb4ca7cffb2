import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';

import { rootRouteRef } from './routes';

export const page = PageBlueprint.make({
  params: {
    path: '/infra-specs',
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/TodoPage').then(m => (
        <m.TodoPage />
      )),
  },
});

export const infraSpecsPlugin = createFrontendPlugin({
  pluginId: 'infra-specs',
  extensions: [page],
  routes: {
    root: rootRouteRef,
  }
});
