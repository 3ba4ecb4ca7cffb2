/*
 * Permissions of the infra-specs backend, shared by the backend (which enforces them),
 * policy authors and the frontend (`usePermission`).
 */
import { createPermission } from '@backstage/plugin-permission-common';

/** The resource type of a stored spec; resource refs are spec names. @public */
export const INFRA_SPEC_RESOURCE_TYPE = 'infra-spec';

/** Read a spec (list, detail, entity specs, summary, changes). @public */
export const infraSpecsSpecReadPermission = createPermission({
  name: 'infra-specs.spec.read',
  attributes: { action: 'read' },
  resourceType: INFRA_SPEC_RESOURCE_TYPE,
});

/** Re-read spec locations now (POST /refresh). @public */
export const infraSpecsRefreshPermission = createPermission({
  name: 'infra-specs.refresh',
  attributes: { action: 'update' },
});

/** Every permission of infra-specs. @public */
export const infraSpecsPermissions = [
  infraSpecsSpecReadPermission,
  infraSpecsRefreshPermission,
];
