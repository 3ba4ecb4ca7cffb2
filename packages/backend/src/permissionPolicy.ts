/*
 * The demo portal's permission policy: everyone signed in may read every spec; refreshing a
 * component's specs and creating specs for it is for the component's owners. It shows the
 * owner rule working: the guest (a platform-team member) can refresh platform specs but not
 * payments specs. A real portal writes its own policy; this one is a starting point.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  createInfraSpecsConditionalDecision,
  infraSpecsConditions,
} from '@infra-specs/backstage-plugin-infra-specs-backend';
import {
  infraSpecsRefreshPermission,
  infraSpecsSpecCreatePermission,
} from '@infra-specs/backstage-plugin-infra-specs-common';

export class InfraSpecsDemoPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (
      isPermission(request.permission, infraSpecsRefreshPermission) ||
      isPermission(request.permission, infraSpecsSpecCreatePermission)
    ) {
      return createInfraSpecsConditionalDecision(
        request.permission,
        infraSpecsConditions.isComponentOwner({
          claims: user?.info.ownershipEntityRefs ?? [],
        }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'infra-specs-demo-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new InfraSpecsDemoPolicy());
      },
    });
  },
});
