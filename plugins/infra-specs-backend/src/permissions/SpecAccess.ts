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
  infraSpecsSpecCreatePermission,
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

  /**
   * Refreshing one component is decided on it (so a policy can use the owner rule); refreshing
   * every location needs an unconditional decision.
   */
  async assertCanRefresh(
    credentials: BackstageCredentials,
    componentRef?: string,
  ): Promise<void> {
    if (componentRef) {
      await this.#assertAllowed(
        credentials,
        infraSpecsRefreshPermission,
        componentRef,
        `Refreshing the specs of ${componentRef}`,
      );
      return;
    }
    const [decision] = await this.#permissions.authorizeConditional(
      [{ permission: infraSpecsRefreshPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Refreshing every spec location needs unconditional ${infraSpecsRefreshPermission.name} permission; refresh one component instead`,
      );
    }
  }

  /** Creating a spec for a component (reserving its id, writing its file) is decided on the component. */
  async assertCanCreate(
    credentials: BackstageCredentials,
    componentRef: string,
  ): Promise<void> {
    await this.#assertAllowed(
      credentials,
      infraSpecsSpecCreatePermission,
      componentRef,
      `Creating a spec for ${componentRef}`,
    );
  }

  /**
   * Whether the caller may see a component's location (target, error, counts): the same decision
   * as for reading its specs, so a conditional policy hides the location of others' components.
   */
  async canReadLocation(
    credentials: BackstageCredentials,
    access: ReadAccess,
    componentRef: string,
  ): Promise<boolean> {
    if (access.type === 'deny') {
      return false;
    }
    if (!access.filter) {
      return true;
    }
    const [decision] = await this.#permissions.authorize(
      [{ permission: infraSpecsSpecReadPermission, resourceRef: componentRef }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  /** {@link canReadLocation} for many components, in one decision request. */
  async readableLocations<T extends { componentRef: string }>(
    credentials: BackstageCredentials,
    access: ReadAccess,
    locations: T[],
  ): Promise<T[]> {
    if (access.type === 'deny') {
      return [];
    }
    if (!access.filter || locations.length === 0) {
      return locations;
    }
    const decisions = await this.#permissions.authorize(
      locations.map(l => ({
        permission: infraSpecsSpecReadPermission,
        resourceRef: l.componentRef,
      })),
      { credentials },
    );
    return locations.filter(
      (_, i) => decisions[i].result === AuthorizeResult.ALLOW,
    );
  }

  async #assertAllowed(
    credentials: BackstageCredentials,
    permission: typeof infraSpecsRefreshPermission,
    componentRef: string,
    what: string,
  ): Promise<void> {
    const [decision] = await this.#permissions.authorize(
      [{ permission, resourceRef: componentRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`${what} needs the ${permission.name} permission`);
    }
  }
}
