import { createRouteRef } from '@backstage/core-plugin-api';

/** The portfolio page (`/infra-specs`). Legacy route refs work in both frontend systems. */
export const rootRouteRef = createRouteRef({ id: 'infra-specs' });

/** The Specs tab of an entity page (legacy system mount point). */
export const entitySpecsRouteRef = createRouteRef({
  id: 'infra-specs:entity-specs',
});
