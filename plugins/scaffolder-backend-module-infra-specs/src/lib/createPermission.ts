import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { infraSpecsSpecCreatePermission } from '@infra-specs/backstage-plugin-infra-specs-common';

/**
 * The server-side check of `infra-specs.spec.create` on the component a template writes a spec
 * for: the template's own component picker filters only in the browser, so anyone could send
 * another team's component.
 */
export async function assertMayCreateSpec(
  permissions: PermissionsService | undefined,
  credentials: BackstageCredentials,
  componentRef: string,
): Promise<void> {
  if (!permissions) {
    return;
  }
  const [decision] = await permissions.authorize(
    [{ permission: infraSpecsSpecCreatePermission, resourceRef: componentRef }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `You may not create specs for ${componentRef}: that needs the ${infraSpecsSpecCreatePermission.name} permission on it`,
    );
  }
}

/**
 * The credentials of the user who runs the template. The actions read the index and reserve
 * ids for that user only; falling back to the scaffolder's own credentials would show them
 * specs they may not read.
 */
export async function initiatorCredentials(
  ctx: { getInitiatorCredentials(): Promise<BackstageCredentials> },
  action: string,
): Promise<BackstageCredentials> {
  try {
    return await ctx.getInitiatorCredentials();
  } catch (error) {
    throw new NotAllowedError(
      `${action} acts for the user who runs the template, and their credentials are not available: ${
        (error as Error).message
      }`,
    );
  }
}
