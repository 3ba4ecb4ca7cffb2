import type {
  BackstageCredentials,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  type ConditionTransformer,
  createConditionTransformer,
} from '@backstage/plugin-permission-node';
import {
  infraSpecsRefreshPermission,
  infraSpecsSpecReadPermission,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import type { SpecAccessCondition, SpecAccessFilter } from '../database/SpecStore';
import { infraSpecResourceRef } from './rules';

/** What a principal may read: nothing, everything, or what a filter lets through. */
export type ReadAccess =
  | { type: 'deny' }
  | { type: 'allow'; filter?: SpecAccessFilter };

/** Turns permission decisions into store filters, so pagination stays correct. */
export class SpecAccess {
  readonly #permissions: PermissionsService;
  readonly #transform: ConditionTransformer<SpecAccessCondition>;

  constructor(options: {
    permissions: PermissionsService;
    permissionsRegistry: PermissionsRegistryService;
  }) {
    this.#permissions = options.permissions;
    this.#transform = createConditionTransformer(
      options.permissionsRegistry.getPermissionRuleset(infraSpecResourceRef),
    );
  }

  async read(credentials: BackstageCredentials): Promise<ReadAccess> {
    const [decision] = await this.#permissions.authorizeConditional(
      [{ permission: infraSpecsSpecReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) {
      return { type: 'allow' };
    }
    if (decision.result === AuthorizeResult.CONDITIONAL) {
      return { type: 'allow', filter: this.#transform(decision.conditions) };
    }
    return { type: 'deny' };
  }

  async assertCanRefresh(credentials: BackstageCredentials): Promise<void> {
    const [decision] = await this.#permissions.authorize(
      [{ permission: infraSpecsRefreshPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Refreshing specs needs the ${infraSpecsRefreshPermission.name} permission`,
      );
    }
  }
}
