import type { ReactElement } from 'react';
import type { Entity } from '@backstage/catalog-model';
import { ReactRouterV6PageRouter } from '@backstage/frontend-adapter-react-router-v6';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { SWRConfig } from 'swr';
import { infraSpecsApiRef, type InfraSpecsApi } from '../api/InfraSpecsApi';

export const paymentsApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: { 'infra-specs.dev/spec-location': './docs/specs' },
  },
  spec: { type: 'service', owner: 'group:default/payments-team' },
};

/** Renders an entity view in a test app with the given infra-specs API and permission answer. */
export function renderEntityView(
  element: ReactElement,
  options: {
    api: InfraSpecsApi;
    entity?: Entity;
    path?: string;
    mountPath?: string;
    allowRefresh?: boolean;
  },
) {
  // usePermission caches answers in SWR's global cache: a fresh cache per render keeps one
  // test's permission answer from leaking into the next. The React Router adapter scopes
  // the view's own routes to its mount path, as the app's page does.
  return renderInTestApp(
    <SWRConfig value={{ provider: () => new Map() }}>
      <EntityProvider entity={options.entity ?? paymentsApi}>
        <ReactRouterV6PageRouter>{element}</ReactRouterV6PageRouter>
      </EntityProvider>
    </SWRConfig>,
    {
      apis: [
        [infraSpecsApiRef, options.api],
        mockApis.permission({
          authorize:
            options.allowRefresh === false
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        }),
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      mountPath: options.mountPath,
      initialRouteEntries: options.path ? [options.path] : undefined,
    },
  );
}
