/*
 * Permissions of the infra-specs backend, shared by the backend (which enforces them),
 * policy authors and the frontend (`usePermission`).
 */
import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of specs. A resource ref is a spec's name (or `spec:default/<name>`), or a
 * component's entity ref (`component:default/payments-api`), which stands for the specs of that
 * component, existing or to be created: what refresh and create are decided on.
 * @public
 */
export const INFRA_SPEC_RESOURCE_TYPE = 'infra-spec';

/** Read a spec (list, detail, entity specs, summary, changes). @public */
export const infraSpecsSpecReadPermission = createPermission({
  name: 'infra-specs.spec.read',
  attributes: { action: 'read' },
  resourceType: INFRA_SPEC_RESOURCE_TYPE,
});

/**
 * Re-read spec locations now (POST /refresh): of one component (its ref as the resource ref, so
 * policies can use the owner rule), or of all, which needs an unconditional decision.
 * @public
 */
export const infraSpecsRefreshPermission = createPermission({
  name: 'infra-specs.refresh',
  attributes: { action: 'update' },
  resourceType: INFRA_SPEC_RESOURCE_TYPE,
});

/**
 * Create a spec for a component: reserve its id (POST /next-id), run `infra-specs:create`, write
 * it with `infra-specs:publish-local`. The resource ref is the component's entity ref.
 * @public
 */
export const infraSpecsSpecCreatePermission = createPermission({
  name: 'infra-specs.spec.create',
  attributes: { action: 'create' },
  resourceType: INFRA_SPEC_RESOURCE_TYPE,
});

/** Every permission of infra-specs. @public */
export const infraSpecsPermissions = [
  infraSpecsSpecReadPermission,
  infraSpecsRefreshPermission,
  infraSpecsSpecCreatePermission,
];
