/* Output fields shared by the infra-specs actions. */
import type { Zod } from './inputProperties';

export const id = (z: Zod) =>
  z.string().describe('The spec id, e.g. `SPEC-0042`');

export const entityName = (z: Zod) =>
  z
    .string()
    .describe(
      'Name of the Spec entity the indexer gives the file, e.g. `spec-0042-upgrade-eks`',
    );

export const entityRef = (z: Zod) =>
  z
    .string()
    .describe(
      'Ref of the expected Spec entity, e.g. `spec:default/spec-0042-upgrade-eks`',
    );

export const entityUrl = (z: Zod) =>
  z
    .string()
    .describe(
      'Portal path of the expected Spec entity page, e.g. `/catalog/default/spec/spec-0042-upgrade-eks`',
    );
