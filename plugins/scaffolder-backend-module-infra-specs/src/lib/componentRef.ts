import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/** A template's `component` input (`network-vpc`) as a full entity ref; a 400 when it is none. */
export function componentRefOf(ref: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref.trim(), {
        defaultKind: 'component',
        defaultNamespace: 'default',
      }),
    );
  } catch (error) {
    throw new InputError(
      `component '${ref}' is not an entity ref: ${(error as Error).message}`,
    );
  }
}
